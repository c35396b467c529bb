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
            var outcome = result.Outcome switch
            {
                LoadOutcome.Loaded => "[green]loaded[/]",
                LoadOutcome.Unchanged => "[grey]unchanged, skipped[/]",
                _ => "[yellow]dry run, rolled back[/]",
            };
            table.AddRow(Markup.Escape(dataset), outcome, result.EditionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{result.RowsRead:N0}", $"{result.RowsLoaded:N0}",
                result.RowsRejected > 0 ? $"[yellow]{result.RowsRejected:N0}[/]" : "0", Markup.Escape(result.Encoding ?? ""),
                result.Outcome == LoadOutcome.Unchanged ? "" : $"{result.Elapsed.TotalSeconds:F1} s");
        }
        AnsiConsole.Write(table);
        foreach (var (_, result, _) in loads)
        {
            if (result is { RowsRejected: > 0 }) Rejects(result);
            if (result?.ReportFolder is { } folder) AnsiConsole.MarkupLineInterpolated($"[grey]{result.DatasetCode}: run log and reject report in {folder}[/]");
        }
    }

    public static void Rejects(LoadResult result)
    {
        if (result.Rejects.Count == 0) return;
        var table = new Table().Border(TableBorder.Simple).Title($"Rejected rows of {Markup.Escape(result.DatasetCode)} ({result.RowsRejected:N0})")
            .AddColumn(new TableColumn("Line").RightAligned()).AddColumn("Reason");
        foreach (var reject in result.Rejects.Take(RejectsShown)) table.AddRow($"{reject.Line}", Markup.Escape(reject.Reason));
        CliAction.Error.Write(table);
        if (result.RowsRejected > RejectsShown)
            CliAction.Error.MarkupLineInterpolated($"… and {result.RowsRejected - RejectsShown:N0} more{(result.ReportFolder is null ? "" : $", listed in {Path.Combine(result.ReportFolder, RunReport.RejectsFile)}")}");
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
