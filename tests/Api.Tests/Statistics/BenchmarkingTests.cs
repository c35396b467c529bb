using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Indicators;
using Benchmarking = CommunityJustice.Analytics.Api.Statistics.Judgements;

namespace CommunityJustice.Analytics.Api.Tests.Statistics;

/// <summary>
/// Judgements, ranks, trend directions, the Wilson interval from a published percentage, MOVER and
/// rates per 10,000, against values worked out by hand from the formulas (numbers shown).
/// </summary>
public class BenchmarkingTests
{
    // Scotland 2017-18: 26.3%. An area whose interval lies wholly below it is better for a
    // lower-is-better indicator, worse for higher-is-better, LOWER for no polarity.
    [Theory]
    [InlineData(20.29, 24.90, Polarity.LowerIsBetter, BenchmarkJudgement.Better)]
    [InlineData(20.29, 24.90, Polarity.HigherIsBetter, BenchmarkJudgement.Worse)]
    [InlineData(20.29, 24.90, Polarity.NoJudgement, BenchmarkJudgement.Lower)]
    [InlineData(27.10, 31.00, Polarity.LowerIsBetter, BenchmarkJudgement.Worse)]
    [InlineData(27.10, 31.00, Polarity.HigherIsBetter, BenchmarkJudgement.Better)]
    [InlineData(27.10, 31.00, Polarity.NoJudgement, BenchmarkJudgement.Higher)]
    [InlineData(20.29, 28.81, Polarity.LowerIsBetter, BenchmarkJudgement.Similar)]
    [InlineData(26.30, 28.81, Polarity.LowerIsBetter, BenchmarkJudgement.Similar)] // benchmark on the limit: inside
    public void Fingertips_rule_compares_the_interval_with_the_benchmark_value(double lower, double upper, Polarity polarity, BenchmarkJudgement expected)
    {
        Assert.Equal(expected, Benchmarking.Judge(new Interval(lower, upper), 26.3, polarity));
    }

    [Fact]
    public void No_interval_or_no_benchmark_is_not_compared()
    {
        Assert.Equal(BenchmarkJudgement.NotCompared, Benchmarking.Judge(null, 26.3, Polarity.LowerIsBetter));
        Assert.Equal(BenchmarkJudgement.NotCompared, Benchmarking.Judge(new Interval(1, 2), null, Polarity.LowerIsBetter));
    }

    [Fact]
    public void Ties_share_a_rank_and_the_next_rank_is_skipped()
    {
        var values = new Dictionary<string, decimal> { ["A"] = 20.0m, ["B"] = 25.5m, ["C"] = 25.5m, ["D"] = 30.0m };

        var lowerBetter = Benchmarking.Rank(values, Polarity.LowerIsBetter);
        Assert.Equal([1, 2, 2, 4], new[] { "A", "B", "C", "D" }.Select(k => lowerBetter[k]));

        var higherBetter = Benchmarking.Rank(values, Polarity.HigherIsBetter);
        Assert.Equal([4, 2, 2, 1], new[] { "A", "B", "C", "D" }.Select(k => higherBetter[k]));

        var none = Benchmarking.Rank(values, Polarity.NoJudgement); // highest first
        Assert.Equal(1, none["D"]);
    }

    [Fact]
    public void Trend_direction_is_tested_by_the_change_interval_when_there_is_one()
    {
        Assert.Equal(TrendDirection.Increasing, Benchmarking.Direction(26.3m, 28.0m, new Interval(1.2, 3.4), out var tested));
        Assert.True(tested);
        Assert.Equal(TrendDirection.NoChange, Benchmarking.Direction(26.3m, 26.9m, new Interval(-0.5, 0.7), out _));
        Assert.Equal(TrendDirection.Decreasing, Benchmarking.Direction(28.9m, 26.3m, new Interval(-3.2, -2.0), out _));
    }

    [Fact]
    public void Without_intervals_the_direction_is_the_sign_of_the_change_and_untested()
    {
        Assert.Equal(TrendDirection.Decreasing, Benchmarking.Direction(28.9m, 26.9m, null, out var tested));
        Assert.False(tested);
        Assert.Equal(TrendDirection.NoChange, Benchmarking.Direction(27.3m, 27.3m, null, out _));
    }

    [Theory]
    [InlineData(TrendDirection.Decreasing, Polarity.LowerIsBetter, TrendAssessment.Improving)]
    [InlineData(TrendDirection.Increasing, Polarity.LowerIsBetter, TrendAssessment.Worsening)]
    [InlineData(TrendDirection.Increasing, Polarity.HigherIsBetter, TrendAssessment.Improving)]
    [InlineData(TrendDirection.NoChange, Polarity.HigherIsBetter, TrendAssessment.NoChange)]
    [InlineData(TrendDirection.Increasing, Polarity.NoJudgement, TrendAssessment.NotAssessed)]
    public void Improving_or_worsening_follows_polarity(TrendDirection direction, Polarity polarity, TrendAssessment expected)
    {
        Assert.Equal(expected, Benchmarking.Assess(direction, polarity));
    }

    /// <summary>
    /// Scotland 2017-18 females: the workbook's Table 2 gives 23.2% of 6,314. Wilson, z = 1.959964:
    /// z²/n = 3.841459/6314 = 0.00060840; centre = 0.232 + 0.00030420 = 0.23230420;
    /// spread = z·√(0.232·0.768/6314 + 3.841459/(4·6314²)) = 1.959964·√(2.821920e-5 + 2.40896e-8) = 0.01041605;
    /// limits = (0.23230420 ∓ 0.01041605)/1.00060840 = 0.221753, 0.242573.
    /// </summary>
    [Fact]
    public void Wilson_interval_from_a_published_percentage_and_its_base()
    {
        var interval = WilsonScore.ForProportion(0.232, 6314.0);
        Assert.Equal(0.221753, interval.Lower, 5);
        Assert.Equal(0.242573, interval.Upper, 5);
        // The same formula as from whole counts: 30 of 100 and 0.3 of 100 agree.
        Assert.Equal(WilsonScore.ForProportion(30L, 100L), WilsonScore.ForProportion(0.3, 100.0));
    }

    /// <summary>
    /// MOVER with Wilson limits is Newcombe's method 10: his Table II example 56/70 vs 48/80 gives
    /// 0.0524 to 0.3339 (Newcombe 1998, Stat Med 17:873).
    /// </summary>
    [Fact]
    public void Mover_with_Wilson_limits_is_Newcombe_method_10()
    {
        var interval = Mover.Difference(56.0 / 70, WilsonScore.ForProportion(56L, 70L), 48.0 / 80, WilsonScore.ForProportion(48L, 80L));
        Assert.Equal(0.0524, interval.Lower, 4);
        Assert.Equal(0.3339, interval.Upper, 4);
    }

    /// <summary>
    /// Two counts, 10 and 20, with exact Poisson limits 4.795–18.390 and 12.217–30.888 (tables):
    /// difference −10, lower = −10 − √((10 − 4.795)² + (30.888 − 20)²) = −10 − √(27.092 + 118.549) = −22.068,
    /// upper = −10 + √((18.390 − 10)² + (20 − 12.217)²) = −10 + √(70.392 + 60.575) = 1.444.
    /// </summary>
    [Fact]
    public void Mover_difference_of_two_counts()
    {
        var interval = Mover.Difference(10, PoissonInterval.ForCount(10), 20, PoissonInterval.ForCount(20));
        Assert.Equal(-22.068, interval.Lower, 2);
        Assert.Equal(1.444, interval.Upper, 2);
    }
}
