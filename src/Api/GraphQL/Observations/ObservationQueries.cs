using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

public static class ObservationQueries
{
    public static void AddObservationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ObservationsConnectionType>>("observations")
            .Description($"Published figures (and the cells that were not published, with the reason), filtered, sorted and paged. Reads the latest edition of each dataset unless allEditions is true. Pages hold {OffsetPaging.DefaultPageSize} figures unless first/last say otherwise (at most {OffsetPaging.MaxPageSize}).")
            .Argument<ObservationFilterInputType>("where", "Only figures that meet these conditions, e.g. { indicator: { code: { eq: \"reconviction-rate\" } }, sex: { eq: FEMALE } }.")
            .Argument<ListGraphType<NonNullGraphType<ObservationSortInputType>>>("order", "Sort order, e.g. [{ period: { start: DESC } }, { area: { name: ASC } }]. Ties are broken by id, so pages are stable.")
            .PagingArguments()
            .Argument<BooleanGraphType>("allEditions", a =>
            {
                a.DefaultValue = false;
                a.Description = "False (default): only the latest loaded edition of each dataset. True: figures from every loaded edition, e.g. to see how a figure was revised (compare source.editionDate).";
            })
            .AsPublishedOnArgument(AsPublishedOnArguments.ObservationsDescription)
            .ResolveAsync(async c =>
            {
                var reference = await c.ReferenceDataAsync();
                // A request sent again (no variables) reuses what its document made the first time (PageShapes).
                var shapes = PageShapes.Of(c);
                // Former area codes in eq/in mean their area's current code; unknown codes are an error, not an empty page.
                var cancellationToken = c.CancellationToken;
                var rawWhere = c.RawArgument("where");
                async Task<Expression<Func<Observation, bool>>?> Where() =>
                    ObservationFiltering.Filter.ToPredicate(await ObservationFiltering.ResolveAreaCodesAsync(rawWhere, reference, cancellationToken));
                var where = shapes is null ? await Where() : await shapes.WhereAsync(reference, Where);
                var order = c.RawArgument("order");
                var allEditions = c.GetArgument("allEditions", false);
                var asPublishedOn = c.AsPublishedOn();
                // Disclosure control first: conditions, orderings, pages and counts see only the masked
                // figures (masked in SQL when they read a masked column, otherwise each row on reading).
                var view = await c.Disclosure().GetViewAsync(c.CancellationToken);
                // As few editions as give the same answer (each is a partition of observations): those holding the
                // indicators and belonging to the datasets the filter keeps to, if it does.
                var editions = allEditions ? null
                    : ObservationFiltering.IndicatorCodes(rawWhere) is { } indicators
                        ? reference.VersionIdsAsPublishedOn(asPublishedOn, indicators)
                        : reference.VersionIdsAsPublishedOn(asPublishedOn);
                if (editions is not null && ObservationFiltering.DatasetCodes(rawWhere) is { } datasets)
                    editions = reference.OfDatasets(editions, datasets);
                // The statement reads the observations table alone (joining a related table only for a
                // condition or sort on one of its other fields); each figure's indicator, area, age band
                // and edition come from the reference data.
                // Only the columns the selected fields need are read (ObservationColumns).
                var projection = ObservationColumns.Projection(c);
                return await c.ToConnectionAsync(c.DbFactory(), db =>
                {
                    var page = view.Observations(db, editions, observations =>
                    {
                        if (where is not null) observations = observations.Where(where);
                        return ObservationFiltering.Sort.Apply(observations, order, o => o.Id).WithForeignKeyShortcuts(db.Model);
                    });
                    return projection is null ? page : page.Select(projection);
                }, row => view.Apply(reference.Attach(row)), shapes?.Statements(view, reference, editions));
            });
    }
}
