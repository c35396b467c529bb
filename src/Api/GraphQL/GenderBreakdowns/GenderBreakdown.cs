using System.Globalization;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;

namespace CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;

/// <summary>All persons, males and females side by side for one indicator, area, period and age band, with the gap.</summary>
public sealed record GenderBreakdown(
    Indicator Indicator,
    Area Area,
    string Period,
    AgeBand AgeBand,
    Observation? AllPersons,
    Observation? Male,
    Observation? Female,
    decimal? Gap,
    string GapUnit,
    decimal? Ratio,
    string? Note)
{
    /// <summary>The confidence level the intervals below are at.</summary>
    public ConfidenceLevel Level { get; init; } = ConfidenceLevel.NinetyFive;
    public FigureInterval AllPersonsInterval { get; init; } = FigureInterval.None(ConfidenceLevel.NinetyFive, "No all-persons figure.");
    public FigureInterval MaleInterval { get; init; } = FigureInterval.None(ConfidenceLevel.NinetyFive, "No male figure.");
    public FigureInterval FemaleInterval { get; init; } = FigureInterval.None(ConfidenceLevel.NinetyFive, "No female figure.");
    /// <summary>Interval of the gap (female − male), in gap units.</summary>
    public FigureInterval GapInterval { get; init; } = FigureInterval.None(ConfidenceLevel.NinetyFive, "No gap.");

    /// <summary>True when the gap's interval excludes zero, false when it includes it, null when there is no interval.</summary>
    public bool? Significant => GapInterval.Interval is { } i ? !i.Contains(0) : null;

    public string SignificanceNote
    {
        get
        {
            var levelText = Level == ConfidenceLevel.NinetyFive ? "95%" : "99.8%";
            if (GapInterval.Interval is not { } i)
            {
                if (Gap is null) return "Significance cannot be judged: there is no gap (see note).";
                var why = FemaleInterval.Note ?? MaleInterval.Note;
                return $"Significance cannot be judged because the female and male figures have no confidence intervals. {why}";
            }
            var range = $"{Round(i.Lower)} to {Round(i.Upper)} {GapUnit}";
            return i.Contains(0)
                ? $"The {levelText} interval of the gap ({range}) includes zero: the difference between females and males is not statistically significant at this level."
                : $"The {levelText} interval of the gap ({range}) excludes zero: the difference between females and males is statistically significant at this level.";
        }
    }

    private static string Round(double value) =>
        Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero).ToString("0.0#", CultureInfo.InvariantCulture);

    /// <summary>The breakdown with each figure's interval and the gap's interval at the level.</summary>
    /// <param name="periodEditions">The editions read that have <paramref name="period"/> for the indicator (any area, sex or
    /// age band), to say why a cell with no figure at all has none (<see cref="Observations.FigureGaps"/>); null when not known.</param>
    public static GenderBreakdown Create(Indicator indicator, Area area, string period, AgeBand ageBand, IReadOnlyCollection<Observation> cells,
        ConfidenceLevel level, string editionText, BreakdownSources? sources = null, IReadOnlyList<int>? periodEditions = null)
    {
        var breakdown = Create(indicator, area, period, ageBand, cells, editionText, sources, periodEditions);
        var male = breakdown.Male is { } m ? FigureIntervals.For(m, level) : FigureInterval.None(level, "There is no male figure.");
        var female = breakdown.Female is { } f ? FigureIntervals.For(f, level) : FigureInterval.None(level, "There is no female figure.");
        return breakdown with
        {
            Level = level,
            AllPersonsInterval = breakdown.AllPersons is { } a ? FigureIntervals.For(a, level) : FigureInterval.None(level, "There is no all-persons figure."),
            MaleInterval = male,
            FemaleInterval = female,
            GapInterval = FigureIntervals.Difference(breakdown.Female, female, breakdown.Male, male, indicator.MeasureType),
        };
    }

    /// <summary>Decimal places of <see cref="Ratio"/>.</summary>
    public const int RatioDecimals = 3;

    public static GenderBreakdown Create(Indicator indicator, Area area, string period, AgeBand ageBand, IReadOnlyCollection<Observation> cells,
        string editionText = "the latest edition of the source", BreakdownSources? sources = null, IReadOnlyList<int>? periodEditions = null)
    {
        sources ??= BreakdownSources.Unknown;
        var all = cells.FirstOrDefault(o => o.Sex == Sex.All);
        var male = cells.FirstOrDefault(o => o.Sex == Sex.Male);
        var female = cells.FirstOrDefault(o => o.Sex == Sex.Female);
        var maleValue = male?.Status == ObservationStatus.Published ? male.Value : null;
        var femaleValue = female?.Status == ObservationStatus.Published ? female.Value : null;

        decimal? gap = maleValue is { } m && femaleValue is { } f ? f - m : null;
        decimal? ratio = maleValue is { } mm && femaleValue is { } ff && mm != 0 ? Math.Round(ff / mm, RatioDecimals, MidpointRounding.AwayFromZero) : null;

        var notes = new List<string>();
        if (cells.Count == 0)
        {
            var cell = $"No figure for {indicator.Title.ToLowerInvariant()} in {area.Name}, {period}, {ageBand.Label.ToLowerInvariant()} in {editionText}";
            notes.Add(periodEditions switch
            {
                null => $"{cell}: the publisher did not include this cell (sources such as statistics.gov.scot leave out suppressed cells).",
                [] => $"{cell}: no edition read has {period} for this indicator at all.",
                _ => $"{cell}. " + FigureGaps.NotPublished($"{area.Name}, any sex, age band {ageBand.Code}", period, periodEditions, sources.DescribeEdition),
            });
        }
        else
        {
            // A missing sex beside a figure whose table gives no split by sex at all is not a suppression.
            var present = all ?? male ?? female;
            var noSexSplit = present is not null && !sources.TableSplitsBySex(present);
            Explain(notes, "All-persons", all, sources, noSexSplit: false);
            Explain(notes, "Male", male, sources, noSexSplit);
            Explain(notes, "Female", female, sources, noSexSplit);
            if (gap is null) notes.Add("The gap and ratio need both the female and the male figure, so they are null.");
            else if (ratio is null) notes.Add("The ratio is null because the male figure is zero.");
        }
        var gapUnit = indicator.MeasureType == MeasureType.Percentage ? "percentage points" : indicator.Unit;
        return new GenderBreakdown(indicator, area, period, ageBand, all, male, female, gap, gapUnit, ratio,
            notes.Count == 0 ? null : string.Join(" ", notes));
    }

    private static void Explain(List<string> notes, string who, Observation? cell, BreakdownSources sources, bool noSexSplit)
    {
        var withheld = cell is { Status: ObservationStatus.Suppressed } && sources.SuppressionReason(cell) is { } r && !r.StartsWith("SOURCE", StringComparison.Ordinal) ? r : null;
        var reason = cell?.Status switch
        {
            null when noSexSplit => "not published in this table (the source gives no split by sex for this cell)",
            null => "not in the source for this cell (the publisher left it out, usually because it was suppressed)",
            ObservationStatus.Published => null,
            ObservationStatus.Suppressed when withheld is not null => $"withheld by this API's disclosure control ({withheld})",
            ObservationStatus.Suppressed => "not published for this cell (suppressed at source" + MarkerText(cell) + ")",
            ObservationStatus.NotAvailable => "not available from the publisher for this cell" + MarkerText(cell, parenthesis: true),
            ObservationStatus.NotApplicable => "not applicable for this cell" + MarkerText(cell, parenthesis: true),
            _ => "not published",
        };
        if (reason is not null) notes.Add($"{who} figure {reason}.");
    }

    private static string MarkerText(Observation cell, bool parenthesis = false) =>
        cell.Marker is { Length: > 0 } marker ? (parenthesis ? $" (marked \"{marker}\")" : $", marked \"{marker}\"") : "";
}

/// <summary>
/// What the notes need beyond the figures: why a figure was withheld (the public view's reason:
/// "PRIMARY: ...", "SECONDARY: ...", "PENDING: ..." for this API's disclosure control, "SOURCE: ..."
/// for the publisher's), and whether the table a figure comes from (its dataset edition, indicator,
/// period and age band, at the figure's area level) gives any male or female figure at all.
/// </summary>
public sealed record BreakdownSources(Func<Observation, string?> SuppressionReason, Func<Observation, bool> TableSplitsBySex)
{
    /// <summary>An edition as the notes name it (<see cref="FigureGaps.EditionNames"/>).</summary>
    public Func<int, string> DescribeEdition { get; init; } = id => $"edition {id}";

    /// <summary>Nothing known: every suppression is the publisher's and every table splits by sex.</summary>
    public static readonly BreakdownSources Unknown = new(_ => null, _ => true);
}
