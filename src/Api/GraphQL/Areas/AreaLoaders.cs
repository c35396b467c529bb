using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Model.Areas;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

public static class AreaLoaders
{
    /// <summary>An area by its current code, batched across the request.</summary>
    public static global::GraphQL.DataLoader.IDataLoaderResult<Area?> LoadArea(this global::GraphQL.IResolveFieldContext context, string code) =>
        context.Load<string, Area>("areaByCode", code, async (db, codes, ct) =>
            await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct));
}
