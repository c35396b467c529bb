using CommunityJustice.Analytics.Api.Statistics;

namespace CommunityJustice.Analytics.Api.Tests.Statistics;

/// <summary>
/// The edges of the interval methods and judgements: where the exact Poisson limits hand over to
/// Byar's, zero and all-or-nothing counts, a benchmark or zero exactly on an interval's limit,
/// and arguments that make no sense.
/// </summary>
public class IntervalEdgeTests
{
    [Fact]
    public void Counts_up_to_500_get_exact_limits_and_above_Byar_limits()
    {
        Assert.Equal(PoissonInterval.Exact(500), PoissonInterval.ForCount(500));
        Assert.Equal(PoissonInterval.Byar(501), PoissonInterval.ForCount(501));
        // They differ (slightly), so the assertions above can tell which method was used.
        Assert.NotEqual(PoissonInterval.Byar(500), PoissonInterval.Exact(500));
        Assert.NotEqual(PoissonInterval.Exact(501), PoissonInterval.Byar(501));
    }

    [Fact]
    public void A_count_of_zero_has_a_lower_limit_of_exactly_zero()
    {
        Assert.Equal(0, PoissonInterval.ForCount(0).Lower);
        Assert.Equal(0, PoissonInterval.Byar(0).Lower);
        // Exact upper limit for 0 events at 95%: -ln(0.025) = 3.689.
        Assert.Equal(-Math.Log(0.025), PoissonInterval.ForCount(0).Upper, 3);
    }

    [Fact]
    public void None_or_all_of_a_group_give_limits_of_exactly_0_and_1()
    {
        Assert.Equal(0, WilsonScore.ForProportion(0, 7).Lower);
        Assert.Equal(1, WilsonScore.ForProportion(7, 7).Upper);
        Assert.Equal(0, WilsonScore.ForProportion(0.0, 7).Lower);
        Assert.Equal(1, WilsonScore.ForProportion(1.0, 7).Upper);
        // And not otherwise.
        Assert.True(WilsonScore.ForProportion(1, 7).Lower > 0);
        Assert.True(WilsonScore.ForProportion(6, 7).Upper < 1);
    }

    [Fact]
    public void Impossible_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.ForProportion(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.ForProportion(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.ForProportion(11, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.ForProportion(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.ForProportion(-0.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonScore.ForProportion(1.1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonInterval.ForCount(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PoissonInterval.ForRate(10, denominator: 0, perUnits: 10_000));
    }

    [Fact]
    public void A_benchmark_on_either_limit_of_the_interval_is_similar()
    {
        Assert.True(new Interval(1, 2).Contains(1));
        Assert.True(new Interval(1, 2).Contains(2));
        Assert.False(new Interval(1, 2).Contains(2.0001));
        Assert.Equal(BenchmarkJudgement.Similar, Judgements.Judge(new Interval(24.1, 26.3), 26.3, Model.Indicators.Polarity.LowerIsBetter));
    }

    [Fact]
    public void A_change_interval_touching_zero_is_no_change()
    {
        Assert.Equal(TrendDirection.NoChange, Judgements.Direction(26.3m, 27.5m, new Interval(0, 2.4), out var tested));
        Assert.True(tested);
        Assert.Equal(TrendDirection.NoChange, Judgements.Direction(27.5m, 26.3m, new Interval(-2.4, 0), out _));
    }

    [Fact]
    public void Without_an_interval_a_rise_is_increasing_and_no_change_is_no_change()
    {
        Assert.Equal(TrendDirection.Increasing, Judgements.Direction(24.3m, 26.9m, null, out var tested));
        Assert.False(tested);
        Assert.Equal(TrendDirection.NoChange, Judgements.Direction(27.3m, 27.3m, null, out _));
    }
}
