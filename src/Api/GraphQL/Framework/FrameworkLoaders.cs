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

    /// <summary>The priority actions under each national aim, in number order.</summary>
    public static IDataLoaderResult<IReadOnlyList<PriorityAction>> LoadPriorityActionsOfAim(this IResolveFieldContext context, int number) =>
        context.Load<int, IReadOnlyList<PriorityAction>>("priorityActionsByAim", number, async (db, numbers, ct) =>
            (await db.PriorityActions.Where(p => numbers.Contains(p.NationalAimNumber)).OrderBy(p => p.Number).ToListAsync(ct))
                .GroupBy(p => p.NationalAimNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<PriorityAction>)g.ToList()))
            .Then(list => list ?? []);

    /// <summary>The nationally determined outcomes of each priority action, in number order.</summary>
    public static IDataLoaderResult<IReadOnlyList<NationalOutcome>> LoadOutcomesOfPriorityAction(this IResolveFieldContext context, int number) =>
        context.Load<int, IReadOnlyList<NationalOutcome>>("outcomesByPriorityAction", number, async (db, numbers, ct) =>
            (await db.NationalOutcomes.Where(o => numbers.Contains(o.PriorityActionNumber)).OrderBy(o => o.Number).ToListAsync(ct))
                .GroupBy(o => o.PriorityActionNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<NationalOutcome>)g.ToList()))
            .Then(list => list ?? []);

    /// <summary>The national indicators of each outcome, in code order.</summary>
    public static IDataLoaderResult<IReadOnlyList<NationalIndicator>> LoadNationalIndicatorsOfOutcome(this IResolveFieldContext context, int number) =>
        context.Load<int, IReadOnlyList<NationalIndicator>>("nationalIndicatorsByOutcome", number, async (db, numbers, ct) =>
            (await db.NationalIndicators.Where(i => numbers.Contains(i.NationalOutcomeNumber)).OrderBy(i => i.Code).ToListAsync(ct))
                .GroupBy(i => i.NationalOutcomeNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<NationalIndicator>)g.ToList()))
            .Then(list => list ?? []);
}
