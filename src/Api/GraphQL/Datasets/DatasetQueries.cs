using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Datasets;

public static class DatasetQueries
{
    public static void AddDatasetQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetType>>>>("datasets")
            .ExpectedItems(5)
            .Description("The published sources the API holds figures from, with every loaded edition. Ordered by code.")
            .ResolveAsync(async c => await c.QueryAsync(async (db, ct) => await db.Datasets.OrderBy(d => d.Code).ToListAsync(ct)));
    }
}
