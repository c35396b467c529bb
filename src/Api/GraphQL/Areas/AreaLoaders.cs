using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Model.Areas;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Areas;

public static class AreaLoaders
{
    /// <summary>An area by its current code, batched across the request.</summary>
    public static IDataLoaderResult<Area?> LoadArea(this IResolveFieldContext context, string code) =>
        context.Load<string, Area>("areaByCode", code, async (db, codes, ct) =>
            await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct));

    /// <summary>Other spellings of each area's name, batched across the request.</summary>
    public static IDataLoaderResult<IReadOnlyList<string>> LoadAliasesOfArea(this IResolveFieldContext context, string code) =>
        context.Load<string, IReadOnlyList<string>>("areaAliasesByArea", code, async (db, codes, ct) =>
            (await db.AreaAliases.Where(a => codes.Contains(a.AreaCode)).OrderBy(a => a.Name).ToListAsync(ct))
                .GroupBy(a => a.AreaCode)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(a => a.Name).Distinct().ToList()))
            .Then(names => names ?? []);

    /// <summary>The retired codes each area replaced, oldest first, batched across the request.</summary>
    public static IDataLoaderResult<IReadOnlyList<AreaCodeSuccession>> LoadFormerCodesOfArea(this IResolveFieldContext context, string code) =>
        context.Load<string, IReadOnlyList<AreaCodeSuccession>>("areaSuccessionsByNewCode", code, async (db, codes, ct) =>
            (await db.AreaCodeSuccessions.Where(s => codes.Contains(s.NewCode)).OrderBy(s => s.EffectiveFrom).ToListAsync(ct))
                .GroupBy(s => s.NewCode)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<AreaCodeSuccession>)g.ToList()))
            .Then(list => list ?? []);
}
