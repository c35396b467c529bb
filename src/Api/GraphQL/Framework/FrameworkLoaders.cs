using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Model.Framework;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Framework;

public static class FrameworkLoaders
{
    public static IDataLoaderResult<NationalAim?> LoadNationalAim(this IResolveFieldContext context, int number) =>
        context.Load<int, NationalAim>("nationalAimByNumber", number, async (db, numbers, ct) =>
            await db.NationalAims.Where(a => numbers.Contains(a.Number)).ToDictionaryAsync(a => a.Number, ct));

    public static IDataLoaderResult<NationalIndicator?> LoadNationalIndicator(this IResolveFieldContext context, string code) =>
        context.Load<string, NationalIndicator>("nationalIndicatorByCode", code, async (db, codes, ct) =>
            await db.NationalIndicators.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct));
}
