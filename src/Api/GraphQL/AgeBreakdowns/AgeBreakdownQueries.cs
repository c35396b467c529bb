using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.AgeBreakdowns;

public static class AgeBreakdownQueries
{
    public static void AddAgeBreakdownQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AgeBreakdownType>>("ageBreakdown")
            .Description("For one indicator, area, period and sex: the figure for all ages and for each age band, youngest first, each with its confidenceInterval (or intervalNote) in bands; the bands the indicator has for the period for other areas or sexes but not this one are listed in missingBands with the reason. For male and female side by side in each band, use genderBreakdowns with ageBands.")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\".")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code, former code or name.")
            .Argument<NonNullGraphType<StringGraphType>>("period", "Period, e.g. \"2017-18\".")
            .Argument<SexGraphType>("sex", a =>
            {
                a.DefaultValue = Sex.All;
                a.Description = "ALL (default), MALE or FEMALE.";
            })
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator");
                var areaText = c.GetArgument<string>("area");
                var period = PeriodArgument.Parse(c.GetArgument<string>("period"));
                var sex = c.GetArgument("sex", Sex.All);
                var asOf = c.AsPublishedOn();
                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await FigureArguments.IndicatorAsync(db, indicatorCode, ct);
                    var area = await FigureArguments.AreaAsync(db, areaText, ct);
                    var cells = await FigureSource.LoadAsync(db, asOf, [indicator.Code],
                        o => o.IndicatorCode == indicator.Code && o.AreaCode == area.Code && o.Sex == sex
                            && (o.PeriodLabel == period.Label || (o.PeriodStart == period.Start && o.PeriodEnd == period.End)), ct);
                    var reference = db.ReferenceData();
                    var available = (await FigureSource.AgeBandsAsync(db, asOf, indicator.Code, period.Label, period.Start, period.End, ct))
                        .Select(b => (AgeBand: reference.AgeBand(b.AgeBandCode)!, b.Editions)).OrderBy(b => b.AgeBand.SortOrder);
                    var missing = FigureGaps.Missing(available.Select(b => (b.AgeBand, b.Editions)), cells.Select(o => o.AgeBandCode), b => b.Code,
                        b => $"{period.Label}, age band {b.Code}", FigureGaps.Cell(area, sex), FigureGaps.EditionNames(reference));
                    return new AgeBreakdown(indicator, area, period.Label, sex, [.. cells.OrderBy(o => o.AgeBand!.SortOrder)],
                        [.. missing.Select(m => new AgeBandGap(m.Slice, m.Reason))]);
                });
            });
    }
}
