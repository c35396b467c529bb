using System.Globalization;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;

public sealed class GenderBreakdownType : ObjectGraphType<GenderBreakdown>
{
    public GenderBreakdownType()
    {
        Name = "GenderBreakdown";
        Description = "All persons, males and females side by side for one indicator, area, period and age band, with the gap between females and males, its confidence interval and whether it is statistically significant: the \"outcomes by gender\" a JSNSA reports. (The sources loaded so far record only all persons, males and females.)";
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("The indicator, with its unit.").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<AreaType>>("area").Description("The area (its current code, when a former code was asked for).").Resolve(c => c.Source.Area);
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, as a label such as \"2017-18\" (for reconviction, the cohort convicted or released in that financial year).").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band.").Resolve(c => c.Source.AgeBand);
        Field<ObservationType>("allPersons").Description("The all-persons figure; null when the source has none for this cell (see note).").Resolve(c => c.Source.AllPersons);
        Field<ObservationType>("male").Description("The male figure; null when the source has none for this cell (see note). Check status: a suppressed figure has no value.").Resolve(c => c.Source.Male);
        Field<ObservationType>("female").Description("The female figure; null when the source has none for this cell (see note). Check status: a suppressed figure has no value.").Resolve(c => c.Source.Female);
        Field<DecimalScalarGraphType>("gap")
            .Description("Female value minus male value, in gapUnit (percentage points for percentages: 20.5% − 27.2% = −6.7). Positive: higher for females. Null when either figure is missing or not published. Whether it is more than chance: see gapInterval and significant.")
            .Resolve(c => c.Source.Gap);
        Field<NonNullGraphType<StringGraphType>>("gapUnit").Description("The unit of the gap: \"percentage points\" for percentages, otherwise the indicator's unit.").Resolve(c => c.Source.GapUnit);
        Field<DecimalScalarGraphType>("ratio")
            .Description($"Female value divided by male value, rounded to {GenderBreakdown.RatioDecimals} decimal places (0.754: the female figure is about three quarters of the male). Null when either figure is missing or not published, or the male figure is zero.")
            .Resolve(c => c.Source.Ratio);
        Field<StringGraphType>("note").Description("Why a figure, the gap or the ratio is null, telling apart a figure not published in this table (the source gives no split by sex for the cell), one the publisher left out or suppressed at source, and one withheld by this API's disclosure control (with its reason); null when everything is published.").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<ConfidenceLevelGraphType>>("level").Description("The confidence level of the intervals and the significance test below (the query's level argument).").Resolve(c => c.Source.Level);
        Field<ConfidenceIntervalType>("allPersonsInterval").Description("Confidence interval of the all-persons figure (Wilson score for percentages, exact Poisson or Byar for counts and rates); null when it cannot be computed (see allPersons.intervalNote).").Resolve(c => Present(c.Source.AllPersonsInterval));
        Field<ConfidenceIntervalType>("maleInterval").Description("Confidence interval of the male figure; null when it cannot be computed (see male.intervalNote).").Resolve(c => Present(c.Source.MaleInterval));
        Field<ConfidenceIntervalType>("femaleInterval").Description("Confidence interval of the female figure; null when it cannot be computed (see female.intervalNote).").Resolve(c => Present(c.Source.FemaleInterval));
        Field<ConfidenceIntervalType>("gapInterval")
            .Description("Confidence interval of the gap (female − male), in gapUnit: Newcombe's hybrid score method for a difference of percentages (percentage points), MOVER from the exact Poisson/Byar limits for a difference of counts or rates. Null when either figure has no interval (see significanceNote).")
            .Resolve(c => Present(c.Source.GapInterval));
        Field<BooleanGraphType>("significant")
            .Description("True when the gap is statistically significant at the chosen level (its interval excludes zero), false when it is not (the interval includes zero: the gap could be chance). Null when it cannot be judged because the source publishes no counts behind the figures (see significanceNote).")
            .Resolve(c => c.Source.Significant);
        Field<NonNullGraphType<StringGraphType>>("significanceNote").Description("The significance judgement in words, with the gap's interval, or why it cannot be made.").Resolve(c => c.Source.SignificanceNote);
    }

    private static FigureInterval? Present(FigureInterval interval) => interval.Interval is null ? null : interval;
}

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
                    var cells = await FigureSource.LoadAsync(db, asOf,
                        o => o.IndicatorCode == indicator.Code && o.AreaCode == area.Code && o.AgeBandCode == ageBand.Code
                            && (o.PeriodLabel == period.Label || (o.PeriodStart == period.Start && o.PeriodEnd == period.End)), ct);
                    return GenderBreakdown.Create(indicator, area, period.Label, ageBand, cells, level, EditionText(asOf),
                        await SourcesAsync(db, indicator.Code, cells, ct));
                });
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<GenderBreakdownType>>>>("genderBreakdowns")
            .ExpectedItems(50)
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
                    var cells = await FigureSource.LoadAsync(db, asOf,
                        o => o.IndicatorCode == indicator.Code && bandCodes.Contains(o.AgeBandCode)
                            && (areaTexts == null || areaCodes.Contains(o.AreaCode))
                            && (labels == null || labels.Contains(o.PeriodLabel) || starts!.Contains(o.PeriodStart)), ct);

                    if (areaTexts is null)
                        areas = cells.Select(o => o.Area!).DistinctBy(a => a.Code).ToList();
                    var periodList = periods ?? cells.Select(o => new PeriodArgument(o.PeriodLabel, o.PeriodStart, o.PeriodEnd)).Distinct().ToList();
                    var byCell = cells.ToLookup(o => (o.AreaCode, o.PeriodStart, o.PeriodEnd, o.AgeBandCode));
                    var sources = await SourcesAsync(db, indicator.Code, cells, ct);
                    return areas.DistinctBy(a => a.Code).OrderBy(a => a.Level == AreaLevel.Country).ThenBy(a => a.Name, StringComparer.Ordinal)
                        .SelectMany(area => periodList.OrderBy(p => p.Start).ThenBy(p => p.End).SelectMany(period => ageBands.OrderBy(b => b.SortOrder).Select(band =>
                            GenderBreakdown.Create(indicator, area, period.Label, band,
                                byCell[(area.Code, period.Start, period.End, band.Code)].ToList(), level, EditionText(asOf), sources))))
                        .ToList();
                });
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ObservationType>>>>("ageBreakdown")
            .ExpectedItems(6)
            .Description("For one indicator, area, period and sex: the figure for all ages and for each age band, youngest first, each with its confidenceInterval (or intervalNote). Bands the source does not have are left out. For male and female side by side in each band, use genderBreakdowns with ageBands.")
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
                    var cells = await FigureSource.LoadAsync(db, asOf,
                        o => o.IndicatorCode == indicator.Code && o.AreaCode == area.Code && o.Sex == sex
                            && (o.PeriodLabel == period.Label || (o.PeriodStart == period.Start && o.PeriodEnd == period.End)), ct);
                    return cells.OrderBy(o => o.AgeBand!.SortOrder).ToList();
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
        if (cells.Count == 0) return new BreakdownSources(view.SuppressionReason, _ => true);
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
                .Where(o => o.IndicatorCode == indicatorCode && o.Sex != Sex.All && versions.Contains(o.DatasetVersionId)
                    && bands.Contains(o.AgeBandCode) && starts.Contains(o.PeriodStart))
                .Select(o => new { o.DatasetVersionId, o.PeriodStart, o.PeriodEnd, o.AgeBandCode, o.Area!.Level })
                .Distinct().ToListAsync(ct);
            foreach (var t in found) split.Add((t.DatasetVersionId, t.PeriodStart, t.PeriodEnd, t.AgeBandCode, t.Level));
        }
        return new BreakdownSources(view.SuppressionReason,
            figure => figure.Area is not { } area || split.Contains((figure.DatasetVersionId, figure.PeriodStart, figure.PeriodEnd, figure.AgeBandCode, area.Level)));
    }

    /// <summary>The asPublishedOn argument every view takes.</summary>
    public static FieldBuilder<TSource, TReturn> AsPublishedOnArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<DateScalarGraphType>("asPublishedOn",
            "A date, e.g. \"2019-06-01\": the figures as they stood then, from the newest edition of each dataset published on or before it (revisions published later are ignored; datasets first published later are left out). Omit for the latest edition.");

    public static DateOnly? AsPublishedOn(this IResolveFieldContext context) => context.GetArgument<DateOnly?>("asPublishedOn");

    public static string EditionText(DateOnly? asOf) =>
        asOf is { } date ? $"the edition of the source current on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "the latest edition of the source";
}
