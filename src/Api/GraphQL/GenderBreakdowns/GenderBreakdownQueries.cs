using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;

public static class GenderBreakdownQueries
{
    public static void AddGenderBreakdownQueries(this ObjectGraphType query)
    {
        query.Field<GenderBreakdownType>("genderBreakdown")
            .Description("For one indicator, area, period and age band: the all-persons, male and female figures from the latest edition (or as published on a date), the gap (female minus male) with its confidence interval and significance, and the ratio (female ÷ male), with a note explaining any figure that is missing or not published.")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\" (see the indicators query).")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code (e.g. S12000019), a former code (e.g. S12000015), or a name (e.g. \"Midlothian\", \"Edinburgh, City of\").")
            .Argument<NonNullGraphType<StringGraphType>>("period", "Period: a financial year as \"2017-18\" or as statistics.gov.scot writes it, \"2017/2018\"; or a calendar year, \"2017\".")
            .Argument<StringGraphType>("ageBand", a =>
            {
                a.DefaultValue = ReferenceAgeBands.AllAges;
                a.Description = "Age band code: \"all\" (default), \"under-21\", \"21-25\", \"26-30\", \"31-40\", \"over-40\".";
            })
            .LevelArgument()
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator");
                var areaText = c.GetArgument<string>("area");
                var period = PeriodArgument.Parse(c.GetArgument<string>("period"));
                var ageBandCode = c.GetArgument<string?>("ageBand") ?? ReferenceAgeBands.AllAges;
                var asOf = c.AsPublishedOn();
                var level = c.Level();

                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await FigureArguments.IndicatorAsync(db, indicatorCode, ct);
                    var area = await FigureArguments.AreaAsync(db, areaText, ct);
                    var ageBand = await FigureArguments.AgeBandAsync(db, ageBandCode, ct);
                    var cells = await FigureSource.LoadCellAsync(db, asOf, indicator.Code, area.Code, ageBand.Code, period.Label, period.Start, period.End, ct);
                    // A cell with no figure at all: which editions have the period for other cells (one statement, only then).
                    IReadOnlyList<int>? periodEditions = cells.Count > 0 ? null
                        : (await FigureSource.PeriodsAsync(db, asOf, indicator.Code, period.Start, period.End, ct))
                            .Where(p => p.Start == period.Start && p.End == period.End).SelectMany(p => p.Editions).Distinct().Order().ToList();
                    return GenderBreakdown.Create(indicator, area, period.Label, ageBand, cells, level, AsPublishedOnArguments.EditionText(asOf),
                        await SourcesAsync(db, indicator.Code, cells, ct), periodEditions);
                });
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GenderBreakdownType>>>>("genderBreakdowns")
            .WithComplexityImpact(GenderBreakdownCost.Impact)
            .Description("Gender breakdowns for many cells at once: one per area × period × age band asked for, ordered by area (council areas by name, then Scotland), period and age band. Each gives all persons, male and female side by side, the gap with its interval, and whether it is significant. Cells the source does not have are included, with a note.")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\".")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("areas", "Areas by GSS code, former code or name, e.g. [\"S12000019\", \"S92000003\"]. Omit for every area with figures for the indicator.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("periods", "Periods, e.g. [\"2016-17\", \"2017-18\"]. Omit for every period with figures for the indicator.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("ageBands", a =>
            {
                a.DefaultValue = new[] { ReferenceAgeBands.AllAges };
                a.Description = "Age band codes, e.g. [\"under-21\", \"21-25\"]; default [\"all\"]. Give every band for the gender gap across ages.";
            })
            .LevelArgument()
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator");
                var areaTexts = c.GetArgument<List<string>?>("areas");
                var periods = c.GetArgument<List<string>?>("periods")?.Select(PeriodArgument.Parse).DistinctBy(p => p.Label).ToList();
                var ageBandCodes = c.GetArgument<List<string>?>("ageBands") ?? [ReferenceAgeBands.AllAges];
                var asOf = c.AsPublishedOn();
                var level = c.Level();

                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await FigureArguments.IndicatorAsync(db, indicatorCode, ct);
                    var areas = new List<Area>();
                    foreach (var text in areaTexts ?? []) areas.Add(await FigureArguments.AreaAsync(db, text, ct));
                    var ageBands = new List<AgeBand>();
                    foreach (var code in ageBandCodes.Distinct()) ageBands.Add(await FigureArguments.AgeBandAsync(db, code, ct));

                    var areaCodes = areas.Select(a => a.Code).ToList();
                    var bandCodes = ageBands.Select(b => b.Code).ToList();
                    var labels = periods?.Select(p => p.Label).ToList();
                    var starts = periods?.Select(p => p.Start).ToList();
                    var cells = await FigureSource.LoadAsync(db, asOf, [indicator.Code],
                        o => o.IndicatorCode == indicator.Code && bandCodes.Contains(o.AgeBandCode)
                            && (areaTexts == null || areaCodes.Contains(o.AreaCode))
                            && (labels == null || labels.Contains(o.PeriodLabel) || starts!.Contains(o.PeriodStart)), ct);

                    if (areaTexts is null)
                        areas = cells.Select(o => o.Area!).DistinctBy(a => a.Code).ToList();
                    var periodList = periods ?? cells.Select(o => new PeriodArgument(o.PeriodLabel, o.PeriodStart, o.PeriodEnd)).Distinct().ToList();
                    var byCell = cells.ToLookup(o => (o.AreaCode, o.PeriodStart, o.PeriodEnd, o.AgeBandCode));
                    var sources = await SourcesAsync(db, indicator.Code, cells, ct);
                    // The editions that have each period for some area or band asked for: why a cell with no figure has none
                    // (null for a period none of them has: the generic note, since areas or bands not asked for may have it).
                    var periodEditions = cells.ToLookup(o => (o.PeriodStart, o.PeriodEnd), o => o.DatasetVersionId);
                    return areas.DistinctBy(a => a.Code).OrderBy(a => a.Level == AreaLevel.Country).ThenBy(a => a.Name, StringComparer.Ordinal)
                        .SelectMany(area => periodList.OrderBy(p => p.Start).ThenBy(p => p.End).SelectMany(period => ageBands.OrderBy(b => b.SortOrder).Select(band =>
                            GenderBreakdown.Create(indicator, area, period.Label, band,
                                byCell[(area.Code, period.Start, period.End, band.Code)].ToList(), level, AsPublishedOnArguments.EditionText(asOf), sources,
                                periodEditions.Contains((period.Start, period.End)) ? [.. periodEditions[(period.Start, period.End)].Distinct().Order()] : null))))
                        .ToList();
                });
            });
    }

    /// <summary>
    /// The public view's suppression reasons, and which tables of the loaded figures' editions give a
    /// split by sex (any male or female figure for the indicator, period and age band at the area's level).
    /// </summary>
    private static async Task<BreakdownSources> SourcesAsync(Model.AnalyticsDbContext db, string indicatorCode, IReadOnlyList<Observation> cells, CancellationToken ct)
    {
        var view = db.PublicView();
        var describe = FigureGaps.EditionNames(db.ReferenceData());
        if (cells.Count == 0) return new BreakdownSources(view.SuppressionReason, _ => true) { DescribeEdition = describe };
        // A male or female figure among the loaded cells already shows that its table splits by sex
        // (the cells come from the same public view), so only the tables of the other cells are looked
        // up: a breakdown with both figures, the common case, needs no statement for this.
        var split = cells.Where(c => c.Sex != Sex.All && c.Area is not null)
            .Select(c => (c.DatasetVersionId, c.PeriodStart, c.PeriodEnd, c.AgeBandCode, c.Area!.Level)).ToHashSet();
        var unknown = cells.Where(c => c.Area is { } area && !split.Contains((c.DatasetVersionId, c.PeriodStart, c.PeriodEnd, c.AgeBandCode, area.Level))).ToList();
        if (unknown.Count > 0)
        {
            var versions = unknown.Select(c => c.DatasetVersionId).Distinct().ToList();
            var bands = unknown.Select(c => c.AgeBandCode).Distinct().ToList();
            var starts = unknown.Select(c => c.PeriodStart).Distinct().ToList();
            var found = await db.PublicObservations()
                .Where(o => o.IndicatorCode == indicatorCode && o.Sex != Sex.All && EF.MultipleParameters(versions).Contains(o.DatasetVersionId)
                    && bands.Contains(o.AgeBandCode) && starts.Contains(o.PeriodStart))
                .Select(o => new { o.DatasetVersionId, o.PeriodStart, o.PeriodEnd, o.AgeBandCode, o.Area!.Level })
                .Distinct().ToListAsync(ct);
            foreach (var t in found) split.Add((t.DatasetVersionId, t.PeriodStart, t.PeriodEnd, t.AgeBandCode, t.Level));
        }
        return new BreakdownSources(view.SuppressionReason,
            figure => figure.Area is not { } area || split.Contains((figure.DatasetVersionId, figure.PeriodStart, figure.PeriodEnd, figure.AgeBandCode, area.Level)))
        { DescribeEdition = describe };
    }
}
