using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using CommunityJustice.Analytics.Ingest.Catalog;
using CommunityJustice.Analytics.Ingest.Manifests;
using CommunityJustice.Analytics.Ingest.Sources;
using CommunityJustice.Analytics.Ingest.Watch;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>
/// `ingest watch`: polls source addresses (manifests with a <c>poll</c> setting, --dataset, a --config
/// file) on their intervals, with retries, backoff and Retry-After, conditional requests, and loads
/// each file whose content is not loaded yet as a new edition. See docs/architecture.md, "Watch mode".
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "Watch config: a JSON list of { \"dataset\", \"url\", \"every\" } (url and every default to the manifest's)" };
        config.AcceptExistingOnly();
        var datasets = new Option<string[]>("--dataset") { Description = "Also poll this manifest's sourceUrl (repeatable); manifests with a \"poll\" setting are polled anyway" };
        var manifests = CommonOptions.Manifests();
        var once = new Option<bool>("--once") { Description = "Poll each source once and exit (non-zero if any failed): for cron and tests" };
        var interval = new Option<TimeSpan?>("--interval")
        {
            Description = "Poll every source at this interval instead of its own (PT6H, P1D, 30m, 6h ...)",
            CustomParser = r =>
            {
                var text = r.Tokens.Single().Value;
                if (PollInterval.TryParse(text, out var value)) return value;
                r.AddError($"--interval must be an ISO 8601 duration such as PT6H or a number with s, m, h or d, of at least a second; not '{text}'.");
                return null;
            },
        };
        var retries = new Option<int>("--retries")
        {
            Description = "Retries of a transient failure (5xx, 408, 429, network error, timeout) per poll", DefaultValueFactory = _ => new RetrySettings().MaxRetries,
            Validators = { r => { if (r.GetValueOrDefault<int>() is < 0 or > 20) r.AddError("--retries must be between 0 and 20."); } },
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds each attempt (headers and whole file) may take", DefaultValueFactory = _ => (int)new RetrySettings().AttemptTimeout.TotalSeconds,
            Validators = { r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--timeout must be at least 1 second."); } },
        };
        var cache = new Option<string?>("--cache") { Description = "Folder for downloaded files and the watch state (default: .local/ingest-watch in the checkout)" };
        var maxRejects = CommonOptions.MaxRejects();
        var dryRun = CommonOptions.DryRun();
        var output = CommonOptions.Output();
        var migrate = MigrateCommand.Option();
        var command = new Command("watch", "Poll source addresses (partners' template files, official URLs) and load each new edition; Ctrl+C stops")
        {
            config, datasets, manifests, once, interval, retries, timeout, cache, maxRejects, dryRun, output, migrate,
        };

        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            var catalog = ManifestCatalog.Load(parse.GetValue(manifests));
            var configFile = parse.GetValue(config);
            var sources = WatchSources.Select(catalog, parse.GetValue(datasets) ?? [],
                configFile is null ? [] : WatchSources.ReadConfig(configFile.FullName), configFile?.FullName, parse.GetValue(interval));
            if (sources.Count == 0)
                throw new IngestException("Nothing to watch: no manifest has a \"poll\" setting. Name datasets with --dataset, or list sources in a --config file.");

            var connectionString = CommonOptions.ConnectionString(parse);
            if (parse.GetValue(migrate)) await MigrateCommand.MigrateAsync(connectionString, cancellationToken);
            var cacheFolder = parse.GetValue(cache) is { Length: > 0 } folder ? Path.GetFullPath(folder) : MirrorFolder.LocalFolder("ingest-watch");
            var settings = new RetrySettings { MaxRetries = parse.GetValue(retries), AttemptTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            using var http = ResilientDownloader.CreateClient();
            var poller = new SourcePoller(connectionString, new ResilientDownloader(http, settings, Say), WatchState.Load(cacheFolder), cacheFolder,
                new WatchLoadSettings { MaxRejects = parse.GetValue(maxRejects), DryRun = parse.GetValue(dryRun), ReportFolder = CommonOptions.OutputFolder(parse, output) });

            var runOnce = parse.GetValue(once);
            Sources(sources, runOnce);
            // Ctrl+C (SIGINT) and SIGTERM (docker stop, systemd) stop the watcher: between polls it exits 0 at once;
            // during a poll the load's transaction is rolled back. Registered here so the signal never kills the process outright.
            using var stop = new CancellationTokenSource();
            using var signals = StopOnSignals(stop);
            // System.CommandLine cancels its token from its own signal handler, on the runtime's signal
            // thread: hand that on to the thread pool too, or the rest of the watch (and the process's
            // exit) would run on the signal thread while it is still dispatching the signal.
            using var forward = cancellationToken.Register(() => CancelLater(stop));
            var loop = new WatchLoop(sources, (source, ct) => PollAsync(poller, source, ct), Report, Say);
            try
            {
                if (runOnce)
                {
                    var results = await loop.RunOnceAsync(stop.Token);
                    Summary(results);
                    return results.Any(r => r.Outcome == PollOutcome.Failed) ? CliAction.Failed : 0;
                }
                await loop.RunAsync(stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                CliAction.Fail("Stopped during a poll: its download was abandoned and its load rolled back; nothing from it was stored.");
                return CliAction.Cancelled;
            }
            Say("stopped (Ctrl+C or SIGTERM) between polls");
            return 0;
        });
        return command;
    }

    private static void CancelLater(CancellationTokenSource stop) => _ = Task.Run(() =>
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The watch has already finished.
        }
    });

    private static CompositeDisposable StopOnSignals(CancellationTokenSource stop)
    {
        var registrations = new CompositeDisposable();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            try
            {
                registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    // Not inline: cancellation callbacks would otherwise run the rest of the watch on the signal thread.
                    CancelLater(stop);
                }));
            }
            catch (PlatformNotSupportedException)
            {
            }
        }
        return registrations;
    }

    private sealed class CompositeDisposable : List<IDisposable>, IDisposable
    {
        public void Dispose() => ForEach(d => d.Dispose());
    }

    private static async Task<PollResult> PollAsync(SourcePoller poller, WatchSource source, CancellationToken cancellationToken)
    {
        Say($"{source.Dataset}: GET {source.Url}");
        return await poller.PollAsync(source, cancellationToken);
    }

    private static void Sources(IReadOnlyList<WatchSource> sources, bool once)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(once ? "Watching (each source once)" : "Watching")
            .AddColumn("Dataset").AddColumn("Address").AddColumn("Every").AddColumn("From");
        foreach (var s in sources)
            table.AddRow(Markup.Escape(s.Dataset), Markup.Escape(s.Url.ToString()), PollInterval.Describe(s.Every), Markup.Escape(s.From));
        AnsiConsole.Write(table);
    }

    private static void Report(PollResult result)
    {
        var colour = result.Outcome switch
        {
            PollOutcome.Loaded => "green",
            PollOutcome.Failed => "red",
            PollOutcome.DryRun => "yellow",
            _ => "grey",
        };
        var line = $"{DateTime.Now:HH:mm:ss} {result.Source.Dataset}: {result.Message}";
        if (result.Outcome == PollOutcome.Failed)
        {
            if (result.Load is { RowsRejected: > 0 } rejected) Output.Rejects(rejected);
            CliAction.Fail($"{result.Source.Dataset} ({result.Source.Url}): {result.Message}. Watching goes on.");
            return;
        }
        AnsiConsole.MarkupLine($"[{colour}]{Markup.Escape(line)}[/]");
    }

    private static void Summary(IReadOnlyList<PollResult> results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Watch summary")
            .AddColumn("Dataset").AddColumn("Address").AddColumn("Outcome").AddColumn(new TableColumn("Requests").RightAligned()).AddColumn("Edition");
        foreach (var r in results)
        {
            var outcome = r.Outcome switch
            {
                PollOutcome.Loaded => "[green]loaded[/]",
                PollOutcome.NotModified => "[grey]not modified (304)[/]",
                PollOutcome.Unchanged => "[grey]unchanged, skipped[/]",
                PollOutcome.DryRun => "[yellow]dry run, rolled back[/]",
                _ => "[red]failed[/]",
            };
            table.AddRow(Markup.Escape(r.Source.Dataset), Markup.Escape(r.Source.Url.ToString()), outcome, r.Attempts.ToString(CultureInfo.InvariantCulture),
                r.Load is { } load && r.Outcome is PollOutcome.Loaded or PollOutcome.DryRun ? load.EditionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "");
        }
        AnsiConsole.Write(table);
    }

    private static void Say(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]{DateTime.Now:HH:mm:ss} {message}[/]");
}
