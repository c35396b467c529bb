using System.Globalization;
using CommunityJustice.Analytics.Ingest.Loading;
using Spectre.Console;

namespace CommunityJustice.Analytics.Ingest.Cli;

/// <summary>What the commands print: a summary table of loads, and the rejects of a failed one.</summary>
internal static class Output
{
    private const int RejectsShown = 20;

    public static void Summary(IReadOnlyList<(string Dataset, LoadResult? Result, string? Error)> loads)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Ingest summary")
            .AddColumn("Dataset").AddColumn("Outcome").AddColumn("Edition")
            .AddColumn(new TableColumn("Read").RightAligned()).AddColumn(new TableColumn("Loaded").RightAligned())
            .AddColumn(new TableColumn("Rejected").RightAligned()).AddColumn("Encoding").AddColumn(new TableColumn("Time").RightAligned());
        foreach (var (dataset, result, error) in loads)
        {
            if (result is null)
            {
                table.AddRow(Markup.Escape(dataset), "[red]failed[/]", "", "", "", "", "", "");
                continue;
            }
            // A load that failed after reading (too many rejects) still shows what it read; nothing of it was stored.
            var outcome = error is not null ? "[red]failed, rolled back[/]" : result.Outcome switch
            {
                LoadOutcome.Loaded => "[green]loaded[/]",
                LoadOutcome.Unchanged => "[grey]unchanged, skipped[/]",
                _ => "[yellow]dry run, rolled back[/]",
            };
            table.AddRow(Markup.Escape(dataset), outcome, result.EditionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{result.RowsRead:N0}", error is not null ? "0" : $"{result.RowsLoaded:N0}",
                result.RowsRejected > 0 ? $"[yellow]{result.RowsRejected:N0}[/]" : "0", Markup.Escape(result.Encoding ?? ""),
                result.Outcome == LoadOutcome.Unchanged && error is null ? "" : $"{result.Elapsed.TotalSeconds:F1} s");
        }
        AnsiConsole.Write(table);
        foreach (var (_, result, error) in loads)
        {
            if (result is { RowsRejected: > 0 } && error is null) Rejects(result);
            if (result?.ReportFolder is { } folder) AnsiConsole.MarkupLineInterpolated($"[grey]{result.DatasetCode}: run log and reject report in {folder}[/]");
        }
    }

    /// <summary>The rejects grouped: one line per distinct reason and value, with its count and first lines.</summary>
    public static void Rejects(LoadResult result)
    {
        if (result.Rejects.Count == 0 && result.RejectGroups.Count == 0) return;
        var groups = result.RejectGroups.Count > 0 ? result.RejectGroups : RejectGroups.Of(result.Rejects);
        var table = new Table().Border(TableBorder.Simple)
            .Title($"Rejected rows of {Markup.Escape(result.DatasetCode)} ({result.RowsRejected:N0}, {groups.Count:N0} distinct reason{(groups.Count == 1 ? "" : "s")})")
            .AddColumn(new TableColumn("Rows").RightAligned()).AddColumn("Reason").AddColumn("First lines");
        foreach (var group in groups.Take(RejectsShown))
            table.AddRow($"{group.Count:N0}", Markup.Escape(group.Reason),
                string.Join(", ", group.FirstLines.Select(l => l.ToString("N0", CultureInfo.InvariantCulture))) + (group.MoreLines ? ", …" : ""));
        CliAction.Error.Write(table);
        if (groups.Count > RejectsShown)
            CliAction.Error.MarkupLineInterpolated($"… and {groups.Count - RejectsShown:N0} more reasons{(result.ReportFolder is null ? "" : $", every reject listed in {Path.Combine(result.ReportFolder, RunReport.RejectsFile)}")}");
        else if (result.ReportFolder is not null)
            CliAction.Error.MarkupLineInterpolated($"every reject is listed in {Path.Combine(result.ReportFolder, RunReport.RejectsFile)}");
    }

    /// <summary>Runs a load with a live row counter when the terminal can show one.</summary>
    public static async Task<LoadResult> WithProgressAsync(string dataset, Func<Action<long>?, Task<LoadResult>> load)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await load(null);
        LoadResult? result = null;
        await AnsiConsole.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{Markup.Escape(dataset)}: reading").IsIndeterminate();
                result = await load(rows => task.Description = $"{Markup.Escape(dataset)}: {rows:N0} rows read");
                task.StopTask();
            });
        return result!;
    }
}
