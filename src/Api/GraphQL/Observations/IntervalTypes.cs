using CommunityJustice.Analytics.Api.GraphQL.Datasets;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

public sealed class ConfidenceLevelGraphType : EnumerationGraphType<ConfidenceLevel>
{
    public ConfidenceLevelGraphType()
    {
        Name = "ConfidenceLevel";
        Description = "How sure an interval is meant to be: 95% (the usual choice) or 99.8% (about three standard errors; fewer false alarms when many areas are compared at once, as in Fingertips and the ScotPHO profiles).";
        Values["NINETY_FIVE"]!.Description = "95% confidence interval.";
        Values["NINETY_NINE_POINT_EIGHT"]!.Description = "99.8% confidence interval.";
    }
}

public sealed class IntervalMethodGraphType : EnumerationGraphType<IntervalMethod>
{
    public IntervalMethodGraphType()
    {
        Name = "IntervalMethod";
        Description = "The statistical method an interval was computed with.";
        Values["WILSON_SCORE"]!.Description = "Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3), used for percentages. Reliable for small groups and for percentages near 0 or 100.";
        Values["EXACT_POISSON"]!.Description = "Exact (Garwood) Poisson limits for a count of 500 or fewer, divided by the population for a rate.";
        Values["BYAR"]!.Description = "Byar's approximation to the exact Poisson limits (Breslow and Day 1987), for counts above 500; it agrees with the exact limits to well under 0.1% there.";
        Values["NEWCOMBE_HYBRID_SCORE"]!.Description = "Newcombe's hybrid score interval for the difference between two percentages (Newcombe 1998, method 10), built from the two Wilson intervals. In percentage points.";
        Values["MOVER_POISSON"]!.Description = "The difference between two counts or rates, by the method of variance estimates recovery (MOVER; Zou and Donner 2008) from each figure's exact Poisson or Byar limits. In the indicator's unit.";
    }
}

public sealed class ConfidenceIntervalType : ObjectGraphType<FigureInterval>
{
    public const int Decimals = 2;

    public ConfidenceIntervalType()
    {
        Name = "ConfidenceInterval";
        Description = "A confidence interval: the range of values consistent with the figure given chance variation in who happened to be counted. In the figure's own unit (percent for a percentage, percentage points for a gap between percentages).";
        Field<NonNullGraphType<DecimalScalarGraphType>>("lower").Description($"Lower limit, in the figure's unit, rounded to {Decimals} decimal places.").Resolve(c => Round(c.Source.Interval!.Value.Lower));
        Field<NonNullGraphType<DecimalScalarGraphType>>("upper").Description($"Upper limit, in the figure's unit, rounded to {Decimals} decimal places.").Resolve(c => Round(c.Source.Interval!.Value.Upper));
        Field<NonNullGraphType<ConfidenceLevelGraphType>>("level").Description("The confidence level: 95% or 99.8%.").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<IntervalMethodGraphType>>("method").Description("The method used: Wilson score for percentages, exact Poisson (Byar above 500) for counts and rates, Newcombe or MOVER for differences.").Resolve(c => c.Source.Method!.Value);
        Field<StringGraphType>("basis").Description("The numbers the interval was computed from, e.g. \"212 of 815 people (26.0%).\"; null for differences.").Resolve(c => c.Source.Basis);
    }

    public static decimal Round(double value) => Math.Round((decimal)value, Decimals, MidpointRounding.AwayFromZero);
}

public static class IntervalFields
{
    /// <summary>The level argument every interval field takes (95% by default).</summary>
    public static FieldBuilder<TSource, TReturn> LevelArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<ConfidenceLevelGraphType>("level", a =>
        {
            a.DefaultValue = ConfidenceLevel.NinetyFive;
            a.Description = "NINETY_FIVE (default) for a 95% interval, NINETY_NINE_POINT_EIGHT for 99.8%.";
        });

    public static ConfidenceLevel Level(this IResolveFieldContext context) => context.GetArgument("level", ConfidenceLevel.NinetyFive);

    /// <summary>The interval fields of a figure: numerator, denominator, confidenceInterval and intervalNote.</summary>
    public static void AddIntervalFields(this ObjectGraphType<Observation> type)
    {
        type.Field<DecimalScalarGraphType>("numerator")
            .Description("The count behind the figure where the source publishes it (e.g. the number of people reconvicted, or of events for a rate); null when it gives only the figure.")
            .Resolve(c => c.Source.Numerator);
        type.Field<DecimalScalarGraphType>("denominator")
            .Description("The base of the figure where the source publishes it (e.g. the number of offenders in the cohort, or the population for a rate); null when it gives only the figure.")
            .Resolve(c => c.Source.Denominator);
        type.Field<DatasetVersionType>("countSource")
            .Description("The dataset edition the numerator and denominator come from: this figure's own, or another published table describing exactly the same cohort (e.g. the 2017-18 reconviction workbook's number of offenders by council beside the statistics.gov.scot rate, joined only where the two publish the same rate). Null when there are no counts.")
            .Resolve(c => FigureSource.CountSource(c.Source));
        type.Field<ConfidenceIntervalType>("confidenceInterval")
            .Description("The figure's confidence interval in its own unit: Wilson score for percentages (from the count and base, or from the published percentage and the base of the same cohort), exact Poisson (Byar above 500) for counts and rates per N people. Null when it cannot be computed: read intervalNote for why (most often, the source publishes the rate without the count behind it; the API never estimates one).")
            .LevelArgument()
            .Resolve(c => FigureIntervals.For(c.Source, c.Level()) is { Interval: not null } interval ? interval : null);
        type.Field<StringGraphType>("intervalNote")
            .Description("Why confidenceInterval is null (e.g. \"The source publishes the percentage but not the number of people it is a percentage of ...\"); null when there is an interval.")
            .Resolve(c => FigureIntervals.For(c.Source, ConfidenceLevel.NinetyFive).Note);
    }
}
