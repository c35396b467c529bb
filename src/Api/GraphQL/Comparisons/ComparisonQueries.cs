using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Reference;
using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Comparisons;

public static class ComparisonQueries
{
    public const string ScotlandCode = "S92000003";

    public static void AddComparisonQueries(this ObjectGraphType query)
    {
        query.Field<ComparisonType>("compare")
            .Description("An area's figure beside Scotland's and chosen comparator areas' for one indicator and period: each with its confidence interval (Wilson score for percentages; exact Poisson or Byar for counts and rates), a judgement against Scotland (Fingertips' rule: significantly different when Scotland's value lies outside the area's interval) and its rank among the 32 council areas. For counts, areas are compared on the rate per 10,000 people from NRS population estimates.")
            .Argument<NonNullGraphType<StringGraphType>>("indicator", "Indicator code, e.g. \"reconviction-rate\".")
            .Argument<NonNullGraphType<StringGraphType>>("area", "Area: GSS code (e.g. S12000019), former code or name.")
            .Argument<NonNullGraphType<StringGraphType>>("period", "Period, e.g. \"2017-18\" or \"2017/2018\".")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("comparators", "Comparator areas (e.g. the family group or neighbours) by GSS code, former code or name, e.g. [\"S12000010\", \"S12000036\"].")
            .Argument<SexGraphType>("sex", a => { a.DefaultValue = Sex.All; a.Description = "ALL (default), MALE or FEMALE."; })
            .Argument<StringGraphType>("ageBand", a => { a.DefaultValue = ReferenceAgeBands.AllAges; a.Description = "Age band code; \"all\" (default)."; })
            .LevelArgument()
            .AsPublishedOnArgument()
            .ResolveAsync(async c =>
            {
                var indicatorCode = c.GetArgument<string>("indicator");
                var areaText = c.GetArgument<string>("area");
                var period = PeriodArgument.Parse(c.GetArgument<string>("period"));
                var comparatorTexts = c.GetArgument<List<string>?>("comparators") ?? [];
                var sex = c.GetArgument("sex", Sex.All);
                var ageBandCode = c.GetArgument<string?>("ageBand") ?? ReferenceAgeBands.AllAges;
                var level = c.Level();
                var asOf = c.AsPublishedOn();
                return await c.QueryAsync(async (db, ct) =>
                {
                    var indicator = await FigureArguments.IndicatorAsync(db, indicatorCode, ct);
                    var area = await FigureArguments.AreaAsync(db, areaText, ct);
                    var comparators = new List<Area>();
                    foreach (var text in comparatorTexts) comparators.Add(await FigureArguments.AreaAsync(db, text, ct));
                    var ageBand = await FigureArguments.AgeBandAsync(db, ageBandCode, ct);
                    var scotland = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == ScotlandCode, ct);
                    var councils = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.CouncilArea).OrderBy(a => a.Code).ToListAsync(ct);

                    var figures = await FigureSource.LoadAsync(db, asOf, [indicator.Code],
                        o => o.IndicatorCode == indicator.Code && o.Sex == sex && o.AgeBandCode == ageBand.Code
                            && (o.PeriodLabel == period.Label || (o.PeriodStart == period.Start && o.PeriodEnd == period.End)), ct);
                    IReadOnlyList<Observation> populations = [];
                    if (indicator.MeasureType == Model.Indicators.MeasureType.Count)
                    {
                        var singleYears = await db.AgeBands.AsNoTracking().Where(b => b.Code.StartsWith("age-")).ToListAsync(ct);
                        // Only the areas compared and ranked: a year with small-area estimates has 1.3 million population rows.
                        var rated = comparators.Append(area).Concat(councils).Select(a => a.Code).Append(ScotlandCode).Distinct().ToList();
                        var rows = await FigureSource.LoadAsync(db, asOf, [RatePer10000.PopulationIndicator],
                            o => o.IndicatorCode == RatePer10000.PopulationIndicator && rated.Contains(o.AreaCode) && (o.Sex == sex || sex == Sex.All)
                                && (o.AgeBandCode == ageBand.Code || o.AgeBandCode.StartsWith("age-"))
                                && o.PeriodStart <= period.End && o.PeriodEnd >= period.Start, ct);
                        // NRS estimates are by sex only: for all persons the band is summed per sex, then the sexes added.
                        populations = RatePer10000.ForBand(rows, ageBand, singleYears);
                        if (sex == Sex.All) populations = RatePer10000.ForAllPersons(populations);
                    }
                    return Comparison.Create(indicator, period.Label, sex, ageBand, level, area, comparators, scotland, councils, figures, populations,
                        FigureGaps.EditionNames(db.ReferenceData()));
                });
            });
    }
}
