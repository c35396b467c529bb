using MathNet.Numerics.Distributions;

namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>
/// Confidence intervals for a count of events (and so for a rate: divide by the denominator).
/// Exact (Garwood) limits from the Poisson distribution for counts up to
/// <see cref="ExactUpTo"/>, Byar's approximation above, where the two agree to well under 0.1%.
/// </summary>
public static class PoissonInterval
{
    public const long ExactUpTo = 500;

    public static Interval ForCount(long count, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count <= ExactUpTo ? Exact(count, level) : Byar(count, level);
    }

    /// <summary>A rate per <paramref name="perUnits"/> (e.g. 10,000 people) with its interval.</summary>
    public static Interval ForRate(long count, double denominator, double perUnits, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        return ForCount(count, level).Scale(perUnits / denominator);
    }

    /// <summary>Byar's approximation to the exact Poisson limits (Breslow and Day 1987).</summary>
    public static Interval Byar(long count, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        var z = level.Z();
        var o = (double)count;
        var lower = count == 0 ? 0 : o * Math.Pow(1 - 1 / (9 * o) - z / (3 * Math.Sqrt(o)), 3);
        var o1 = o + 1;
        var upper = o1 * Math.Pow(1 - 1 / (9 * o1) + z / (3 * Math.Sqrt(o1)), 3);
        return new Interval(lower, upper);
    }

    /// <summary>
    /// Exact (Garwood) limits: the means μ at which P(X ≥ count) and P(X ≤ count) equal the tail
    /// probability. Through the gamma distribution (P(X ≤ k | μ) = Q(k + 1, μ)), they are its
    /// quantiles: lower = Gamma(count, 1).InvCDF(tail), upper = Gamma(count + 1, 1).InvCDF(1 − tail)
    /// (MathNet.Numerics; the same as χ²(2k, tail) / 2 and χ²(2k + 2, 1 − tail) / 2).
    /// </summary>
    public static Interval Exact(long count, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        var tail = level.TailProbability();
        var upper = Gamma.InvCDF(count + 1, 1, 1 - tail);
        var lower = count == 0 ? 0 : Gamma.InvCDF(count, 1, tail);
        return new Interval(lower, upper);
    }
}
