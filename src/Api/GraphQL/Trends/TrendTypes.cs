using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Trends;

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

public sealed class TrendGapType : ObjectGraphType<TrendGap>
{
    public TrendGapType()
    {
        Name = "TrendGap";
        Description = "A period missing from a series: the indicator has figures for it, in the editions read, for other areas, sexes or age bands, but none for this one.";
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, e.g. \"2016-17\".").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<DateScalarGraphType>>("start").Description("First day of the period.").Resolve(c => c.Source.Start);
        Field<NonNullGraphType<DateScalarGraphType>>("end").Description("Last day of the period.").Resolve(c => c.Source.End);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why there is no point: which editions have the period, and that they give this cell no figure and no marker.").Resolve(c => c.Source.Reason);
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendGapType>>>>("missingPeriods").ExpectedItems(2).Description("Periods within the series' range that the indicator has figures for (other areas, sexes or age bands) but this series does not, earliest first, each with the reason; empty when none is missing.").Resolve(c => c.Source.MissingPeriods);
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
