using CommunityJustice.Analytics.Api.GraphQL.Filtering;
using CommunityJustice.Analytics.Api.GraphQL.Sorting;
using CommunityJustice.Analytics.Model.Indicators;

namespace CommunityJustice.Analytics.Api.GraphQL.Indicators;

public static class IndicatorFiltering
{
    public static readonly FilterDefinition<Indicator> Filter = new FilterDefinition<Indicator>()
        .String("code", i => i.Code, "Indicator code, e.g. \"reconviction-rate\".")
        .String("title", i => i.Title, "Title; use contains for a word in it, e.g. { contains: \"reconviction\" }.")
        .Operation<MeasureType, MeasureTypeOperationFilterInputType>("measureType", i => i.MeasureType, "Percentage, mean, count, rate or rank.")
        .Operation<Polarity, PolarityOperationFilterInputType>("polarity", i => i.Polarity, "Whether higher is better, worse or neither.");

    public static readonly SortDefinition<Indicator> Sort = new SortDefinition<Indicator>()
        .Field("code", i => i.Code, "By code.")
        .Field("title", i => i.Title, "By title, alphabetically.");
}

public sealed class MeasureTypeOperationFilterInputType : EnumOperationFilterInputGraphType<MeasureTypeGraphType>;

public sealed class PolarityOperationFilterInputType : EnumOperationFilterInputGraphType<PolarityGraphType>;

public sealed class IndicatorFilterInputType()
    : FilterInputGraphType<IndicatorFilterInputType, Indicator>("IndicatorFilterInput", "Conditions on an indicator. Several fields in one object must all hold.", IndicatorFiltering.Filter);

public sealed class IndicatorSortInputType()
    : SortInputGraphType<Indicator>("IndicatorSortInput", "Sort indicators by one field.", IndicatorFiltering.Sort);
