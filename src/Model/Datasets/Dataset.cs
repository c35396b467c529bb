namespace CommunityJustice.Analytics.Model.Datasets;

/// <summary>A published statistical source, e.g. statistics.gov.scot "Reconvictions".</summary>
public sealed class Dataset
{
    public required string Code { get; init; }
    public required string Title { get; set; }
    public required string Publisher { get; set; }
    public required string SourceUrl { get; set; }
    public required string Licence { get; set; }
    public List<DatasetVersion> Versions { get; init; } = [];
}

/// <summary>One loaded edition of a dataset: the file it came from and how the load went.</summary>
public sealed class DatasetVersion
{
    public int Id { get; init; }
    public required string DatasetCode { get; init; }
    public Dataset? Dataset { get; set; }
    /// <summary>The date the publisher released this edition.</summary>
    public DateOnly EditionDate { get; init; }
    public required string FileName { get; init; }
    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string FileSha256 { get; init; }
    public DateTimeOffset LoadedAt { get; init; }
    public long RowsRead { get; set; }
    public long RowsLoaded { get; set; }
    public long RowsRejected { get; set; }
    /// <summary>True for the newest loaded edition of its dataset: what queries read by default.</summary>
    public bool IsLatest { get; set; }
    public List<IngestReject> Rejects { get; init; } = [];
}

/// <summary>A row of a source file that was read but not loaded, and why.</summary>
public sealed class IngestReject
{
    public long Id { get; init; }
    public int DatasetVersionId { get; init; }
    public long LineNumber { get; init; }
    public required string Reason { get; init; }
}

/// <summary>
/// How many distinct areas and periods one edition has figures for, per indicator: written by the
/// ingest in the load's transaction (editions never change after), so that the API's cost estimate
/// reads a few hundred rows instead of counting over every latest edition's observations.
/// </summary>
public sealed class EditionIndicatorExtent
{
    public int DatasetVersionId { get; init; }
    public required string IndicatorCode { get; init; }
    public int Areas { get; init; }
    public int Periods { get; init; }
}
