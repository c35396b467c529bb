using CommunityJustice.Analytics.Model.Framework;

namespace CommunityJustice.Analytics.Model.Indicators;

/// <summary>A statistical measure, e.g. the one-year reconviction rate.</summary>
public sealed class Indicator
{
    public required string Code { get; init; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public MeasureType MeasureType { get; set; }
    /// <summary>Unit of the value as a reader would say it: "% of offenders reconvicted within one year".</summary>
    public required string Unit { get; set; }
    /// <summary>Whether a higher value is better, worse, or neither (used for benchmark judgements).</summary>
    public Polarity Polarity { get; set; }

    /// <summary>The framework's national indicator this measure reports, when there is one.</summary>
    public string? NationalIndicatorCode { get; set; }
    public NationalIndicator? NationalIndicator { get; set; }
    /// <summary>The national aim this measure evidences where it is not itself a national indicator (e.g. reconviction).</summary>
    public int? NationalAimNumber { get; set; }
    public NationalAim? NationalAim { get; set; }
}

public enum MeasureType
{
    Percentage,
    Mean,
    Count,
    Rate,
    /// <summary>A position in an ordering (SIMD ranks, deciles, quintiles): no interval, not additive.</summary>
    Rank,
}

public enum Polarity
{
    NoJudgement,
    HigherIsBetter,
    LowerIsBetter,
}
