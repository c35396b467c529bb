using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.Statistics;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;

public sealed class GenderBreakdownType : ObjectGraphType<GenderBreakdown>
{
    public GenderBreakdownType()
    {
        Name = "GenderBreakdown";
        Description = "All persons, males and females side by side for one indicator, area, period and age band, with the gap between females and males, its confidence interval and whether it is statistically significant: the \"outcomes by gender\" a JSNSA reports. (The sources loaded so far record only all persons, males and females.)";
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("The indicator, with its unit.").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<AreaType>>("area").Description("The area (its current code, when a former code was asked for).").Resolve(c => c.Source.Area);
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, as a label such as \"2017-18\" (for reconviction, the cohort convicted or released in that financial year).").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band.").Resolve(c => c.Source.AgeBand);
        Field<ObservationType>("allPersons").Description("The all-persons figure; null when the source has none for this cell (see note).").Resolve(c => c.Source.AllPersons);
        Field<ObservationType>("male").Description("The male figure; null when the source has none for this cell (see note). Check status: a suppressed figure has no value.").Resolve(c => c.Source.Male);
        Field<ObservationType>("female").Description("The female figure; null when the source has none for this cell (see note). Check status: a suppressed figure has no value.").Resolve(c => c.Source.Female);
        Field<DecimalScalarGraphType>("gap")
            .Description("Female value minus male value, in gapUnit (percentage points for percentages: 20.5% − 27.2% = −6.7). Positive: higher for females. Null when either figure is missing or not published. Whether it is more than chance: see gapInterval and significant.")
            .Resolve(c => c.Source.Gap);
        Field<NonNullGraphType<StringGraphType>>("gapUnit").Description("The unit of the gap: \"percentage points\" for percentages, otherwise the indicator's unit.").Resolve(c => c.Source.GapUnit);
        Field<DecimalScalarGraphType>("ratio")
            .Description($"Female value divided by male value, rounded to {GenderBreakdown.RatioDecimals} decimal places (0.754: the female figure is about three quarters of the male). Null when either figure is missing or not published, or the male figure is zero.")
            .Resolve(c => c.Source.Ratio);
        Field<StringGraphType>("note").Description("Why a figure, the gap or the ratio is null, telling apart a figure not published in this table (the source gives no split by sex for the cell), one the publisher left out or suppressed at source, and one withheld by this API's disclosure control (with its reason); null when everything is published.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<ConfidenceLevelGraphType>>("level").Description("The confidence level of the intervals and the significance test below (the query's level argument).").Resolve(c => c.Source.Level);
        Field<ConfidenceIntervalType>("allPersonsInterval").Description("Confidence interval of the all-persons figure (Wilson score for percentages, exact Poisson or Byar for counts and rates); null when it cannot be computed (see allPersons.intervalNote).").Resolve(c => Present(c.Source.AllPersonsInterval));
        Field<ConfidenceIntervalType>("maleInterval").Description("Confidence interval of the male figure; null when it cannot be computed (see male.intervalNote).").Resolve(c => Present(c.Source.MaleInterval));
        Field<ConfidenceIntervalType>("femaleInterval").Description("Confidence interval of the female figure; null when it cannot be computed (see female.intervalNote).").Resolve(c => Present(c.Source.FemaleInterval));
        Field<ConfidenceIntervalType>("gapInterval")
            .Description("Confidence interval of the gap (female − male), in gapUnit: Newcombe's hybrid score method for a difference of percentages (percentage points), MOVER from the exact Poisson/Byar limits for a difference of counts or rates. Null when either figure has no interval (see significanceNote).")
            .Resolve(c => Present(c.Source.GapInterval));
        Field<BooleanGraphType>("significant")
            .Description("True when the gap is statistically significant at the chosen level (its interval excludes zero), false when it is not (the interval includes zero: the gap could be chance). Null when it cannot be judged because the source publishes no counts behind the figures (see significanceNote).")
            .Resolve(c => c.Source.Significant);
        Field<NonNullGraphType<StringGraphType>>("significanceNote").Description("The significance judgement in words, with the gap's interval, or why it cannot be made.").Resolve(c => c.Source.SignificanceNote);
    }

    private static FigureInterval? Present(FigureInterval interval) => interval.Interval is null ? null : interval;
}
