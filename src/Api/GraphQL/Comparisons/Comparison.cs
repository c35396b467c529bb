using System.Globalization;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.Comparisons;

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

/// <summary>A council area left out of the ranking, with why (see <see cref="Observations.FigureGaps"/>).</summary>
public sealed record UnrankedArea(Area Area, string Reason);

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
    /// <summary>The council areas with no published value (or rate) to rank, by name, each with the reason.</summary>
    public IReadOnlyList<UnrankedArea> UnrankedCouncilAreas { get; init; } = [];

    public static Comparison Create(Indicator indicator, string period, Sex sex, AgeBand ageBand, ConfidenceLevel level,
        Area area, IReadOnlyList<Area> comparators, Area? scotland, IReadOnlyList<Area> councilAreas,
        IReadOnlyList<Observation> figures, IReadOnlyList<Observation> populations, Func<int, string>? describeEdition = null)
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
        var ranks = Judgements.Rank(councilValues, indicator.Polarity);
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
                judgement = Judgements.Judge(ci, (double)benchmark.Value, indicator.Polarity);
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

        // A council with no figure at all is a gap in the editions that have the period for other areas (FigureGaps' wording);
        // one with a figure but no value is not published (its status says why), and a count with no rate says why not.
        describeEdition ??= id => $"edition {id}";
        var editions = figures.Select(f => f.DatasetVersionId).Distinct().Order().ToList();
        string WhyUnranked(Area council)
        {
            var figure = byArea.GetValueOrDefault(council.Code);
            if (figure is null)
                return editions.Count == 0
                    ? $"No figure: no edition read has {indicator.Code} for {period}, {FigureGaps.Cell(council, sex, ageBand.Code)}, nor for any other area."
                    : FigureGaps.NotPublished(FigureGaps.Cell(council, sex, ageBand.Code), period, editions, describeEdition);
            if (figure.Status != ObservationStatus.Published || figure.Value is null)
                return $"The figure is not published: {figure.Status}{(figure.Marker is { Length: > 0 } marker ? $" (marked \"{marker}\")" : "")}.";
            return Measure(council).RateNote ?? $"No published {scale}.";
        }
        var unranked = councilAreas.Where(c => !ranks.ContainsKey(c.Code)).OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new UnrankedArea(c, WhyUnranked(c))).ToList();

        return new Comparison(indicator, period, sex, ageBand, level, Compare(area), scotland is null ? null : Compare(scotland),
            comparators.Where(c => c.Code != area.Code).DistinctBy(c => c.Code).Select(Compare).ToList())
        { UnrankedCouncilAreas = unranked };
    }

    private static string Format(double value) =>
        Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero).ToString("0.0#", CultureInfo.InvariantCulture);
}
