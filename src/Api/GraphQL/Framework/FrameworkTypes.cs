using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Model.Framework;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Framework;

public sealed class NationalAimType : ObjectGraphType<NationalAim>
{
    public NationalAimType()
    {
        Name = "NationalAim";
        Description = "One of the four national aims of the National Strategy for Community Justice (Scottish Government, 2022).";
        Field<NonNullGraphType<IntGraphType>>("number").Description("Aim number, 1 to 4.").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<StringGraphType>>("title").Description("The aim as the strategy words it.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PriorityActionType>>>>("priorityActions")
            .ExpectedItems(4)
            .Description("The strategy's priority actions under this aim, in number order.")
            .Resolve(c => c.Load<int, IReadOnlyList<PriorityAction>>("priorityActionsByAim", c.Source.Number, async (db, numbers, ct) =>
                (await db.PriorityActions.Where(p => numbers.Contains(p.NationalAimNumber)).OrderBy(p => p.Number).ToListAsync(ct))
                    .GroupBy(p => p.NationalAimNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<PriorityAction>)g.ToList()))
                .Then(list => list ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorType>>>>("measures")
            .ExpectedItems(2)
            .Description("Statistical indicators that the catalogue links to this aim directly, without being national indicators; empty when there are none.")
            .Resolve(c => c.LoadMeasuresOfNationalAim(c.Source.Number));
    }
}

public sealed class PriorityActionType : ObjectGraphType<PriorityAction>
{
    public PriorityActionType()
    {
        Name = "PriorityAction";
        Description = "One of the 13 priority actions of the National Strategy for Community Justice, under one national aim.";
        Field<NonNullGraphType<IntGraphType>>("number").Description("Priority action number, 1 to 13.").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<StringGraphType>>("title").Description("The priority action as the strategy words it.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NationalOutcomeType>>>>("outcomes")
            .ExpectedItems(2)
            .Description("Nationally determined outcomes of the Community Justice Performance Framework for this action; empty where the framework has none yet.")
            .Resolve(c => c.Load<int, IReadOnlyList<NationalOutcome>>("outcomesByPriorityAction", c.Source.Number, async (db, numbers, ct) =>
                (await db.NationalOutcomes.Where(o => numbers.Contains(o.PriorityActionNumber)).OrderBy(o => o.Number).ToListAsync(ct))
                    .GroupBy(o => o.PriorityActionNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<NationalOutcome>)g.ToList()))
                .Then(list => list ?? []));
    }
}

public sealed class NationalOutcomeType : ObjectGraphType<NationalOutcome>
{
    public NationalOutcomeType()
    {
        Name = "NationalOutcome";
        Description = "A nationally determined outcome of the Community Justice Performance Framework (2023).";
        Field<NonNullGraphType<IntGraphType>>("number").Description("Outcome number.").Resolve(c => c.Source.Number);
        Field<NonNullGraphType<StringGraphType>>("title").Description("The outcome as the framework words it.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NationalIndicatorType>>>>("indicators")
            .ExpectedItems(3)
            .Description("The framework's national indicators for this outcome.")
            .Resolve(c => c.Load<int, IReadOnlyList<NationalIndicator>>("nationalIndicatorsByOutcome", c.Source.Number, async (db, numbers, ct) =>
                (await db.NationalIndicators.Where(i => numbers.Contains(i.NationalOutcomeNumber)).OrderBy(i => i.Code).ToListAsync(ct))
                    .GroupBy(i => i.NationalOutcomeNumber).ToDictionary(g => g.Key, g => (IReadOnlyList<NationalIndicator>)g.ToList()))
                .Then(list => list ?? []));
    }
}

public sealed class NationalIndicatorType : ObjectGraphType<NationalIndicator>
{
    public NationalIndicatorType()
    {
        Name = "NationalIndicator";
        Description = "A national indicator of the Community Justice Performance Framework (2023), which partnerships report against.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Identifier of the national indicator in this API.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("title").Description("The indicator as the framework words it.").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorType>>>>("measures")
            .ExpectedItems(2)
            .Description("Statistical indicators in this API that report this national indicator; empty where no data is loaded for it yet.")
            .Resolve(c => c.LoadMeasuresOfNationalIndicator(c.Source.Code));
    }
}

public static class FrameworkLoaders
{
    public static IDataLoaderResult<NationalAim?> LoadNationalAim(this IResolveFieldContext context, int number) =>
        context.Load<int, NationalAim>("nationalAimByNumber", number, async (db, numbers, ct) =>
            await db.NationalAims.Where(a => numbers.Contains(a.Number)).ToDictionaryAsync(a => a.Number, ct));

    public static IDataLoaderResult<NationalIndicator?> LoadNationalIndicator(this IResolveFieldContext context, string code) =>
        context.Load<string, NationalIndicator>("nationalIndicatorByCode", code, async (db, codes, ct) =>
            await db.NationalIndicators.Where(i => codes.Contains(i.Code)).ToDictionaryAsync(i => i.Code, ct));
}

public static class FrameworkQueries
{
    public static void AddFrameworkQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NationalAimType>>>>("nationalAims")
            .ExpectedItems(4)
            .Description("The Community Justice framework as a graph: national aims → priority actions → nationally determined outcomes → national indicators → the statistical indicators that report them.")
            .ResolveAsync(async c => await c.QueryAsync(async (db, ct) => await db.NationalAims.OrderBy(a => a.Number).ToListAsync(ct)));
    }
}
