using System.Globalization;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.Statistics;

/// <summary>How an interval was computed (named in the schema so a reader can cite it).</summary>
public enum IntervalMethod
{
    /// <summary>Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3).</summary>
    WilsonScore,
    /// <summary>Exact (Garwood) Poisson limits for a count, scaled for a rate.</summary>
    ExactPoisson,
    /// <summary>Byar's approximation to the exact Poisson limits (counts above 500).</summary>
    Byar,
    /// <summary>Newcombe's hybrid score interval for a difference of two proportions (Newcombe 1998, method 10).</summary>
    NewcombeHybridScore,
    /// <summary>MOVER (Zou and Donner 2008) for a difference of two counts or rates from their Poisson limits.</summary>
    MoverPoisson,
}

/// <summary>An interval in the figure's own unit (e.g. percent), or why there is none.</summary>
public sealed record FigureInterval(Interval? Interval, IntervalMethod? Method, ConfidenceLevel Level, string? Basis, string? Note)
{
    public static FigureInterval None(ConfidenceLevel level, string note) => new(null, null, level, null, note);
}

/// <summary>
/// Confidence intervals for published figures: Wilson score for percentages, exact Poisson (Byar
/// above 500) for counts and rates. An interval needs the count behind a figure; when the source
/// does not publish it, the result says so and never estimates one.
/// </summary>
public static partial class FigureIntervals
{
    public static FigureInterval For(Observation figure, ConfidenceLevel level)
    {
        var indicator = figure.Indicator ?? throw new InvalidOperationException("The figure's indicator must be loaded.");
        if (figure.Status != ObservationStatus.Published || figure.Value is null)
            return FigureInterval.None(level, "There is no published figure for this cell, so there is no interval.");
        var value = (double)figure.Value.Value;
        var source = figure.DatasetVersion?.Dataset?.Title is { } title ? $"The source ({title})" : "The source";
        switch (indicator.MeasureType)
        {
            case MeasureType.Percentage:
                if (figure.Denominator is not { } n || n <= 0)
                    return FigureInterval.None(level, $"{source} publishes the percentage but not the number of people it is a percentage of (nor how many had the outcome), so no confidence interval can be computed. The API never estimates a count to make an interval appear.");
                if (figure.Numerator is { } k && IsWholeNumber(k) && IsWholeNumber(n) && k <= n && k >= 0)
                {
                    var wilson = WilsonScore.ForProportion((long)k, (long)n, level).Scale(100);
                    return new(wilson, IntervalMethod.WilsonScore, level, $"{k:0} of {n:0} people ({Percent(value)}).", null);
                }
                if (value is < 0 or > 100)
                    return FigureInterval.None(level, "The published percentage is outside 0 to 100, so no interval can be computed.");
                return new(WilsonScore.ForProportion(value / 100, (double)n, level).Scale(100), IntervalMethod.WilsonScore, level,
                    $"The published {Percent(value)} of {n:0} people in the same cohort (the number with the outcome is not published; the Wilson formula needs only the proportion and the group size).", null);

            case MeasureType.Count:
                var count = figure.Value.Value;
                if (!IsWholeNumber(count) || count < 0)
                    return FigureInterval.None(level, "The count is not a whole number, so a Poisson interval does not apply.");
                return new(PoissonInterval.ForCount((long)count, level), PoissonMethod((long)count), level, $"A count of {count:0}.", null);

            case MeasureType.Rate:
                if (figure.Numerator is not { } events || figure.Denominator is not { } population || population <= 0)
                    return FigureInterval.None(level, $"{source} publishes the rate but not the count of events and the population behind it, so no confidence interval can be computed. The API never estimates a count to make an interval appear.");
                if (!IsWholeNumber(events) || events < 0)
                    return FigureInterval.None(level, "The count behind the rate is not a whole number, so a Poisson interval does not apply.");
                var perUnits = events > 0 ? RoundToPowerOfTen(value * (double)population / (double)events) : PerUnitsFromUnit(indicator.Unit);
                if (perUnits is null)
                    return FigureInterval.None(level, "The rate's multiplier (per how many people) could not be read from the indicator's unit, so no interval is given.");
                return new(PoissonInterval.ForRate((long)events, (double)population, perUnits.Value, level), PoissonMethod((long)events), level,
                    $"{events:0} events in a population of {population:0}, per {perUnits.Value.ToString("#,0", CultureInfo.InvariantCulture)}.", null);

            case MeasureType.Mean:
                return FigureInterval.None(level, "An interval for an average (such as reconvictions per offender) needs the spread of the individual counts, which the source does not publish, so none is computed.");

            default:
                return FigureInterval.None(level, "No interval method is defined for this kind of figure.");
        }
    }

    public static IntervalMethod PoissonMethod(long count) => count <= PoissonInterval.ExactUpTo ? IntervalMethod.ExactPoisson : IntervalMethod.Byar;

    /// <summary>The interval for figure1 − figure2 (e.g. female − male), from the two figures' own intervals.</summary>
    public static FigureInterval Difference(Observation? figure1, FigureInterval interval1, Observation? figure2, FigureInterval interval2, MeasureType measure)
    {
        var level = interval1.Level;
        if (figure1?.Value is not { } v1 || figure2?.Value is not { } v2 || interval1.Interval is not { } i1 || interval2.Interval is not { } i2)
            return FigureInterval.None(level, "The difference has no interval because one or both figures have none (see each figure's intervalNote).");
        var method = measure == MeasureType.Percentage ? IntervalMethod.NewcombeHybridScore : IntervalMethod.MoverPoisson;
        return new(Mover.Difference((double)v1, i1, (double)v2, i2), method, level, null, null);
    }

    private static bool IsWholeNumber(decimal d) => decimal.Truncate(d) == d;

    private static string Percent(double value) => value.ToString("0.0##", CultureInfo.InvariantCulture) + "%";

    private static double RoundToPowerOfTen(double x) => Math.Pow(10, Math.Round(Math.Log10(x)));

    private static double? PerUnitsFromUnit(string unit)
    {
        var match = PerUnits().Match(unit);
        return match.Success && double.TryParse(match.Groups[1].Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var per) ? per : null;
    }

    [GeneratedRegex(@"per\s+([\d,]+)")]
    private static partial Regex PerUnits();
}
