namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>
/// The method of variance estimates recovery (MOVER; Zou and Donner 2008) for a difference of two
/// independent estimates from each one's own interval. With Wilson intervals it is Newcombe's hybrid
/// score method (Newcombe 1998, method 10); with exact Poisson or Byar limits it gives the interval
/// for a difference of two rates or counts.
/// </summary>
public static class Mover
{
    public static Interval Difference(double estimate1, Interval interval1, double estimate2, Interval interval2)
    {
        var difference = estimate1 - estimate2;
        return new Interval(
            difference - Math.Sqrt(Square(estimate1 - interval1.Lower) + Square(interval2.Upper - estimate2)),
            difference + Math.Sqrt(Square(interval1.Upper - estimate1) + Square(estimate2 - interval2.Lower)));
    }

    private static double Square(double x) => x * x;
}
