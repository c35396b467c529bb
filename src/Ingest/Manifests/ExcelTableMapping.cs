namespace CommunityJustice.Analytics.Ingest.Manifests;

/// <summary>
/// How one table on one worksheet of a Scottish Government Excel publication becomes observations
/// (manifest format <c>sg-excel-table</c>; a manifest lists one or more tables under <c>tables</c>).
/// Column names are header texts as printed, with footnote digits glued to words (<c>Age2</c>),
/// <c>[note N]</c> tags and extra spaces ignored, compared without regard to case.
/// </summary>
public sealed record ExcelTableMapping
{
    /// <summary>The worksheet's name (leading/trailing spaces ignored: the 2017-18 reconviction workbook has "Table 17 ").</summary>
    public required string Sheet { get; init; }
    /// <summary>The header row's number as Excel shows it (1-based); or give <see cref="HeaderStartsWith"/>.</summary>
    public int? HeaderRow { get; init; }
    /// <summary>The header is the first row whose first non-empty cell reads this (e.g. "Cohort", "Local Authority").</summary>
    public string? HeaderStartsWith { get; init; }

    public ExcelDimension? Area { get; init; }
    public ExcelDimension? Period { get; init; }
    public ExcelDimension? Sex { get; init; }
    public ExcelDimension? AgeBand { get; init; }
    /// <summary>Further dimensions whose codes fill <c>{name}</c> placeholders in indicator codes (e.g. legal status, penalty).</summary>
    public IReadOnlyList<ExcelDimension> Keys { get; init; } = [];
    /// <summary>Rows kept only when a column has one of the listed values (e.g. Establishment = All); the rest are skipped and counted.</summary>
    public IReadOnlyList<ExcelFilter> Filters { get; init; } = [];

    /// <summary>Measure columns, each feeding one indicator. Used when the period is a column or fixed.</summary>
    public IReadOnlyList<ExcelMeasure> Measures { get; init; } = [];
    /// <summary>For wide tables (period.wide): the indicator every period column's value is; may use <c>{key}</c> placeholders.</summary>
    public string? Indicator { get; init; }
}

/// <summary>
/// Where a dimension's value comes from: a column, the section rows between data rows
/// (<c>Males</c>, <c>Discharged from Custody3</c>), a fixed value, or — for the period — the
/// header of each wide year column. Source values map through <see cref="Codes"/>; listed
/// <see cref="Skip"/> values drop the row with a counted reason; any other value is a reject,
/// unless <see cref="SkipOthers"/> gives the reason to skip it.
/// </summary>
public sealed record ExcelDimension
{
    /// <summary>For keys: the placeholder name used in indicator codes.</summary>
    public string? Name { get; init; }
    public string? Column { get; init; }
    /// <summary>The value comes from the last section row above the data row.</summary>
    public bool Section { get; init; }
    /// <summary>Period only: each header that reads as a period is a column of values (unpivoted).</summary>
    public bool Wide { get; init; }
    /// <summary>A fixed value for every row (a code: S92000003, All, all, 2017-18).</summary>
    public string? Value { get; init; }
    /// <summary>Period only: the forms to read, in order (financialYear, calendarYear, month, quarter, dateCode). Default financialYear.</summary>
    public IReadOnlyList<string> Forms { get; init; } = [];
    public IReadOnlyDictionary<string, string> Codes { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Skip { get; init; } = new Dictionary<string, string>();
    public string? SkipOthers { get; init; }
}

public sealed record ExcelFilter
{
    public required string Column { get; init; }
    public required IReadOnlyList<string> Keep { get; init; }
    /// <summary>Why the other rows are not loaded (reported with their count).</summary>
    public required string Reason { get; init; }
}

/// <summary>A measure column and the indicator it feeds; optionally the columns of the same row that hold its count and base.</summary>
public sealed record ExcelMeasure
{
    public required string Column { get; init; }
    public required string Indicator { get; init; }
    /// <summary>A column of the same row holding the figure's base (e.g. "Number of offenders" for a reconviction rate of exactly that cohort).</summary>
    public string? Denominator { get; init; }
    public string? Numerator { get; init; }
}
