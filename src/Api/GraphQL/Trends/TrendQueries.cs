using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Trends;

public static class TrendQueries
{
    public static void AddTrendQueries(this ObjectGraphType query)
    {
        query.Field<TrendType>("trend")
            .Description("An indicator's figures over time for one area, sex and age band, earliest first, with each figure's interval, the change since the first and the previous period, and the direction (tested for significance where intervals exist). Periods the indicator has for other cells but not this one are listed in missingPeriods with the reason.")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\".")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code, former code or name.")
            .Argument<SexGraphType>("sex", a => { a.DefaultValue = Sex.All; a.Description = "ALL (default), MALE or FEMALE."; })
            .Argument<StringGraphType>("ageBand", a => { a.DefaultValue = ReferenceAgeBands.AllAges; a.Description = "Age band code; \"all\" (default)."; })
            .Argument<StringGraphType>("from", "First period to include, e.g. \"2014-15\"; omit for the start of the series.")
            .Argument<StringGraphType>("to", "Last period to include; omit for the latest.")
            .LevelArgument()
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator");
                var areaText = c.GetArgument<string>("area");
                var sex = c.GetArgument("sex", Sex.All);
                var ageBandCode = c.GetArgument<string?>("ageBand") ?? ReferenceAgeBands.AllAges;
                var from = c.GetArgument<string?>("from") is { } f ? PeriodArgument.Parse(f) : null;
                var to = c.GetArgument<string?>("to") is { } t ? PeriodArgument.Parse(t) : null;
                var level = c.Level();
                var asOf = c.AsPublishedOn();
                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await FigureArguments.IndicatorAsync(db, indicatorCode, ct);
                    var area = await FigureArguments.AreaAsync(db, areaText, ct);
                    var ageBand = await FigureArguments.AgeBandAsync(db, ageBandCode, ct);
                    var fromStart = from?.Start ?? DateOnly.MinValue;
                    var toEnd = to?.End ?? DateOnly.MaxValue;
                    var figures = await FigureSource.LoadAsync(db, asOf, [indicator.Code],
                        o => o.IndicatorCode == indicator.Code && o.AreaCode == area.Code && o.Sex == sex && o.AgeBandCode == ageBand.Code
                            && o.PeriodStart >= fromStart && o.PeriodEnd <= toEnd, ct);
                    var periods = await FigureSource.PeriodsAsync(db, asOf, indicator.Code, fromStart, toEnd, ct);
                    return Trend.Create(indicator, area, sex, ageBand, level, figures) with
                    {
                        MissingPeriods = Trend.Gaps(figures, periods, FigureGaps.EditionNames(db.ReferenceData()), FigureGaps.Cell(area, sex, ageBand.Code)),
                    };
                });
            });
    }
}
