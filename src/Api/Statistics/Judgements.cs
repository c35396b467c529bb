using CommunityJustice.Analytics.Model.Indicators;

namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>
/// How the derived views judge a published figure: against Scotland (OHID Fingertips' rule, for
/// compare), among the council areas (rank), and over time (the direction of a trend and whether it
/// is an improvement). Statistical comparison only; performance benchmarks are in benchmarks/.
/// </summary>
public static class Judgements
{
    /// <summary>
    /// OHID Fingertips' rule: the figure is significantly different from the benchmark when the
    /// benchmark value lies outside the figure's confidence interval; otherwise similar.
    /// Better/worse follow the indicator's polarity; with no polarity, higher/lower.
    /// </summary>
    public static BenchmarkJudgement Judge(Interval? interval, double? benchmark, Polarity polarity)
    {
        if (interval is not { } ci || benchmark is not { } b) return BenchmarkJudgement.NotCompared;
        if (ci.Contains(b)) return BenchmarkJudgement.Similar;
        var higher = ci.Lower > b;
        return polarity switch
        {
            Polarity.HigherIsBetter => higher ? BenchmarkJudgement.Better : BenchmarkJudgement.Worse,
            Polarity.LowerIsBetter => higher ? BenchmarkJudgement.Worse : BenchmarkJudgement.Better,
            _ => higher ? BenchmarkJudgement.Higher : BenchmarkJudgement.Lower,
        };
    }

    /// <summary>
    /// Standard competition ranking ("1224"): 1 is the best value per the polarity (the highest when
    /// there is none); areas with equal published values share a rank and the next rank is skipped.
    /// </summary>
    public static IReadOnlyDictionary<TKey, int> Rank<TKey>(IEnumerable<KeyValuePair<TKey, decimal>> values, Polarity polarity) where TKey : notnull
    {
        var list = values.ToList();
        var lowerIsBetter = polarity == Polarity.LowerIsBetter;
        return list.ToDictionary(kv => kv.Key,
            kv => 1 + list.Count(other => lowerIsBetter ? other.Value < kv.Value : other.Value > kv.Value));
    }

    /// <summary>
    /// Direction from the earlier to the later figure. With both intervals, the difference interval
    /// (Newcombe / MOVER) decides: it must exclude zero to count as a change. Without intervals, the
    /// sign of the published change decides and <paramref name="tested"/> is false.
    /// </summary>
    public static TrendDirection Direction(decimal earlier, decimal later, Interval? differenceInterval, out bool tested)
    {
        tested = differenceInterval is not null;
        if (differenceInterval is { } d)
            return d.Lower > 0 ? TrendDirection.Increasing : d.Upper < 0 ? TrendDirection.Decreasing : TrendDirection.NoChange;
        return later > earlier ? TrendDirection.Increasing : later < earlier ? TrendDirection.Decreasing : TrendDirection.NoChange;
    }

    public static TrendAssessment Assess(TrendDirection direction, Polarity polarity) => (direction, polarity) switch
    {
        (_, Polarity.NoJudgement) => TrendAssessment.NotAssessed,
        (TrendDirection.NoChange, _) => TrendAssessment.NoChange,
        (TrendDirection.Increasing, Polarity.HigherIsBetter) or (TrendDirection.Decreasing, Polarity.LowerIsBetter) => TrendAssessment.Improving,
        _ => TrendAssessment.Worsening,
    };
}
