using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Areas;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

public static class AreaQueries
{
    public static void AddAreaQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AreaType>>>>("areas")
            .ExpectedItems(33)
            .Description("Scotland, its council areas and, once a geography lookup is loaded, every other statistical geography (filter by level or within). Ordered by code unless 'order' says otherwise.")
            .Argument<AreaFilterInputType>("where", "Only areas that meet these conditions, e.g. { level: { eq: COUNCIL_AREA } } or { within: { code: { eq: \"S12000005\" } }, level: { eq: DATA_ZONE } }.")
            .Argument<ListGraphType<NonNullGraphType<AreaSortInputType>>>("order", "Sort order, e.g. [{ name: ASC }].")
            .ResolveAsync(async c =>
            {
                // Former codes in code eq/in mean the area that has them now; unknown codes are an error, not an empty list.
                var where = AreaFiltering.Filter.ToPredicate(await AreaFiltering.ResolveCodesAsync(c.RawArgument("where"), await c.ReferenceDataAsync(), c.CancellationToken));
                var order = c.RawArgument("order");
                return await c.QueryAsync(async (db, ct) =>
                {
                    var areas = db.Areas.AsQueryable();
                    if (where is not null) areas = areas.Where(where);
                    return await AreaFiltering.Sort.Apply(areas, order, a => a.Code).ToListAsync(ct);
                });
            });

        query.Field<AreaType>("area")
            .Description("One area by its GSS code. A former code (e.g. S12000015, Fife before 2018) returns the area that now has it: read 'code' for the current code and 'formerCodes' for the change. An error (UNKNOWN_AREA, with suggestions) when no area has the code.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "GSS code, current or former, e.g. S12000019.")
            .ResolveAsync(async c =>
            {
                var code = c.GetArgument<string>("code").Trim().ToUpperInvariant();
                var reference = await c.ReferenceDataAsync();
                return reference.AreaByCode(code) ?? throw new UnknownAreaError(c.GetArgument<string>("code").Trim(), reference.AreaCodesAndNames);
            });
    }
}
