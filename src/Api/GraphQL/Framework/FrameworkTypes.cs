using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Model.Framework;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
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
            .Resolve(c => c.LoadPriorityActionsOfAim(c.Source.Number));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IndicatorType>>>>("measures")
            .ExpectedItems(2)
            .Description("Statistical indicators that the catalogue links to this aim directly, without being national indicators; empty when there are none.")
            .Resolve(c => c.LoadMeasuresOfNationalAim(c.Source.Number));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ObservationType>>>>("evidence")
            .ExpectedItems(100)
            .Description("Every figure for one area under this aim, in one list: the figures of every statistical indicator reporting a national indicator of the aim's outcomes, and of the indicators linked to the aim directly, ordered by indicator and period. Each figure carries its confidenceInterval or intervalNote and its source edition. Passes through the public view's disclosure control.")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code (e.g. S12000019 for Midlothian), former code or name.")
            .Argument<StringGraphType>("from", "First period, e.g. \"2017-18\" (periods starting on or after its first day); omit for all.")
            .Argument<StringGraphType>("to", "Last period, e.g. \"2022-23\" (periods ending on or before its last day); omit for the latest.")
            .Argument<SexGraphType>("sex", a => { a.DefaultValue = Sex.All; a.Description = "ALL (default), MALE or FEMALE."; })
            .Argument<StringGraphType>("ageBand", a => { a.DefaultValue = ReferenceAgeBands.AllAges; a.Description = "Age band code; \"all\" (default)."; })
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var number = c.Source.Number;
                var areaText = c.GetArgument<string>("area");
                var from = c.GetArgument<string?>("from") is { } f ? PeriodArgument.Parse(f).Start : DateOnly.MinValue;
                var to = c.GetArgument<string?>("to") is { } t ? PeriodArgument.Parse(t).End : DateOnly.MaxValue;
                var sex = c.GetArgument("sex", Sex.All);
                var ageBand = c.GetArgument<string?>("ageBand") ?? ReferenceAgeBands.AllAges;
                var asOf = c.AsPublishedOn();
                return await c.QueryAsync(async (db, ct) =>
                {
                    var area = await FigureArguments.AreaAsync(db, areaText, ct);
                    var codes = await db.Indicators.Where(i => i.NationalAimNumber == number
                            || i.NationalIndicator!.NationalOutcome!.PriorityAction!.NationalAimNumber == number)
                        .Select(i => i.Code).ToListAsync(ct);
                    var figures = await FigureSource.LoadAsync(db, asOf, codes,
                        o => codes.Contains(o.IndicatorCode) && o.AreaCode == area.Code && o.Sex == sex && o.AgeBandCode == ageBand
                            && o.PeriodStart >= from && o.PeriodEnd <= to, ct);
                    return figures.OrderBy(o => o.IndicatorCode, StringComparer.Ordinal).ThenBy(o => o.PeriodStart).ThenBy(o => o.PeriodEnd).ToList();
                });
            });
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
            .Resolve(c => c.LoadOutcomesOfPriorityAction(c.Source.Number));
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
            .Resolve(c => c.LoadNationalIndicatorsOfOutcome(c.Source.Number));
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
