using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Datasets;
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

    // A population summed here (single years into a band, males and females into all persons) can draw on several
    // editions: the NRS small-area estimates come as a males and a females dataset. Each sum remembers them all.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Observation, IReadOnlyList<DatasetVersion>> SummedFrom = new();

    /// <summary>Every dataset edition a population figure was built from, oldest id first (one, unless it is a sum across editions).</summary>
    public static IReadOnlyList<DatasetVersion> SourcesOf(Observation population) =>
        SummedFrom.TryGetValue(population, out var sources) ? sources : population.DatasetVersion is { } one ? [one] : [];

    private static Observation Remember(Observation sum, IEnumerable<Observation> parts)
    {
        SummedFrom.AddOrUpdate(sum, [.. parts.SelectMany(SourcesOf).DistinctBy(v => v.Id).OrderBy(v => v.Id)]);
        return sum;
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
            result.Add(Remember(new Observation
            {
                IndicatorCode = first.IndicatorCode, AreaCode = first.AreaCode, PeriodType = first.PeriodType, PeriodLabel = first.PeriodLabel,
                PeriodStart = first.PeriodStart, PeriodEnd = first.PeriodEnd, Sex = first.Sex, AgeBandCode = band.Code, AgeBand = band,
                Value = years.Sum(r => r.Value!.Value), Status = ObservationStatus.Published,
                DatasetVersionId = first.DatasetVersionId, DatasetVersion = first.DatasetVersion, Indicator = first.Indicator, Area = first.Area,
            }, years));
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
            result.Add(Remember(new Observation
            {
                IndicatorCode = male.IndicatorCode, AreaCode = male.AreaCode, PeriodType = male.PeriodType, PeriodLabel = male.PeriodLabel,
                PeriodStart = male.PeriodStart, PeriodEnd = male.PeriodEnd, Sex = Sex.All, AgeBandCode = male.AgeBandCode, AgeBand = male.AgeBand,
                Value = male.Value!.Value + female.Value!.Value, Status = ObservationStatus.Published,
                DatasetVersionId = male.DatasetVersionId, DatasetVersion = male.DatasetVersion, Indicator = male.Indicator, Area = male.Area,
            }, [male, female]));
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
