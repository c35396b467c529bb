using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// Describes one published dataset: where it comes from, what it is, the exact bytes expected
/// and how its columns map to the model. One JSON file per dataset under Datasets/.
/// </summary>
public sealed record DatasetManifest
{
    public required string Code { get; init; }
    public required string Title { get; init; }
    public required string Publisher { get; init; }
    public required string Licence { get; init; }
    /// <summary>The official address of the file; used to download it when no mirror copy exists.</summary>
    public required string SourceUrl { get; init; }
    public DateOnly EditionDate { get; init; }
    public string? Notes { get; init; }
    /// <summary>Path of the file inside the local mirror folder, with forward slashes.</summary>
    public required string MirrorPath { get; init; }
    /// <summary>SHA-256 of the published file, lower-case hex.</summary>
    public required string Sha256 { get; init; }
    public string? Md5 { get; init; }
    public required string Format { get; init; }
    /// <summary>How the columns of a CSV map to the model (statistics.gov.scot formats).</summary>
    public ManifestMapping Mapping { get; init; } = new();
    /// <summary>Format sg-excel-table: the worksheet tables of the workbook and how each maps to the model.</summary>
    public IReadOnlyList<ExcelTableMapping> Tables { get; init; } = [];
    /// <summary>Where things sit in files of the SPARQL, pivot, tidy-long, wide and template formats (src/Ingest/Formats, checked by src/Ingest/Tabular/LayoutRules.cs).</summary>
    public SourceLayout? Layout { get; init; }
    /// <summary>Format geography-lookup: the levels whose codes and names the lookup's columns hold.</summary>
    public GeographyMapping? Geography { get; init; }
    /// <summary>True when the figures were typed from the text of publications, not read from a data file (SOURCES.md section 6).</summary>
    public bool TranscribedFromText { get; init; }
    /// <summary>A transcribed manifest's edition: the figures themselves, with their citations.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TranscribedEdition? Transcribed { get; init; }

    /// <summary>Indicators this dataset brings to the catalogue (added in its load's transaction); codes already in the catalogue need no entry.</summary>
    public IReadOnlyList<ManifestIndicator> Indicators { get; init; } = [];

    /// <summary>`ingest watch` polls <see cref="SourceUrl"/> at this interval (src/Ingest/Watch).</summary>
    public PollSetting? Poll { get; init; }

    /// <summary>The manifest file this was read from, for messages.</summary>
    public string? SourceFile { get; init; }

    public string FileName => Path.GetFileName(MirrorPath);
}

public sealed record ManifestMapping
{
    public IReadOnlyList<IndicatorMapping> Indicators { get; init; } = [];
    public IReadOnlyList<DimensionMapping> Dimensions { get; init; } = [];
    /// <summary>DataMarker text → status, on top of <see cref="MarkerDefaults"/>.</summary>
    public IReadOnlyDictionary<string, ObservationStatus> Markers { get; init; } = new Dictionary<string, ObservationStatus>();
}

/// <summary>A Measurement/Units pair of the source and the indicator its values are.</summary>
public sealed record IndicatorMapping
{
    public required string Measurement { get; init; }
    public required string Units { get; init; }
    public required string Indicator { get; init; }
}

/// <summary>A dimension column of the source and how its values become codes of the model.</summary>
public sealed record DimensionMapping
{
    public required string Column { get; init; }
    public DimensionTarget Target { get; init; }
    /// <summary>Source value → model code: a <see cref="Sex"/> name, or an age band code.</summary>
    public required IReadOnlyDictionary<string, string> Codes { get; init; }
}

public enum DimensionTarget
{
    Sex,
    AgeBand,
}

/// <summary>Markers statistics.gov.scot and SG tables use, so most manifests need not list them.</summary>
public static class MarkerDefaults
{
    public static readonly IReadOnlyDictionary<string, ObservationStatus> All = new Dictionary<string, ObservationStatus>(StringComparer.Ordinal)
    {
        ["*"] = ObservationStatus.Suppressed,
        ["c"] = ObservationStatus.Suppressed,
        ["[c]"] = ObservationStatus.Suppressed,
        ["[x]"] = ObservationStatus.Suppressed,
        ["**"] = ObservationStatus.Suppressed,
        [".."] = ObservationStatus.NotAvailable,
        [":"] = ObservationStatus.NotAvailable,
        ["x"] = ObservationStatus.NotAvailable,
        ["-"] = ObservationStatus.NotAvailable,
        ["z"] = ObservationStatus.NotApplicable,
        ["[z]"] = ObservationStatus.NotApplicable,
        ["n/a"] = ObservationStatus.NotApplicable,
    };
}
