namespace CommunityJustice.Analytics.Model.Plans;

/// <summary>A plan's performance indicator, as published, with an optional link to the project's figures.</summary>
public sealed class PlanKpi
{
    public int Id { get; init; }
    public int PlanItemId { get; init; }
    public int PlanEditionId { get; init; }
    public int Position { get; init; }
    /// <summary>The KPI number as published ("1", "17").</summary>
    public required string Number { get; init; }
    public required string Wording { get; init; }
    public string? Unit { get; init; }
    public KpiPolarity Polarity { get; init; }
    public bool MeasuredLocally { get; init; }
    public string? Note { get; init; }
    /// <summary>Null when the KPI is not linked to an indicator.</summary>
    public KpiIndicatorLink? Link { get; init; }
    public KpiBaseline? Baseline { get; init; }
    public KpiTarget? Target { get; init; }
}

public enum KpiPolarity
{
    Neither,
    LowerIsBetter,
    HigherIsBetter,
}

/// <summary>Which figures measure the KPI: an indicator for an area (or the partnership's areas together), sex and age band.</summary>
public sealed class KpiIndicatorLink
{
    public required string IndicatorCode { get; init; }
    /// <summary>A GSS code; null when <see cref="WholePartnership"/>.</summary>
    public string? AreaCode { get; init; }
    /// <summary>The partnership's areas together (computed from counts).</summary>
    public bool WholePartnership { get; init; }
    public Observations.Sex Sex { get; init; }
    public required string AgeBandCode { get; init; }
}

public enum BaselineKind
{
    Value,
    NationalAverage,
    NotSet,
}

public sealed class KpiBaseline
{
    public BaselineKind Kind { get; init; }
    public string? Period { get; init; }
    /// <summary>The figure as published (for a national-average baseline, the figure the plan printed).</summary>
    public decimal? Value { get; init; }
    public string? Wording { get; init; }
}

public enum TargetKind
{
    Absolute,
    RelativeToScotland,
    Direction,
    Qualitative,
}

public enum TargetComparison
{
    Below,
    AtOrBelow,
    Above,
    AtOrAbove,
}

/// <summary>How a distance from Scotland's figure is meant: 5 percentage points (28.4 → 23.4) or 5 per cent (28.4 → 26.98).</summary>
public enum DifferenceUnit
{
    PercentagePoints,
    PerCent,
}

public enum TargetDirection
{
    Decrease,
    Increase,
    Maintain,
}

public sealed class KpiTarget
{
    public TargetKind Kind { get; init; }
    public required string Wording { get; init; }
    public DateOnly? Due { get; init; }
    /// <summary>The figure period the target is judged on; null: the newest published.</summary>
    public string? Period { get; init; }
    public TargetComparison? Comparison { get; init; }
    public decimal? Value { get; init; }
    public decimal? Difference { get; init; }
    public DifferenceUnit? DifferenceUnit { get; init; }
    /// <summary>The period of Scotland's figure a relative target is measured from; null: the same period as the figure judged.</summary>
    public string? ScotlandPeriod { get; init; }
    public TargetDirection? Direction { get; init; }
    public bool YearOnYear { get; init; }
    public string? Note { get; init; }
}

/// <summary>A numbered improvement action of the plan.</summary>
public sealed class PlanAction
{
    public int Id { get; init; }
    public int PlanItemId { get; init; }
    public int PlanEditionId { get; init; }
    public int Position { get; init; }
    public required string Number { get; init; }
    public required string Wording { get; init; }
    public string? KpiNumber { get; init; }
    public string[] Leads { get; init; } = [];
    public DateOnly? Due { get; init; }
    public string? DueWording { get; init; }
    public string? TargetWording { get; init; }
    public string? Note { get; init; }
}
