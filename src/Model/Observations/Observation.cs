using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Indicators;

namespace CommunityJustice.Analytics.Model.Observations;

/// <summary>One published figure: an indicator's value for an area, period, sex and age band, from one dataset edition.</summary>
public sealed class Observation
{
    public long Id { get; init; }
    public required string IndicatorCode { get; init; }
    public Indicator? Indicator { get; set; }
    public required string AreaCode { get; init; }
    public Area? Area { get; set; }
    public PeriodType PeriodType { get; init; }
    /// <summary>Human label, e.g. "2017-18" for the financial year 2017/2018.</summary>
    public required string PeriodLabel { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public Sex Sex { get; init; }
    public required string AgeBandCode { get; init; }
    public AgeBand? AgeBand { get; set; }
    /// <summary>The published value; null whenever <see cref="Status"/> is not Published.</summary>
    public decimal? Value { get; init; }
    public ObservationStatus Status { get; init; }
    /// <summary>
    /// The count behind the figure where the source publishes it (e.g. people reconvicted), so that
    /// confidence intervals can be computed; null when the source gives only the rate.
    /// </summary>
    public decimal? Numerator { get; init; }
    /// <summary>The base of the figure where published (e.g. offenders in the cohort, or the population).</summary>
    public decimal? Denominator { get; init; }
    /// <summary>The marker as printed in the source (e.g. "[x]", "**"), when there was one.</summary>
    public string? Marker { get; init; }
    public int DatasetVersionId { get; init; }
    public DatasetVersion? DatasetVersion { get; set; }
}

public enum Sex
{
    All,
    Male,
    Female,
}

public enum ObservationStatus
{
    Published,
    Suppressed,
    NotAvailable,
    NotApplicable,
}

public enum PeriodType
{
    CalendarYear,
    FinancialYear,
    Quarter,
    Month,
    YearRange,
    FinancialYearRange,
}

/// <summary>An age band used by publishers, e.g. "under-21" (Under 21 years).</summary>
public sealed class AgeBand
{
    public required string Code { get; init; }
    public required string Label { get; set; }
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public int SortOrder { get; set; }
}
