using CommunityJustice.Analytics.Model.Indicators;

namespace CommunityJustice.Analytics.Model.Reference;

/// <summary>The statistical measures the product knows, with the framework element each evidences.</summary>
public static class ReferenceIndicators
{
    public const string ReconvictionRate = "reconviction-rate";
    public const string ReconvictionsPerOffender = "reconvictions-per-offender";

    public static readonly IReadOnlyList<Indicator> All =
    [
        new()
        {
            Code = ReconvictionRate,
            Title = "One-year reconviction rate",
            Description = "Percentage of the offender cohort (people convicted, or released from a custodial sentence, in the financial year) who were reconvicted of a further offence committed within one year. Scottish Government, Reconviction Rates in Scotland.",
            MeasureType = MeasureType.Percentage,
            Unit = "% of offenders reconvicted within one year",
            Polarity = Polarity.LowerIsBetter,
        },
        new()
        {
            Code = ReconvictionsPerOffender,
            Title = "Average number of reconvictions per offender",
            Description = "Mean number of reconvictions within one year per member of the offender cohort. Scottish Government, Reconviction Rates in Scotland.",
            MeasureType = MeasureType.Mean,
            Unit = "reconvictions per offender",
            Polarity = Polarity.LowerIsBetter,
        },
    ];
}
