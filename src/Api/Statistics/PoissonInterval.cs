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

    /// <summary>Exact limits: the means μ at which P(X ≥ count) and P(X ≤ count) equal the tail probability.</summary>
    public static Interval Exact(long count, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        var tail = level.TailProbability();
        // P(X ≤ k | μ) = Q(k + 1, μ), the regularised upper incomplete gamma function; it falls as μ grows,
        // and P(X ≥ k | μ) = 1 − Q(k, μ) rises.
        var upper = Solve(mu => Gamma.UpperRegularized(count + 1, mu) - tail, count);
        var lower = count == 0 ? 0 : Solve(mu => tail - (1 - Gamma.UpperRegularized(count, mu)), count);
        return new Interval(lower, upper);
    }

    // Bisection for the root of a function decreasing in μ on (0, count + 20·sqrt(count) + 20).
    private static double Solve(Func<double, double> decreasing, long count)
    {
        double low = 0, high = count + 20 * Math.Sqrt(count + 1) + 20;
        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            var mid = (low + high) / 2;
            if (decreasing(mid) > 0) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }
}
