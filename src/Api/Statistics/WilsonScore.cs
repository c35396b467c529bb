namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>
/// Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3): well behaved for
/// small counts and for proportions near 0 or 1, unlike the normal approximation.
/// </summary>
public static class WilsonScore
{
    public static Interval ForProportion(long successes, long trials, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);

        var z = level.Z();
        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var centre = p + z2 / (2 * n);
        var spread = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        var denominator = 1 + z2 / n;
        return new Interval(
            successes == 0 ? 0 : (centre - spread) / denominator,
            successes == trials ? 1 : (centre + spread) / denominator);
    }

    /// <summary>
    /// Wilson interval from a published proportion (0 to 1) and the size of the group it describes,
    /// for sources that publish the rate and the base but not the number with the outcome. The
    /// formula needs only p and n; nothing is rounded to a whole count.
    /// </summary>
    public static Interval ForProportion(double proportion, double trials, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(proportion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(proportion, 1);
        var z = level.Z();
        var z2 = z * z;
        var centre = proportion + z2 / (2 * trials);
        var spread = z * Math.Sqrt(proportion * (1 - proportion) / trials + z2 / (4 * trials * trials));
        var denominator = 1 + z2 / trials;
        return new Interval(
            proportion == 0 ? 0 : (centre - spread) / denominator,
            proportion == 1 ? 1 : (centre + spread) / denominator);
    }

    /// <summary>
    /// Interval for the difference of two independent proportions p1 − p2 by Newcombe's hybrid score
    /// method (Newcombe 1998, method 10), built from each proportion's Wilson interval.
    /// </summary>
    public static Interval ForDifference(long successes1, long trials1, long successes2, long trials2, ConfidenceLevel level = ConfidenceLevel.NinetyFive)
    {
        var p1 = (double)successes1 / trials1;
        var p2 = (double)successes2 / trials2;
        var (l1, u1) = ForProportion(successes1, trials1, level);
        var (l2, u2) = ForProportion(successes2, trials2, level);
        var difference = p1 - p2;
        return new Interval(
            difference - Math.Sqrt((p1 - l1) * (p1 - l1) + (u2 - p2) * (u2 - p2)),
            difference + Math.Sqrt((u1 - p1) * (u1 - p1) + (p2 - l2) * (p2 - l2)));
    }
}
