using CommunityJustice.Analytics.Api.Statistics;

namespace CommunityJustice.Analytics.Api.Tests.Statistics;

/// <summary>
/// Reference values are the published ones, not recomputed here: Newcombe (1998) "Two-sided
/// confidence intervals for the single proportion", Stat Med 17:857-872, Table II (Wilson, method 3);
/// Newcombe (1998) "Interval estimation for the difference between independent proportions",
/// Stat Med 17:873-890, Table II (method 10); exact Poisson (Garwood) limits as tabulated in
/// standard references (e.g. Documenta Geigy; Breslow and Day 1987, Appendix).
/// </summary>
public class ConfidenceIntervalTests
{
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_interval_matches_Newcombe(long successes, long trials, double lower, double upper)
    {
        var interval = WilsonScore.ForProportion(successes, trials);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)]
    public void Difference_of_proportions_matches_Newcombe_method_10(long s1, long n1, long s2, long n2, double lower, double upper)
    {
        var interval = WilsonScore.ForDifference(s1, n1, s2, n2);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Theory]
    [InlineData(0, 0.000, 3.689)]
    [InlineData(1, 0.0253, 5.572)]
    [InlineData(5, 1.623, 11.668)]
    [InlineData(10, 4.795, 18.390)]
    [InlineData(20, 12.217, 30.888)]
    public void Exact_Poisson_limits_match_the_tables(long count, double lower, double upper)
    {
        var interval = PoissonInterval.ForCount(count);

        Assert.Equal(lower, interval.Lower, 3);
        Assert.Equal(upper, interval.Upper, 3);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(2_000)]
    [InlineData(100_000)]
    public void Byar_agrees_with_exact_limits_where_it_takes_over(long count)
    {
        var byar = PoissonInterval.Byar(count);
        var exact = PoissonInterval.Exact(count);

        Assert.Equal(exact.Lower, byar.Lower, 0.001 * count);
        Assert.Equal(exact.Upper, byar.Upper, 0.001 * count);
    }

    [Fact]
    public void A_wider_level_gives_a_wider_interval()
    {
        var ninetyFive = WilsonScore.ForProportion(30, 100);
        var wide = WilsonScore.ForProportion(30, 100, ConfidenceLevel.NinetyNinePointEight);

        Assert.True(wide.Lower < ninetyFive.Lower && wide.Upper > ninetyFive.Upper);
    }

    [Fact]
    public void A_rate_interval_scales_the_count_interval()
    {
        var rate = PoissonInterval.ForRate(10, denominator: 50_000, perUnits: 10_000);

        Assert.Equal(4.795 / 5, rate.Lower, 3);
        Assert.Equal(18.390 / 5, rate.Upper, 3);
    }
}
