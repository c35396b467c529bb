using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Datasets;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.GraphQL.Scalars;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Observations;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL.Comparisons;

public sealed class BenchmarkJudgementGraphType : EnumerationGraphType<BenchmarkJudgement>
{
    public BenchmarkJudgementGraphType()
    {
        Name = "BenchmarkJudgement";
        Description = "How an area's figure compares with Scotland's, by the rule OHID Fingertips uses: significantly different when Scotland's value lies outside the area's confidence interval.";
        Values["BETTER"]!.Description = "Significantly better than Scotland (the indicator has a direction: e.g. a lower reconviction rate).";
        Values["SIMILAR"]!.Description = "Not significantly different from Scotland: Scotland's value lies within the area's interval.";
        Values["WORSE"]!.Description = "Significantly worse than Scotland.";
        Values["HIGHER"]!.Description = "Significantly higher than Scotland, for an indicator where higher is neither better nor worse.";
        Values["LOWER"]!.Description = "Significantly lower than Scotland, for an indicator where lower is neither better nor worse.";
        Values["NOT_COMPARED"]!.Description = "No judgement: there is no interval (usually because the source publishes no counts), no figure, or this is Scotland itself. judgementNote says which.";
    }
}

public sealed class RatePer10000Type : ObjectGraphType<RatePer10000>
{
    public RatePer10000Type()
    {
        Name = "RatePer10000";
        Description = "A count turned into a rate per 10,000 people with the National Records of Scotland (NRS) mid-year population estimate for the same area, sex and age band: for a financial year the estimate for 30 June within it (mid-2017 for 2017-18), for a calendar year that year's.";
        Field<NonNullGraphType<DecimalScalarGraphType>>("value").Description("Count ÷ population × 10,000, rounded to 2 decimal places.").Resolve(c => c.Source.Value);
        Field<NonNullGraphType<ConfidenceIntervalType>>("confidenceInterval").Description("Exact Poisson limits of the count (Byar above 500) divided by the population, per 10,000.").Resolve(c => c.Source.Interval);
        Field<NonNullGraphType<DecimalScalarGraphType>>("population").Description("The population estimate used as the denominator, in people.").Resolve(c => c.Source.Population.Value!.Value);
        Field<NonNullGraphType<StringGraphType>>("populationPeriod").Description("The period of the population estimate, e.g. \"2017\" for the mid-2017 estimate.").Resolve(c => c.Source.Population.PeriodLabel);
        Field<NonNullGraphType<DatasetVersionType>>("populationSource").Description("The edition of the NRS population estimates the denominator comes from (the first, when it is a sum across editions: see populationSources).").Resolve(c => c.Source.Population.DatasetVersion);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetVersionType>>>>("populationSources").ExpectedItems(2).Description("Every edition the denominator was built from: one, or two when all persons is males from one dataset plus females from another (the NRS small-area estimates by data zone).").Resolve(c => RatePer10000.SourcesOf(c.Source.Population));
    }
}

public sealed class AreaRankType : ObjectGraphType<AreaRank>
{
    public AreaRankType()
    {
        Name = "AreaRank";
        Description = "Where a council area stands among Scotland's 32 council areas on this figure (the rate per 10,000 for counts). Ranks the published values as published: areas with equal values share a rank and the next rank is skipped (1, 2, 2, 4). A rank says nothing about significance; see judgement.";
        Field<IntGraphType>("position").Description("1 = best per the indicator's polarity (the lowest value when lower is better; the highest value when the indicator has no polarity). Null when the area is not ranked (see note).").Resolve(c => c.Source.Position);
        Field<NonNullGraphType<BooleanGraphType>>("tied").Description("True when another council area has the same published value and so the same position.").Resolve(c => c.Source.Tied);
        Field<NonNullGraphType<IntGraphType>>("areasRanked").Description("How many council areas had a published value and were ranked (fewer than 32 where figures are suppressed or missing).").Resolve(c => c.Source.AreasRanked);
        Field<NonNullGraphType<IntGraphType>>("councilAreas").Description("How many council areas there are (32).").Resolve(c => c.Source.CouncilAreas);
        Field<StringGraphType>("note").Description("Why there is no position; null when there is one.").Resolve(c => c.Source.Note);
    }
}

public sealed class ComparedFigureType : ObjectGraphType<ComparedFigure>
{
    public ComparedFigureType()
    {
        Name = "ComparedFigure";
        Description = "One area's figure in a comparison: the published figure, its confidence interval, its rate per 10,000 (for counts), the judgement against Scotland and its rank among council areas.";
        Field<NonNullGraphType<AreaType>>("area").Description("The area.").Resolve(c => c.Source.Area);
        Field<ObservationType>("figure").Description("The published figure (value, status, marker, numerator, denominator, source edition); null when the source has no figure for this area and cell.").Resolve(c => c.Source.Figure);
        Field<DecimalScalarGraphType>("value").Description("The published value in the indicator's unit; null when not published.").Resolve(c => c.Source.Figure?.Status == ObservationStatus.Published ? c.Source.Figure.Value : null);
        Field<ConfidenceIntervalType>("confidenceInterval").Description("The interval the judgement uses: the figure's own (Wilson score for percentages), or for counts the interval of the rate per 10,000. Null when there is none (see judgementNote).").Resolve(c => c.Source.Interval.Interval is null ? null : c.Source.Interval);
        Field<RatePer10000Type>("ratePer10000").Description("For counts: the count per 10,000 people of the same sex and age band, from NRS mid-year population estimates, with its interval and the population's source edition. Null for other indicators or when no population is loaded (see ratePer10000Note).").Resolve(c => c.Source.Rate);
        Field<StringGraphType>("ratePer10000Note").Description("Why ratePer10000 is null; null when there is a rate.").Resolve(c => c.Source.RateNote);
        Field<NonNullGraphType<BenchmarkJudgementGraphType>>("judgement").Description("Compared with Scotland: BETTER / SIMILAR / WORSE (or HIGHER / SIMILAR / LOWER when the indicator has no polarity), NOT_COMPARED when there is no interval.").Resolve(c => c.Source.Judgement);
        Field<NonNullGraphType<StringGraphType>>("judgementNote").Description("The judgement in words, with the values and interval it rests on, or why none was made.").Resolve(c => c.Source.JudgementNote);
        Field<NonNullGraphType<AreaRankType>>("rank").Description("Rank among the 32 council areas (1 = best).").Resolve(c => c.Source.Rank);
    }
}

public sealed class UnrankedAreaType : ObjectGraphType<UnrankedArea>
{
    public UnrankedAreaType()
    {
        Name = "UnrankedArea";
        Description = "A council area left out of a comparison's ranking, with why.";
        Field<NonNullGraphType<AreaType>>("area").Description("The council area.").Resolve(c => c.Source.Area);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why it is not ranked: no figure in the editions that have the period for other areas (named), a figure that is not published (its status and marker), or a count with no population for a rate.").Resolve(c => c.Source.Reason);
    }
}

public sealed class ComparisonType : ObjectGraphType<Comparison>
{
    public ComparisonType()
    {
        Name = "Comparison";
        Description = "An area beside Scotland and chosen comparator areas for one indicator, period, sex and age band, each with its confidence interval, a judgement against Scotland and its rank among council areas.";
        Field<NonNullGraphType<IndicatorType>>("indicator").Description("The indicator, with its unit and polarity (which decides better or worse).").Resolve(c => c.Source.Indicator);
        Field<NonNullGraphType<StringGraphType>>("period").Description("The period, e.g. \"2017-18\".").Resolve(c => c.Source.Period);
        Field<NonNullGraphType<SexGraphType>>("sex").Description("All persons, males or females.").Resolve(c => c.Source.Sex);
        Field<NonNullGraphType<AgeBandType>>("ageBand").Description("The age band.").Resolve(c => c.Source.AgeBand);
        Field<NonNullGraphType<ConfidenceLevelGraphType>>("level").Description("The confidence level of the intervals and judgements.").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<ComparedFigureType>>("area").Description("The area asked about.").Resolve(c => c.Source.Area);
        Field<ComparedFigureType>("scotland").Description("Scotland: the benchmark.").Resolve(c => c.Source.Scotland);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnrankedAreaType>>>>("unrankedCouncilAreas").ExpectedItems(2).Description("The council areas not in the ranking (32 minus rank.areasRanked), by name, each with the reason; empty when all are ranked.").Resolve(c => c.Source.UnrankedCouncilAreas);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ComparedFigureType>>>>("comparators").ExpectedItems(5).Description("The comparator areas asked for, in the order given, each judged against Scotland.").Resolve(c => c.Source.Comparators);
    }
}
