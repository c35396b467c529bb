using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Model.Indicators;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Indicators;

public static class IndicatorLoaders
{
    /// <summary>The statistical indicators reporting each national indicator code.</summary>
    public static IDataLoaderResult<IReadOnlyList<Indicator>> LoadMeasuresOfNationalIndicator(this IResolveFieldContext context, string code) =>
        context.Load<string, IReadOnlyList<Indicator>>("indicatorsByNationalIndicator", code, async (db, codes, ct) =>
            (await db.Indicators.Where(i => i.NationalIndicatorCode != null && codes.Contains(i.NationalIndicatorCode)).OrderBy(i => i.Code).ToListAsync(ct))
                .GroupBy(i => i.NationalIndicatorCode!).ToDictionary(g => g.Key, g => (IReadOnlyList<Indicator>)g.ToList()))
            .Then(list => list ?? []);

    /// <summary>The statistical indicators that evidence each national aim directly.</summary>
    public static IDataLoaderResult<IReadOnlyList<Indicator>> LoadMeasuresOfNationalAim(this IResolveFieldContext context, int number) =>
        context.Load<int, IReadOnlyList<Indicator>>("indicatorsByNationalAim", number, async (db, numbers, ct) =>
            (await db.Indicators.Where(i => i.NationalAimNumber != null && numbers.Contains(i.NationalAimNumber.Value)).OrderBy(i => i.Code).ToListAsync(ct))
                .GroupBy(i => i.NationalAimNumber!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<Indicator>)g.ToList()))
            .Then(list => list ?? []);
}
