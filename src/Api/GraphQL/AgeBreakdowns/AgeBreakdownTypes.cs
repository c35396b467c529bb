using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.AgeBreakdowns;

public sealed class AgeBandGapType : ObjectGraphType<AgeBandGap>
{
    public AgeBandGapType()
    {
        Name = "AgeBandGap";
        Description = "An age band missing from a breakdown: the indicator has figures for it in this period, in the editions read, for other areas or sexes, but none for this one.";
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band.").Resolve(c => c.Source.AgeBand);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why there is no figure: which editions have the band for the period, and that they give this cell no figure and no marker.").Resolve(c => c.Source.Reason);
    }
}

public sealed class AgeBreakdownType : ObjectGraphType<AgeBreakdown>
{
    public AgeBreakdownType()
    {
        Name = "AgeBreakdown";
        Description = "One indicator, area, period and sex by age band: each band's figure, youngest first, and the bands the indicator has for the period elsewhere but not here, with the reason.";
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("The indicator, with its unit.").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<AreaType>>("area").Description("The area (its current code, when a former code was asked for).").Resolve(c => c.Source.Area);
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, e.g. \"2017-18\".").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<SexGraphType>>("sex").Description("All persons, males or females.").Resolve(c => c.Source.Sex);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ObservationType>>>>("bands").ExpectedItems(6)
            .Description("The figure for all ages and for each age band the source has for this cell, youngest first, each with its confidenceInterval (or intervalNote); suppressed or marked figures included, with their status.")
            .Resolve(c => c.Source.Bands);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AgeBandGapType>>>>("missingBands").ExpectedItems(2)
            .Description("Age bands the indicator has for this period (for other areas or sexes) but this cell does not, youngest first, each with the reason; empty when none is missing.")
            .Resolve(c => c.Source.MissingBands);
    }
}
