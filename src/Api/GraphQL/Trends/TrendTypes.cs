using System.Globalization;
using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Trends;

public sealed record TrendPoint(Observation Figure, FigureInterval Interval, decimal? ChangeSincePrevious, decimal? ChangeSinceFirst);

/// <summary>One area's series for an indicator over time, with the change and its direction.</summary>
public sealed record Trend(
    Indicator Indicator, Area Area, Sex Sex, AgeBand AgeBand, ConfidenceLevel Level, IReadOnlyList<TrendPoint> Points,
    string ChangeUnit, decimal? ChangeSinceFirst, decimal? ChangeSincePrevious,
    TrendDirection? Direction, bool DirectionTested, TrendAssessment Assessment, FigureInterval ChangeInterval, string Note)
{
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
        var direction = Benchmarking.Direction(first!.Value!.Value, latest.Value!.Value, changeInterval.Interval, out var tested);
        var assessment = tested ? Benchmarking.Assess(direction, indicator.Polarity) : TrendAssessment.NotAssessed;
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

public sealed class TrendDirectionGraphType : EnumerationGraphType<TrendDirection>
{
    public TrendDirectionGraphType()
    {
        Name = "TrendDirection";
        Description = "Which way a series moved between its first and latest published figures.";
        Values["INCREASING"]!.Description = "Higher in the latest period than the first (significantly, when directionTested is true).";
        Values["DECREASING"]!.Description = "Lower in the latest period than the first (significantly, when directionTested is true).";
        Values["NO_CHANGE"]!.Description = "No significant change (directionTested true), or exactly the same published value.";
    }
}

public sealed class TrendAssessmentGraphType : EnumerationGraphType<TrendAssessment>
{
    public TrendAssessmentGraphType()
    {
        Name = "TrendAssessment";
        Description = "Whether a significant change is for the better, given the indicator's polarity.";
        Values["IMPROVING"]!.Description = "Significantly better than in the first period (e.g. a lower reconviction rate).";
        Values["WORSENING"]!.Description = "Significantly worse than in the first period.";
        Values["NO_CHANGE"]!.Description = "No significant change.";
        Values["NOT_ASSESSED"]!.Description = "Not assessed: the indicator has no polarity, the change could not be tested for significance (no intervals), or there are fewer than two figures.";
    }
}

public sealed class TrendPointType : ObjectGraphType<TrendPoint>
{
    public TrendPointType()
    {
        Name = "TrendPoint";
        Description = "One period of a trend.";
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, e.g. \"2017-18\".").Resolve(c => c.Source.Figure.PeriodLabel);
        Field<NonNullGraphType<ObservationType>>("figure").Description("The figure (value, status, marker, source edition).").Resolve(c => c.Source.Figure);
        Field<DecimalScalarGraphType>("value").Description("The published value; null when not published.").Resolve(c => c.Source.Figure.Status == ObservationStatus.Published ? c.Source.Figure.Value : null);
        Field<ConfidenceIntervalType>("confidenceInterval").Description("The figure's interval; null when none can be computed (see figure.intervalNote).").Resolve(c => c.Source.Interval.Interval is null ? null : c.Source.Interval);
        Field<DecimalScalarGraphType>("changeSincePrevious").Description("This value minus the previous published value, in the trend's changeUnit; null for the first or an unpublished figure.").Resolve(c => c.Source.ChangeSincePrevious);
        Field<DecimalScalarGraphType>("changeSinceFirst").Description("This value minus the first published value in the series, in changeUnit.").Resolve(c => c.Source.ChangeSinceFirst);
    }
}

public sealed class TrendType : ObjectGraphType<Trend>
{
    public TrendType()
    {
        Name = "Trend";
        Description = "An indicator's series over time for one area, sex and age band, with the change since the first and the previous period and its direction.";
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("The indicator, with its unit and polarity.").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<AreaType>>("area").Description("The area.").Resolve(c => c.Source.Area);
        Field<NonNullGraphType<SexGraphType>>("sex").Description("All persons, males or females.").Resolve(c => c.Source.Sex);
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band.").Resolve(c => c.Source.AgeBand);
        Field<NonNullGraphType<ConfidenceLevelGraphType>>("level").Description("The confidence level of the intervals and the direction test.").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointType>>>>("points").ExpectedItems(10).Description("The series, earliest period first, including periods whose figure was not published.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<StringGraphType>>("changeUnit").Description("Unit of the changes: \"percentage points\" for percentages, otherwise the indicator's unit.").Resolve(c => c.Source.ChangeUnit);
        Field<DecimalScalarGraphType>("changeSinceFirst").Description("Latest published value minus the first, in changeUnit.").Resolve(c => c.Source.ChangeSinceFirst);
        Field<DecimalScalarGraphType>("changeSincePrevious").Description("Latest published value minus the one before it, in changeUnit.").Resolve(c => c.Source.ChangeSincePrevious);
        Field<ConfidenceIntervalType>("changeInterval").Description("Interval of the change since the first period (Newcombe for percentages, MOVER/Poisson for counts and rates); null when the figures have no intervals.").Resolve(c => c.Source.ChangeInterval.Interval is null ? null : c.Source.ChangeInterval);
        Field<TrendDirectionGraphType>("direction").Description("From the first to the latest published figure: INCREASING, DECREASING or NO_CHANGE. Null with fewer than two figures.").Resolve(c => c.Source.Direction);
        Field<NonNullGraphType<BooleanGraphType>>("directionTested").Description("True when the direction is a significance test (the change's interval excludes zero or not); false when it is only the sign of the published change, because the figures have no intervals.").Resolve(c => c.Source.DirectionTested);
        Field<NonNullGraphType<TrendAssessmentGraphType>>("assessment").Description("IMPROVING or WORSENING when the change is significant and the indicator has a polarity; NO_CHANGE when not significant; NOT_ASSESSED otherwise.").Resolve(c => c.Source.Assessment);
        Field<NonNullGraphType<StringGraphType>>("note").Description("How the direction was decided, in words.").Resolve(c => c.Source.Note);
    }
}

public static class TrendQueries
{
    public static void AddTrendQueries(this ObjectGraphType query)
    {
        query.Field<TrendType>("trend")
            .Description("An indicator's figures over time for one area, sex and age band, earliest first, with each figure's interval, the change since the first and the previous period, and the direction (tested for significance where intervals exist).")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\".")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code, former code or name.")
            .Argument<SexGraphType>("sex", a => { a.DefaultValue = Sex.All; a.Description = "ALL (default), MALE or FEMALE."; })
            .Argument<StringGraphType>("ageBand", a => { a.DefaultValue = ReferenceAgeBands.AllAges; a.Description = "Age band code; \"all\" (default)."; })
            .Argument<StringGraphType>("from", "First period to include, e.g. \"2014-15\"; omit for the start of the series.")
            .Argument<StringGraphType>("to", "Last period to include; omit for the latest.")
            .LevelArgument()
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator");
                var areaText = c.GetArgument<string>("area");
                var sex = c.GetArgument("sex", Sex.All);
                var ageBandCode = c.GetArgument<string?>("ageBand") ?? ReferenceAgeBands.AllAges;
                var from = c.GetArgument<string?>("from") is { } f ? PeriodArgument.Parse(f) : null;
                var to = c.GetArgument<string?>("to") is { } t ? PeriodArgument.Parse(t) : null;
                var level = c.Level();
                var asOf = c.AsPublishedOn();
                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await FigureArguments.IndicatorAsync(db, indicatorCode, ct);
                    var area = await FigureArguments.AreaAsync(db, areaText, ct);
                    var ageBand = await FigureArguments.AgeBandAsync(db, ageBandCode, ct);
                    var fromStart = from?.Start ?? DateOnly.MinValue;
                    var toEnd = to?.End ?? DateOnly.MaxValue;
                    var figures = await FigureSource.LoadAsync(db, asOf,
                        o => o.IndicatorCode == indicator.Code && o.AreaCode == area.Code && o.Sex == sex && o.AgeBandCode == ageBand.Code
                            && o.PeriodStart >= fromStart && o.PeriodEnd <= toEnd, ct);
                    return Trend.Create(indicator, area, sex, ageBand, level, figures);
                });
            });
    }
}
