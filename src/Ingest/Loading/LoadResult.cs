namespace CommunityJustice.Analytics.Ingest.Loading;

public enum LoadOutcome
{
    Loaded,
    /// <summary>A file with the same SHA-256 is already loaded for the dataset; nothing changed.</summary>
    Unchanged,
    /// <summary>Validated and staged, then rolled back as asked.</summary>
    DryRun,
}

public sealed record RejectedRow(long Line, string Reason);

public sealed record LoadResult
{
    public const int RejectSampleSize = 100;

    public required string DatasetCode { get; init; }
    public required LoadOutcome Outcome { get; init; }
    public required string FilePath { get; init; }
    public required string Sha256 { get; init; }
    public string? Encoding { get; init; }
    public DateOnly EditionDate { get; init; }
    /// <summary>The dataset_versions row written (or, when unchanged, the one already there).</summary>
    public int? VersionId { get; init; }
    public long RowsRead { get; init; }
    public long RowsLoaded { get; init; }
    public long RowsRejected { get; init; }
    /// <summary>The first <see cref="RejectSampleSize"/> rejects by line; the report file has them all.</summary>
    public IReadOnlyList<RejectedRow> Rejects { get; init; } = [];
    /// <summary>Every reject grouped by its reason (and the value it names), most frequent first.</summary>
    public IReadOnlyList<RejectGroup> RejectGroups { get; init; } = [];
    /// <summary>Source rows deliberately not loaded (e.g. "Other" and "Unknown" areas, establishment breakdowns), by reason; not counted as read.</summary>
    public IReadOnlyDictionary<string, long> Skipped { get; init; } = new Dictionary<string, long>();
    public string? ReportFolder { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>
    /// When the rows were stored and committed, from the start of the load (null when the load used one transaction: a dry
    /// run, a file that gives a cell twice, a geography lookup); the edition became visible at <see cref="Elapsed"/>.
    /// </summary>
    public TimeSpan? StoredAfter { get; init; }
    /// <summary>True when an earlier run had stored this file's rows and this one published them without reading the file again.</summary>
    public bool Resumed { get; init; }
    /// <summary>The disclosure decisions taken in the load's transaction (none for a dry run or an unchanged file).</summary>
    public Model.Disclosure.DecisionRun? Disclosure { get; init; }
}

/// <summary>More rows were rejected than the load allows: it was rolled back, and stored data is as it was.</summary>
public sealed class TooManyRejectsException(LoadResult result, long maxRejects) : IngestException(Describe(result, maxRejects))
{
    public LoadResult Result { get; } = result;

    private static string Describe(LoadResult result, long maxRejects)
    {
        var shown = string.Join("; ", result.Rejects.Take(5).Select(r => $"line {r.Line}: {r.Reason}"));
        var more = result.RowsRejected > 5 ? $"; and {result.RowsRejected - 5} more" : "";
        var report = result.ReportFolder is null ? "" : $" The full list is in {Path.Combine(result.ReportFolder, RunReport.RejectsFile)}.";
        return $"{result.FilePath}: {result.RowsRejected} of {result.RowsRead} rows rejected for dataset '{result.DatasetCode}' " +
               $"(at most {maxRejects} allowed), so nothing was loaded and the stored data is unchanged. {shown}{more}.{report}";
    }
}
