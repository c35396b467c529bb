using System.Globalization;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.Trends;

/// <summary>A period the indicator has figures for, in the editions read, but not for this series' area, sex and age band.</summary>
public sealed record TrendGap(string Period, DateOnly Start, DateOnly End, string Reason);

public sealed record TrendPoint(Observation Figure, FigureInterval Interval, decimal? ChangeSincePrevious, decimal? ChangeSinceFirst);

/// <summary>One area's series for an indicator over time, with the change and its direction.</summary>
public sealed record Trend(
    Indicator Indicator, Area Area, Sex Sex, AgeBand AgeBand, ConfidenceLevel Level, IReadOnlyList<TrendPoint> Points,
    string ChangeUnit, decimal? ChangeSinceFirst, decimal? ChangeSincePrevious,
    TrendDirection? Direction, bool DirectionTested, TrendAssessment Assessment, FigureInterval ChangeInterval, string Note)
{
    /// <summary>Periods in the series' range with figures for other cells but none for this one; see <see cref="Gaps"/>.</summary>
    public IReadOnlyList<TrendGap> MissingPeriods { get; init; } = [];

    /// <summary>
    /// The periods of <paramref name="periods"/> (the indicator's, in the editions read) that <paramref name="figures"/> lack,
    /// each with why (<see cref="FigureGaps"/>): the editions that have the period publish no figure, not even a marked one, for this cell.
    /// </summary>
    public static IReadOnlyList<TrendGap> Gaps(IEnumerable<Observation> figures, IEnumerable<(string Label, DateOnly Start, DateOnly End, IReadOnlyList<int> Editions)> periods,
        Func<int, string> describeEdition, string cell) =>
        [.. FigureGaps.Missing(periods.Select(p => (p, p.Editions)), figures.Select(f => (f.PeriodStart, f.PeriodEnd)), p => (p.Start, p.End), p => p.Label, cell, describeEdition)
            .Select(m => new TrendGap(m.Slice.Label, m.Slice.Start, m.Slice.End, m.Reason))];

    public static Trend Create(Indicator indicator, Area area, Sex sex, AgeBand ageBand, ConfidenceLevel level, IEnumerable<Observation> figures)
    {
        var ordered = figures.OrderBy(o => o.PeriodStart).ThenBy(o => o.PeriodEnd).ToList();
        var published = ordered.Where(o => o.Status == ObservationStatus.Published && o.Value is not null).ToList();
        var first = published.FirstOrDefault();
        var points = new List<TrendPoint>();
        Observation? previous = null;
        foreach (var figure in ordered)
        {
            var isPublished = figure.Status == ObservationStatus.Published && figure.Value is not null;
            points.Add(new TrendPoint(figure, FigureIntervals.For(figure, level),
                isPublished && previous is not null ? figure.Value - previous.Value : null,
                isPublished && first is not null ? figure.Value - first.Value : null));
            if (isPublished) previous = figure;
        }
        var unit = indicator.MeasureType == MeasureType.Percentage ? "percentage points" : indicator.Unit;
        if (published.Count < 2)
            return new Trend(indicator, area, sex, ageBand, level, points, unit, null, null, null, false, TrendAssessment.NotAssessed,
                FigureInterval.None(level, "Fewer than two published figures."),
                "Fewer than two published figures in the series, so there is no change or direction.");

        var latest = published[^1];
        var before = published[^2];
        var firstInterval = FigureIntervals.For(first!, level);
        var latestInterval = FigureIntervals.For(latest, level);
        var changeInterval = FigureIntervals.Difference(latest, latestInterval, first, firstInterval, indicator.MeasureType);
        var direction = Judgements.Direction(first!.Value!.Value, latest.Value!.Value, changeInterval.Interval, out var tested);
        var assessment = tested ? Judgements.Assess(direction, indicator.Polarity) : TrendAssessment.NotAssessed;
        var levelText = level == ConfidenceLevel.NinetyFive ? "95%" : "99.8%";
        var note = tested
            ? $"Direction from {first.PeriodLabel} to {latest.PeriodLabel}, judged by the {levelText} interval of the change ({Format(changeInterval.Interval!.Value.Lower)} to {Format(changeInterval.Interval!.Value.Upper)} {unit}): NO_CHANGE when it includes zero."
            : $"Direction from {first.PeriodLabel} to {latest.PeriodLabel} by the sign of the published change only: it is not tested for significance (and not assessed as improving or worsening) because the figures have no confidence intervals. {firstInterval.Note ?? latestInterval.Note}";
        return new Trend(indicator, area, sex, ageBand, level, points, unit, latest.Value - first.Value, latest.Value - before.Value,
            direction, tested, assessment, changeInterval, note);
    }

    private static string Format(double value) =>
        Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero).ToString("0.0#", CultureInfo.InvariantCulture);
}
