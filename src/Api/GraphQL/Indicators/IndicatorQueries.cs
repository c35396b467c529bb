using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Indicators;

public static class IndicatorQueries
{
    public static void AddIndicatorQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorType>>>>("indicators")
            .ExpectedItems(10)
            .Description("The statistical measures the API holds figures for. Ordered by code unless 'order' says otherwise.")
            .Argument<IndicatorFilterInputType>("where", "Only indicators that meet these conditions.")
            .Argument<ListGraphType<NonNullGraphType<IndicatorSortInputType>>>("order", "Sort order, e.g. [{ title: ASC }].")
            .ResolveAsync(async c =>
            {
                var where = IndicatorFiltering.Filter.ToPredicate(c.RawArgument("where"));
                var order = c.RawArgument("order");
                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicators = db.Indicators.AsQueryable();
                    if (where is not null) indicators = indicators.Where(where);
                    return await IndicatorFiltering.Sort.Apply(indicators, order, i => i.Code).ToListAsync(ct);
                });
            });

        query.Field<IndicatorType>("indicator")
            .Description("One indicator by its code; an error (UNKNOWN_INDICATOR, with suggestions) when there is none.")
            .Argument<NonNullGraphType<StringGraphType>>("code", "Indicator code, e.g. \"reconviction-rate\".")
            .ResolveAsync(async c =>
            {
                var code = c.GetArgument<string>("code").Trim();
                var reference = await c.ReferenceDataAsync();
                return reference.Indicator(code) is null
                    ? throw new UnknownIndicatorError(code, reference.IndicatorCodes)
                    : await c.QueryAsync((db, ct) => db.Indicators.FirstOrDefaultAsync(i => i.Code == code, ct));
            });
    }
}
