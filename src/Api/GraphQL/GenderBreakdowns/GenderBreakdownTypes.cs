using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;

public sealed class GenderBreakdownType : ObjectGraphType<GenderBreakdown>
{
    public GenderBreakdownType()
    {
        Name = "GenderBreakdown";
        Description = "All persons, males and females side by side for one indicator, area, period and age band, with the gap between females and males: the \"outcomes by gender\" a JSNSA reports.";
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("The indicator, with its unit.").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<AreaType>>("area").Description("The area (its current code, when a former code was asked for).").Resolve(c => c.Source.Area);
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, as a label such as \"2017-18\".").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band.").Resolve(c => c.Source.AgeBand);
        Field<ObservationType>("allPersons").Description("The all-persons figure; null when the source has none for this cell (see note).").Resolve(c => c.Source.AllPersons);
        Field<ObservationType>("male").Description("The male figure; null when the source has none for this cell (see note). Check status: a suppressed figure has no value.").Resolve(c => c.Source.Male);
        Field<ObservationType>("female").Description("The female figure; null when the source has none for this cell (see note). Check status: a suppressed figure has no value.").Resolve(c => c.Source.Female);
        Field<DecimalScalarGraphType>("gap")
            .Description("Female value minus male value, in gapUnit (percentage points for percentages: 20.5% − 27.2% = −6.7). Positive: higher for females. Null when either figure is missing or not published. Says nothing yet about whether the gap is statistically significant.")
            .Resolve(c => c.Source.Gap);
        Field<NonNullGraphType<StringGraphType>>("gapUnit").Description("The unit of the gap: \"percentage points\" for percentages, otherwise the indicator's unit.").Resolve(c => c.Source.GapUnit);
        Field<DecimalScalarGraphType>("ratio")
            .Description($"Female value divided by male value, rounded to {GenderBreakdown.RatioDecimals} decimal places (0.754: the female figure is about three quarters of the male). Null when either figure is missing or not published, or the male figure is zero.")
            .Resolve(c => c.Source.Ratio);
        Field<StringGraphType>("note").Description("Why a figure, the gap or the ratio is null; null when everything is published.").Resolve(c => c.Source.Note);
    }
}

public static class GenderBreakdownQueries
{
    public static void AddGenderBreakdownQueries(this ObjectGraphType query)
    {
        query.Field<GenderBreakdownType>("genderBreakdown")
            .Description("For one indicator, area, period and age band: the all-persons, male and female figures from the latest edition, the gap (female minus male) and the ratio (female ÷ male), with a note explaining any figure that is missing or not published.")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\" (see the indicators query).")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code (e.g. S12000019), a former code (e.g. S12000015), or a name (e.g. \"Midlothian\", \"Edinburgh, City of\").")
            .Argument<NonNullGraphType<StringGraphType>>("period", "Period: a financial year as \"2017-18\" or as statistics.gov.scot writes it, \"2017/2018\"; or a calendar year, \"2017\".")
            .Argument<StringGraphType>("ageBand", a =>
            {
                a.DefaultValue = ReferenceAgeBands.AllAges;
                a.Description = "Age band code: \"all\" (default), \"under-21\", \"21-25\", \"26-30\", \"31-40\", \"over-40\".";
            })
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator").Trim();
                var areaText = c.GetArgument<string>("area").Trim();
                var period = PeriodArgument.Parse(c.GetArgument<string>("period"));
                var ageBandCode = (c.GetArgument<string?>("ageBand") ?? ReferenceAgeBands.AllAges).Trim();

                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await db.Indicators.FirstOrDefaultAsync(i => i.Code == indicatorCode, ct)
                        ?? throw new UnknownIndicatorError(indicatorCode, await db.Indicators.OrderBy(i => i.Code).Select(i => i.Code).ToListAsync(ct));
                    var area = await AreaQueries.FindAsync(db, areaText.ToUpperInvariant(), ct);
                    if (area is null)
                    {
                        var normalised = AreaNames.Normalise(areaText);
                        var code = await db.AreaAliases.Where(a => a.NormalisedName == normalised).Select(a => a.AreaCode).FirstOrDefaultAsync(ct);
                        area = code is null ? null : await AreaQueries.FindAsync(db, code, ct);
                    }
                    if (area is null) throw new UnknownAreaError(areaText);
                    var ageBand = await db.AgeBands.FirstOrDefaultAsync(a => a.Code == ageBandCode, ct)
                        ?? throw new UnknownAgeBandError(ageBandCode, await db.AgeBands.OrderBy(a => a.SortOrder).Select(a => a.Code).ToListAsync(ct));

                    var cells = await db.Observations
                        .Where(o => o.DatasetVersion!.IsLatest && o.IndicatorCode == indicator.Code && o.AreaCode == area.Code && o.AgeBandCode == ageBand.Code
                            && (o.PeriodLabel == period.Label || (o.PeriodStart == period.Start && o.PeriodEnd == period.End)))
                        .WithRelations()
                        .ToListAsync(ct);
                    // Should two datasets both carry the cell, the newest edition wins.
                    var newest = cells.GroupBy(o => o.Sex).Select(g => g.OrderByDescending(o => o.DatasetVersion!.EditionDate).ThenByDescending(o => o.Id).First()).ToList();
                    return GenderBreakdown.Create(indicator, area, period.Label, ageBand, newest);
                });
            });
    }
}
