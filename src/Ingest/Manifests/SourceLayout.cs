using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// Where the parts of an observation sit in a file of one of the formats that are not the
/// statistics.gov.scot tidy CSV (SPARQL CSV, pivot CSV, tidy-long sheet, plain wide CSV, SNSA
/// template). Only the members the manifest's format uses are set; sex and age columns are mapped
/// by <see cref="ManifestMapping.Dimensions"/> as for the tidy CSV.
/// </summary>
public sealed record SourceLayout
{
    /// <summary>Excel files: the worksheet to read (default: the first).</summary>
    public string? Sheet { get; init; }
    /// <summary>Wide files: the line (worksheet row) of the header, when title or note lines come before it (default: the first non-blank line).</summary>
    public int? HeaderRow { get; init; }
    /// <summary>
    /// Wide files: the status of a blank value cell, for publishers who leave a figure out without a marker (SIMD's 21 blank
    /// indicator cells); without it a blank value is a reject. Never Published.
    /// </summary>
    public ObservationStatus? BlankValue { get; init; }
    /// <summary>The column holding the area: a GSS code, a statistics.gov.scot geography URI, or a name resolved through the alias table.</summary>
    public string? AreaColumn { get; init; }
    /// <summary>The column holding the period (a DateCode, a bare year, or a reference.data.gov.uk period URI).</summary>
    public string? PeriodColumn { get; init; }
    /// <summary>The column holding the figure.</summary>
    public string? ValueColumn { get; init; }
    /// <summary>A column holding a marker (suppression etc.), if the file has one.</summary>
    public string? MarkerColumn { get; init; }
    /// <summary>A column whose values say which measure a row is (e.g. a SPARQL measure-type URI); mapped by <see cref="IndicatorCodes"/>.</summary>
    public string? IndicatorColumn { get; init; }
    /// <summary>Values of <see cref="IndicatorColumn"/> (or of a pivot file's measure metadata) → indicator codes.</summary>
    public IReadOnlyDictionary<string, string> IndicatorCodes { get; init; } = new Dictionary<string, string>();
    /// <summary>The indicator every value is, when the file has no indicator column.</summary>
    public string? Indicator { get; init; }
    /// <summary>The period every value is for, when the file has no period column.</summary>
    public PeriodSpec? Period { get; init; }
    /// <summary>Wide files: each measure column and the indicator its values are.</summary>
    public IReadOnlyList<MeasureColumn> Measures { get; init; } = [];
    /// <summary>Columns the file has that carry nothing to load (labels beside codes, notes).</summary>
    public IReadOnlyList<string> IgnoredColumns { get; init; } = [];
    /// <summary>Pivot files: metadata lines "name,value" that must be present with exactly this value (e.g. the measure type).</summary>
    public IReadOnlyDictionary<string, string> RequiredMetadata { get; init; } = new Dictionary<string, string>();
    /// <summary>The sex of every value when the file has no sex column (default All).</summary>
    public Sex? Sex { get; init; }
    /// <summary>The age band of every value when the file has no age column (default all).</summary>
    public string? AgeBand { get; init; }
    /// <summary>SNSA template files: the community justice partnership whose management information the file holds.</summary>
    public string? Partnership { get; init; }
    /// <summary>
    /// Every format with an area per row (tidy CSV, SPARQL, pivot, tidy-long, plain wide): the geography levels to load, by GSS entity code ("S12" council areas, "S92" Scotland);
    /// rows of other levels are skipped and counted under the reason instead of being rejected as unknown areas.
    /// </summary>
    public AreaLevelFilter? KeepAreas { get; init; }
}

/// <summary>
/// "Keep council areas and Scotland": <c>{ "codes": ["S12", "S92"], "reason": "..." }</c>. A row whose area is a GSS code
/// (or geography URI) of another entity (S01 data zone, S02 intermediate zone, S13 ward, S08 health board ...) is
/// skipped with the reason; a code of a kept entity that is not known, and any name, is still resolved (and rejected
/// when unknown), so a typo is never skipped.
/// </summary>
public sealed record AreaLevelFilter
{
    public required IReadOnlyList<string> Codes { get; init; }
    public required string Reason { get; init; }
}

/// <summary>A measure column of a wide file: the indicator its values are (default: the layout's <c>indicator</c>) and, for a file with an age in each column, its age band.</summary>
public sealed record MeasureColumn
{
    public required string Column { get; init; }
    public string? Indicator { get; init; }
    /// <summary>The age band of the column's values ("Age 0" → age-0), instead of the layout's.</summary>
    public string? AgeBand { get; init; }
    /// <summary>The values are written with a percent sign ("8%"): the sign, where present, is dropped and the number kept (8).</summary>
    public bool Percent { get; init; }
}

/// <summary>
/// A fixed period: a DateCode (<c>2018</c>, <c>2017/2018</c> ...), or an explicit label and dates
/// for periods DateCode has no form for (NRS "mid-2017 to mid-2018").
/// </summary>
public sealed record PeriodSpec
{
    public string? DateCode { get; init; }
    public PeriodType? Type { get; init; }
    public string? Label { get; init; }
    public DateOnly? Start { get; init; }
    public DateOnly? End { get; init; }
}
