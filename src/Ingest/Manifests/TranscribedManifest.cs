using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;

namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// A dataset whose figures are typed into the manifest itself, transcribed from the text of
/// publications where no data file exists (SOURCES.md section 6). Each row cites its publication
/// and page. Each edition (a publication date with the figures that edition printed) becomes one
/// <see cref="DatasetManifest"/>, so a figure revised between editions is stored as two dataset
/// versions and shows as a revision.
/// </summary>
public sealed record TranscribedManifest
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Licence { get; init; }
    public required string SourceUrl { get; init; }
    public string? Notes { get; init; }
    /// <summary>Must be true: says, in the metadata, that these figures were typed from published text.</summary>
    public bool TranscribedFromText { get; init; }
    public required IReadOnlyList<TranscribedEdition> Editions { get; init; }
}

/// <summary>One published edition: when it was published, what it is, and the figures it printed.</summary>
public sealed record TranscribedEdition
{
    public DateOnly EditionDate { get; init; }
    /// <summary>The publication this edition is (e.g. "Reconviction Rates in Scotland: 2019-20 Offender Cohort").</summary>
    public required string Publication { get; init; }
    /// <summary>How the edition date was arrived at, when it is not the stated release date.</summary>
    public string? EditionDateNote { get; init; }
    public required IReadOnlyList<TranscribedRow> Rows { get; init; }
}

/// <summary>A figure as printed, and where.</summary>
public sealed record TranscribedRow
{
    public required string Indicator { get; init; }
    public required string Area { get; init; }
    /// <summary>A DateCode (2019/2020, 2019/20, 2016 ...).</summary>
    public required string Period { get; init; }
    public Sex Sex { get; init; } = Sex.All;
    public string AgeBand { get; init; } = ReferenceAgeBands.AllAges;
    public decimal? Value { get; init; }
    /// <summary>The figure exactly as printed ("14,700", "24.1%"), so a reader can check the transcription.</summary>
    public string? Printed { get; init; }
    public ObservationStatus Status { get; init; } = ObservationStatus.Published;
    public string? Marker { get; init; }
    /// <summary>The publication the figure is printed in.</summary>
    public required string Publication { get; init; }
    /// <summary>Where in it: page, table or section.</summary>
    public required string Page { get; init; }
    /// <summary>Anything a reader must know: rounding as published, approximations ("about 2,000"), caveats.</summary>
    public string? Note { get; init; }

    public string Citation => Note is { Length: > 0 } ? $"{Publication}, {Page}; {Note}" : $"{Publication}, {Page}";
}
