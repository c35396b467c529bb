using CommunityJustice.Analytics.Model.Indicators;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Indicators;

public sealed class MeasureTypeGraphType : EnumerationGraphType<MeasureType>
{
    public MeasureTypeGraphType()
    {
        Name = "MeasureType";
        Description = "What kind of number an indicator's value is.";
        Values["PERCENTAGE"]!.Description = "A percentage of a group (e.g. % of offenders reconvicted); differences between two are in percentage points.";
        Values["MEAN"]!.Description = "An average per person (e.g. reconvictions per offender).";
        Values["COUNT"]!.Description = "A number of people or events.";
        Values["RATE"]!.Description = "A number per head of population (e.g. per 10,000 people).";
        Values["RANK"]!.Description = "A position in an ordering (e.g. a data zone's SIMD rank or decile, 1 = most deprived): no interval, and ranks do not add up.";
    }
}

public sealed class PolarityGraphType : EnumerationGraphType<Polarity>
{
    public PolarityGraphType()
    {
        Name = "Polarity";
        Description = "Whether a higher value of an indicator is better or worse for communities.";
        Values["NO_JUDGEMENT"]!.Description = "Neither direction is better: comparisons say higher or lower, not better or worse.";
        Values["HIGHER_IS_BETTER"]!.Description = "A higher value is better.";
        Values["LOWER_IS_BETTER"]!.Description = "A lower value is better (e.g. reconviction rate).";
    }
}

public sealed class IndicatorType : ObjectGraphType<Indicator>
{
    public IndicatorType(IEnumerable<IIndicatorTypeExtension> extensions)
    {
        Name = "Indicator";
        Description = "A statistical measure the API holds figures for, e.g. the one-year reconviction rate.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Stable identifier used in queries, e.g. \"reconviction-rate\".").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("title").Description("Short title, e.g. \"One-year reconviction rate\".").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("description").Description("What the figure measures, for whom and over what period, and its official source.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<MeasureTypeGraphType>>("measureType").Description("Percentage, mean, count, rate or rank.").Resolve(c => c.Source.MeasureType);
        Field<NonNullGraphType<StringGraphType>>("unit").Description("The unit of the value as a reader would say it, e.g. \"% of offenders reconvicted within one year\".").Resolve(c => c.Source.Unit);
        Field<NonNullGraphType<PolarityGraphType>>("polarity").Description("Whether a higher value is better, worse, or neither.").Resolve(c => c.Source.Polarity);
        // The framework's fields (nationalIndicator, nationalAim) come last, added by the Framework feature.
        foreach (var extension in extensions) extension.Extend(this);
    }
}
