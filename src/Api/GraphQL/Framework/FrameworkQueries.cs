using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Framework;

public static class FrameworkQueries
{
    public static void AddFrameworkQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NationalAimType>>>>("nationalAims")
            .ExpectedItems(4)
            .Description("The Community Justice framework as a graph: national aims → priority actions → nationally determined outcomes → national indicators → the statistical indicators that report them.")
            .ResolveAsync(async c => await c.QueryAsync(async (db, ct) => await db.NationalAims.OrderBy(a => a.Number).ToListAsync(ct)));

        query.Field<NationalAimType>("nationalAim")
            .Description("One national aim by number (1 to 4), e.g. to ask for everything under it for an area: nationalAim(number: 2) { evidence(area: \"S12000019\", from: \"2017-18\") { ... } }. Null when there is no such aim.")
            .Argument<NonNullGraphType<IntGraphType>>("number", "Aim number, 1 to 4.")
            .ResolveAsync(async c =>
            {
                var number = c.GetArgument<int>("number");
                return await c.QueryAsync(async (db, ct) => await db.NationalAims.FirstOrDefaultAsync(a => a.Number == number, ct));
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorType>>>>("overarchingIndicators")
            .ExpectedItems(5)
            .Description("Indicators linked to no national aim or national indicator: the overarching outcome of the framework, the reconviction rate and reconvictions per offender (the national strategy's purpose is fewer people reoffending, which every aim serves, so it sits under none of them), and context measures such as population.")
            .ResolveAsync(async c => await c.QueryAsync(async (db, ct) =>
                await db.Indicators.Where(i => i.NationalAimNumber == null && i.NationalIndicatorCode == null).OrderBy(i => i.Code).ToListAsync(ct)));
    }
}
