namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>The two levels public health and justice profiles use: 95% and 99.8% (about 3 standard errors).</summary>
public enum ConfidenceLevel
{
    NinetyFive,
    NinetyNinePointEight,
}

public static class ConfidenceLevels
{
    /// <summary>Two-sided standard normal quantile for the level.</summary>
    public static double Z(this ConfidenceLevel level) => level switch
    {
        ConfidenceLevel.NinetyFive => 1.959963984540054,
        ConfidenceLevel.NinetyNinePointEight => 3.090232306167813,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Probability outside the interval on each side (0.025 for 95%).</summary>
    public static double TailProbability(this ConfidenceLevel level) => level switch
    {
        ConfidenceLevel.NinetyFive => 0.025,
        ConfidenceLevel.NinetyNinePointEight => 0.001,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };
}

/// <summary>A confidence interval in the units of the figure it belongs to.</summary>
public readonly record struct Interval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;

    public Interval Scale(double factor) => new(Lower * factor, Upper * factor);
}
