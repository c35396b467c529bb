using System.Globalization;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.Comparisons;

/// <summary>A count turned into a rate per 10,000 people with an NRS population estimate.</summary>
public sealed record RatePer10000(decimal Value, FigureInterval Interval, Observation Population)
{
    public const double PerUnits = 10_000;
    public const string PopulationIndicator = "population";

    /// <summary>The rate for a count figure, or null with the reason.</summary>
    public static (RatePer10000? Rate, string? Note) For(Indicator indicator, Observation? figure, Observation? population, ConfidenceLevel level)
    {
        if (indicator.MeasureType != MeasureType.Count)
            return (null, $"Only counts are turned into rates per 10,000: this indicator is already a {indicator.MeasureType.ToString().ToLowerInvariant()} ({indicator.Unit}).");
        if (figure?.Value is not { } count) return (null, "There is no published count, so there is no rate.");
        if (population?.Value is not { } people || people <= 0)
            return (null, "No NRS mid-year population estimate is loaded for this area, period, sex and age band, so no rate per 10,000 is given.");
        if (decimal.Truncate(count) != count || count < 0) return (null, "The count is not a whole number, so no rate is given.");
        var rate = Math.Round(count / people * (decimal)PerUnits, 2, MidpointRounding.AwayFromZero);
        var interval = new FigureInterval(PoissonInterval.ForRate((long)count, (double)people, PerUnits, level), FigureIntervals.PoissonMethod((long)count), level,
            $"{count:0} in a population of {people:0} (NRS mid-{population.PeriodStart.Year} estimate), per 10,000.", null);
        return (new RatePer10000(rate, interval, population), null);
    }

    /// <summary>
    /// Population for an age band per area, sex and year: the band's own row where the source has one,
    /// otherwise the sum of the single years of age (NRS publishes by single year, age-0 ... age-90-plus)
    /// within the band, provided every one of those single years is there.
    /// </summary>
    public static IReadOnlyList<Observation> ForBand(IReadOnlyList<Observation> rows, AgeBand band, IReadOnlyList<AgeBand> singleYears)
    {
        var wanted = singleYears.Where(y => y.MinAge is { } min && min >= (band.MinAge ?? 0) && (band.MaxAge is null || (y.MaxAge is { } max && max <= band.MaxAge)))
            .Select(y => y.Code).ToHashSet(StringComparer.Ordinal);
        var result = new List<Observation>();
        foreach (var cell in rows.Where(r => r.Value is not null).GroupBy(r => (r.AreaCode, r.Sex, r.PeriodStart, r.PeriodEnd)))
        {
            if (cell.FirstOrDefault(r => r.AgeBandCode == band.Code) is { } own) { result.Add(own); continue; }
            var years = cell.Where(r => wanted.Contains(r.AgeBandCode)).ToList();
            if (wanted.Count == 0 || years.Select(r => r.AgeBandCode).Distinct().Count() != wanted.Count) continue;
            var first = years[0];
            result.Add(new Observation
            {
                IndicatorCode = first.IndicatorCode, AreaCode = first.AreaCode, PeriodType = first.PeriodType, PeriodLabel = first.PeriodLabel,
                PeriodStart = first.PeriodStart, PeriodEnd = first.PeriodEnd, Sex = first.Sex, AgeBandCode = band.Code, AgeBand = band,
                Value = years.Sum(r => r.Value!.Value), Status = ObservationStatus.Published,
                DatasetVersionId = first.DatasetVersionId, DatasetVersion = first.DatasetVersion, Indicator = first.Indicator, Area = first.Area,
            });
        }
        return result;
    }

    /// <summary>
    /// All-persons populations: the source's own All row where it has one, otherwise Male + Female for the
    /// same area, period and age band when both are there. NRS publishes the estimates by sex only (F and M,
    /// which together are everyone), so a count for all persons needs the two summed.
    /// </summary>
    public static IReadOnlyList<Observation> ForAllPersons(IReadOnlyList<Observation> rows)
    {
        var result = new List<Observation>();
        foreach (var cell in rows.Where(r => r.Value is not null).GroupBy(r => (r.AreaCode, r.AgeBandCode, r.PeriodStart, r.PeriodEnd)))
        {
            if (cell.FirstOrDefault(r => r.Sex == Sex.All) is { } own) { result.Add(own); continue; }
            if (cell.FirstOrDefault(r => r.Sex == Sex.Male) is not { } male || cell.FirstOrDefault(r => r.Sex == Sex.Female) is not { } female) continue;
            result.Add(new Observation
            {
                IndicatorCode = male.IndicatorCode, AreaCode = male.AreaCode, PeriodType = male.PeriodType, PeriodLabel = male.PeriodLabel,
                PeriodStart = male.PeriodStart, PeriodEnd = male.PeriodEnd, Sex = Sex.All, AgeBandCode = male.AgeBandCode, AgeBand = male.AgeBand,
                Value = male.Value!.Value + female.Value!.Value, Status = ObservationStatus.Published,
                DatasetVersionId = male.DatasetVersionId, DatasetVersion = male.DatasetVersion, Indicator = male.Indicator, Area = male.Area,
            });
        }
        return result;
    }

    /// <summary>The population estimate for a period: the mid-year (30 June) estimate whose date falls within it (mid-2017 for 2017-18).</summary>
    public static Observation? PopulationFor(IEnumerable<Observation> populations, Observation figure)
    {
        return populations
            .Where(p => p.AreaCode == figure.AreaCode && p.Sex == figure.Sex && p.AgeBandCode == figure.AgeBandCode && p.Value is not null)
            .Where(p => p.PeriodStart.Year == p.PeriodEnd.Year)
            .Where(p => new DateOnly(p.PeriodStart.Year, 6, 30) >= figure.PeriodStart && new DateOnly(p.PeriodStart.Year, 6, 30) <= figure.PeriodEnd)
            .OrderBy(p => p.PeriodStart)
            .FirstOrDefault();
    }
}

/// <summary>Where an area stands among the council areas (1 = best per the indicator's polarity).</summary>
public sealed record AreaRank(int? Position, bool Tied, int AreasRanked, int CouncilAreas, string? Note);

/// <summary>One area's figure in a comparison, with its interval and its judgement against Scotland.</summary>
public sealed record ComparedFigure(
    Area Area,
    Observation? Figure,
    FigureInterval Interval,
    RatePer10000? Rate,
    string? RateNote,
    BenchmarkJudgement Judgement,
    string JudgementNote,
    AreaRank Rank);

/// <summary>An area beside Scotland and chosen comparators, for one indicator, period, sex and age band.</summary>
public sealed record Comparison(
    Indicator Indicator,
    string Period,
    Sex Sex,
    AgeBand AgeBand,
    ConfidenceLevel Level,
    ComparedFigure Area,
    ComparedFigure? Scotland,
    IReadOnlyList<ComparedFigure> Comparators)
{
    public static Comparison Create(Indicator indicator, string period, Sex sex, AgeBand ageBand, ConfidenceLevel level,
        Area area, IReadOnlyList<Area> comparators, Area? scotland, IReadOnlyList<Area> councilAreas,
        IReadOnlyList<Observation> figures, IReadOnlyList<Observation> populations)
    {
        var byArea = figures.ToDictionary(o => o.AreaCode);
        (decimal? Value, FigureInterval Interval, RatePer10000? Rate, string? RateNote) Measure(Area a)
        {
            var figure = byArea.GetValueOrDefault(a.Code);
            var (rate, note) = RatePer10000.For(indicator, figure, figure is null ? null : RatePer10000.PopulationFor(populations, figure), level);
            if (indicator.MeasureType == MeasureType.Count)
                return (rate?.Value, rate?.Interval ?? FigureInterval.None(level, note ?? "No rate."), rate, note);
            var interval = figure is null ? FigureInterval.None(level, "There is no figure for this area in the source.") : FigureIntervals.For(figure, level);
            return (figure?.Status == ObservationStatus.Published ? figure.Value : null, interval, null, note);
        }

        // Rank among council areas on the compared value (the rate per 10,000 for counts).
        var councilValues = councilAreas.Select(a => (a.Code, Measure(a).Value)).Where(x => x.Value is not null)
            .Select(x => new KeyValuePair<string, decimal>(x.Code, x.Value!.Value)).ToList();
        var ranks = Benchmarking.Rank(councilValues, indicator.Polarity);
        var benchmark = scotland is null ? null : Measure(scotland).Value;
        var scale = indicator.MeasureType == MeasureType.Count ? "rate per 10,000" : "figure";

        ComparedFigure Compare(Area a)
        {
            var (value, interval, rate, rateNote) = Measure(a);
            BenchmarkJudgement judgement;
            string note;
            if (a.Level == AreaLevel.Country) { judgement = BenchmarkJudgement.NotCompared; note = "Scotland is the benchmark."; }
            else if (value is null) { judgement = BenchmarkJudgement.NotCompared; note = $"Not compared: this area has no published {scale}."; }
            else if (benchmark is null) { judgement = BenchmarkJudgement.NotCompared; note = $"Not compared: Scotland has no published {scale} for this cell."; }
            else if (interval.Interval is not { } ci)
            {
                judgement = BenchmarkJudgement.NotCompared;
                note = "Not compared: the judgement needs this area's confidence interval, and there is none. " + (interval.Note ?? rateNote);
            }
            else
            {
                judgement = Benchmarking.Judge(ci, (double)benchmark.Value, indicator.Polarity);
                var range = $"{Format(ci.Lower)} to {Format(ci.Upper)}";
                var levelText = level == ConfidenceLevel.NinetyFive ? "95%" : "99.8%";
                note = judgement == BenchmarkJudgement.Similar
                    ? $"Scotland's {scale} ({Format((double)benchmark.Value)}) lies inside this area's {levelText} interval ({range}): not significantly different."
                    : $"Scotland's {scale} ({Format((double)benchmark.Value)}) lies outside this area's {levelText} interval ({range}): significantly {(ci.Lower > (double)benchmark.Value ? "higher" : "lower")}"
                      + (indicator.Polarity == Polarity.NoJudgement ? "." : $", which is {(judgement == BenchmarkJudgement.Better ? "better" : "worse")} because {(indicator.Polarity == Polarity.LowerIsBetter ? "lower" : "higher")} is better for this indicator.");
            }
            AreaRank rank;
            if (a.Level != AreaLevel.CouncilArea)
                rank = new AreaRank(null, false, councilValues.Count, councilAreas.Count, "Only council areas are ranked.");
            else if (!ranks.TryGetValue(a.Code, out var position))
                rank = new AreaRank(null, false, councilValues.Count, councilAreas.Count, $"Not ranked: this area has no published {scale}.");
            else
                rank = new AreaRank(position, ranks.Values.Count(p => p == position) > 1, councilValues.Count, councilAreas.Count, null);
            return new ComparedFigure(a, byArea.GetValueOrDefault(a.Code), interval, rate, rateNote, judgement, note, rank);
        }

        return new Comparison(indicator, period, sex, ageBand, level, Compare(area), scotland is null ? null : Compare(scotland),
            comparators.Where(c => c.Code != area.Code).DistinctBy(c => c.Code).Select(Compare).ToList());
    }

    private static string Format(double value) =>
        Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero).ToString("0.0#", CultureInfo.InvariantCulture);
}
