using System.Globalization;
using System.Text.RegularExpressions;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;

namespace CommunityJustice.Analytics.Api.GraphQL.Plans;

public enum KpiVerdict
{
    Met,
    OnTrack,
    OffTrack,
    NotYetMeasurable,
    CannotBeJudged,
    NotComputed,
}

/// <summary>One period of a KPI's figures: a published figure (or the partnership's areas summed), or a locally recorded one.</summary>
/// <param name="Figure">The published figure behind the point; null for a locally recorded figure or a sum over the partnership's areas.</param>
public sealed record KpiPoint(string Period, DateOnly Start, DateOnly End, decimal? Value, ObservationStatus Status, string? Marker,
    FigureInterval Interval, Observation? Figure, string Source, string? Note)
{
    public bool IsPublished => Status == ObservationStatus.Published && Value is not null;
}

public sealed record ResolvedBaseline(BaselineKind? Kind, string? Period, decimal? PublishedValue, decimal? Value, KpiPoint? AreaFigure, string Note);

public sealed record ResolvedTarget(TargetKind Kind, string Wording, decimal? Threshold, decimal? ScotlandValue, string? ScotlandPeriod,
    DifferenceUnit? DifferenceUnit, string? JudgedPeriod, string Note);

/// <summary>
/// A KPI's progress computed from the figures, never typed: the current figure, the baseline, the
/// target resolved (a "national average" from Scotland's figure for the period), the change since the
/// baseline with its interval where counts exist (the same Newcombe/MOVER intervals as trend), and a
/// verdict with its reasoning in words (docs/plans.md, "How a verdict is reasoned").
/// </summary>
public sealed partial record KpiProgress(
    PlanKpi Kpi, IReadOnlyList<KpiPoint> Points, KpiPoint? Current, ResolvedBaseline? Baseline, ResolvedTarget? Target,
    string? ChangeFrom, decimal? ChangeSinceBaseline, FigureInterval? ChangeInterval, TrendDirection? Direction, bool DirectionTested,
    KpiVerdict Verdict, string Reasoning, string? NextPeriod)
{
    public sealed record Inputs(PlanKpi Kpi, DateOnly PlanStarts, Indicator? Indicator, string AreaName, IReadOnlyList<KpiPoint> Points,
        IReadOnlyList<KpiPoint> Scotland, ConfidenceLevel Level, DateOnly Today);

    public static KpiProgress Compute(Inputs input)
    {
        var kpi = input.Kpi;
        var points = input.Points.OrderBy(p => p.Start).ThenBy(p => p.End).ToList();
        var published = points.Where(p => p.IsPublished).ToList();
        var current = points.LastOrDefault();
        var next = current is null ? null : NextPeriodLabel(current.Period);
        var what = kpi.Link is { } link ? $"{input.Indicator?.Title ?? link.IndicatorCode} for {input.AreaName}" : "the locally recorded figure";
        var nextText = next is null ? "" : $" (next figure: {next})";

        KpiProgress Result(KpiVerdict verdict, string reasoning, ResolvedBaseline? baseline = null, ResolvedTarget? target = null,
            KpiPoint? from = null, decimal? change = null, FigureInterval? interval = null, TrendDirection? direction = null, bool tested = false) =>
            new(kpi, points, current, baseline, target, from?.Period, change, interval, direction, tested, verdict, reasoning, next);

        if (kpi.Link is null && !kpi.MeasuredLocally)
            return Result(KpiVerdict.NotComputed, kpi.Target?.Kind == TargetKind.Qualitative
                ? "A qualitative target, not linked to figures: its progress is the status of its actions."
                : $"Not linked to an indicator, so there are no figures to judge it by.{(kpi.Note is null ? "" : " " + kpi.Note)}");
        if (current is null)
            return Result(KpiVerdict.NotYetMeasurable, kpi.Link is null
                ? "No figure has been recorded for this locally measured KPI yet (recordKpiFigure)."
                : $"No figure of {what} is loaded{(kpi.Link.WholePartnership ? " for every area of the partnership" : "")}, so the KPI is not yet measurable.{(kpi.Note is null ? "" : " " + kpi.Note)}");
        if (!current.IsPublished)
            return Result(KpiVerdict.CannotBeJudged,
                $"The newest figure ({current.Period}) is {StatusWords(current)}; it is kept as such, never read as zero, so the KPI cannot be judged on it.{nextText}");

        var latest = current;
        var baseline = ResolveBaseline(input, published);
        var from = kpi.Target is { YearOnYear: true } ? published.Count > 1 ? published[^2] : null : baseline?.AreaFigure;
        decimal? fromValue = from?.Value ?? (kpi.Target is { YearOnYear: true } ? null : baseline?.Value);
        var fromPeriod = from?.Period ?? baseline?.Period;
        decimal? change = fromValue is { } b ? latest.Value - b : null;
        FigureInterval? changeInterval = null;
        TrendDirection? direction = null;
        var tested = false;
        if (fromValue is { } earlier && fromPeriod != latest.Period)
        {
            changeInterval = from?.Figure is not null && latest.Figure is not null && input.Indicator is { } indicator
                ? FigureIntervals.Difference(latest.Figure, latest.Interval, from.Figure, from.Interval, indicator.MeasureType)
                : FigureInterval.None(input.Level, "The change has no interval: the baseline is a typed figure or a sum, or one of the figures has no count behind it.");
            direction = Judgements.Direction(earlier, latest.Value!.Value, changeInterval.Interval, out tested);
        }
        var unit = input.Indicator?.MeasureType == MeasureType.Percentage ? "percentage points" : kpi.Unit ?? input.Indicator?.Unit ?? "";
        var changeText = change is { } c && fromPeriod is not null && fromPeriod != latest.Period
            ? $"{(from is null ? "From the plan's baseline" : "Its own figure went from")} {Format(fromValue, input.Indicator)} ({fromPeriod}) to {Format(latest.Value, input.Indicator)} ({latest.Period}), a change of {Signed(c)} {unit}"
              + (changeInterval?.Interval is { } ci ? $" (interval {Signed((decimal)ci.Lower)} to {Signed((decimal)ci.Upper)})" : " (not tested for significance: no counts behind one of the figures)")
            : null;

        KpiProgress Judged(KpiVerdict verdict, string reasoning, ResolvedTarget? target = null) =>
            Result(verdict, reasoning, baseline, target, from, change, changeInterval, direction, tested);

        var target = kpi.Target;
        var duePassed = target?.Due is { } due && due < input.Today;
        switch (target?.Kind)
        {
            case TargetKind.Absolute or TargetKind.RelativeToScotland:
                {
                    var judged = latest;
                    if (target.Period is { } targetPeriod && targetPeriod != latest.Period)
                    {
                        var atPeriod = points.FirstOrDefault(p => p.Period == targetPeriod);
                        if (atPeriod is null || !atPeriod.IsPublished)
                        {
                            var resolvedNow = ResolveTarget(target, input, latest);
                            return Judged(KpiVerdict.NotYetMeasurable,
                                $"The target is judged on the figure for {targetPeriod}, which is {(atPeriod is null ? "not published yet" : StatusWords(atPeriod))}; the newest is {Format(latest.Value, input.Indicator)} ({latest.Period}){(resolvedNow.Threshold is { } t ? $", against a target of {Format(t, input.Indicator)} on that period's figures" : "")}.",
                                resolvedNow);
                        }
                        judged = atPeriod;
                    }
                    var resolved = ResolveTarget(target, input, judged);
                    if (resolved.Threshold is not { } threshold)
                        return Judged(KpiVerdict.CannotBeJudged, resolved.Note, resolved);
                    var satisfied = Satisfies(judged.Value!.Value, target.Comparison!.Value, threshold);
                    var against = $"{Format(judged.Value, input.Indicator)} ({judged.Period}) against a target of {ComparisonWords(target.Comparison.Value)} {Format(threshold, input.Indicator)} ({resolved.Note})";
                    if (satisfied)
                        return Judged(duePassed || target.Period == judged.Period ? KpiVerdict.Met : KpiVerdict.OnTrack,
                            $"{(duePassed || target.Period == judged.Period ? "Met" : "On track")}: {against}.{(changeText is null ? "" : " " + changeText + ".")}", resolved);
                    if (judged.Interval.Interval is { } interval && interval.Contains((double)threshold))
                        return Judged(KpiVerdict.CannotBeJudged,
                            $"Cannot be judged: {against}; the target lies within the figure's interval ({Signed((decimal)interval.Lower)} to {Signed((decimal)interval.Upper)}).", resolved);
                    return Judged(KpiVerdict.OffTrack, $"Off track: {against}.{(changeText is null ? "" : " " + changeText + ".")}", resolved);
                }
            case TargetKind.Direction:
                {
                    var wanted = target.Direction!.Value;
                    var resolved = new ResolvedTarget(target.Kind, target.Wording, null, null, null, null, latest.Period,
                        $"{(wanted == TargetDirection.Maintain ? "no change" : wanted.ToString().ToLowerInvariant())}{(target.YearOnYear ? " year on year" : " since the baseline")}");
                    if (direction is null)
                        return Judged(KpiVerdict.NotYetMeasurable, fromValue is null
                            ? $"There is {(target.YearOnYear ? "only one published figure" : "no baseline figure")} to measure a change from; the newest is {Format(latest.Value, input.Indicator)} ({latest.Period}){nextText}."
                            : $"There is no figure after the baseline ({fromPeriod}) yet{nextText}.", resolved);
                    var matches = (wanted, direction) switch
                    {
                        (TargetDirection.Decrease, TrendDirection.Decreasing) or (TargetDirection.Increase, TrendDirection.Increasing) or (TargetDirection.Maintain, TrendDirection.NoChange) => true,
                        _ => false,
                    };
                    if (tested && direction == TrendDirection.NoChange && wanted != TargetDirection.Maintain)
                        return Judged(KpiVerdict.CannotBeJudged, $"Cannot be judged: the change is within the interval. {changeText}.", resolved);
                    var verdict = matches ? duePassed ? KpiVerdict.Met : KpiVerdict.OnTrack : KpiVerdict.OffTrack;
                    return Judged(verdict, $"{VerdictWords(verdict)}: the target is {resolved.Note}. {changeText}.{(tested ? "" : " The direction is the sign of the change only.")}", resolved);
                }
            case TargetKind.Qualitative:
                return Judged(KpiVerdict.NotComputed, $"A qualitative target: its progress is the status of its actions.{(changeText is null ? "" : " " + changeText + ".")}");
            default:
                {
                    // No target: judged on the direction the polarity calls better.
                    if (direction is null || kpi.Polarity == KpiPolarity.Neither)
                        return Judged(KpiVerdict.NotComputed, $"The plan sets no target{(kpi.Polarity == KpiPolarity.Neither ? " and no polarity" : "")}, so no verdict is computed. The newest figure is {Format(latest.Value, input.Indicator)} ({latest.Period}).{(changeText is null ? "" : " " + changeText + ".")}");
                    var assessment = Judgements.Assess(direction.Value, kpi.Polarity == KpiPolarity.LowerIsBetter ? Polarity.LowerIsBetter : Polarity.HigherIsBetter);
                    if (tested && assessment == TrendAssessment.NoChange)
                        return Judged(KpiVerdict.CannotBeJudged, $"Cannot be judged: the change is within the interval. {changeText}.");
                    var better = direction == TrendDirection.NoChange ? (bool?)null
                        : (direction == TrendDirection.Decreasing) == (kpi.Polarity == KpiPolarity.LowerIsBetter);
                    var verdict = better == true ? KpiVerdict.OnTrack : KpiVerdict.OffTrack;
                    return Judged(verdict, $"{VerdictWords(verdict)}: the plan sets no target, so the KPI is judged on its direction ({(kpi.Polarity == KpiPolarity.LowerIsBetter ? "lower" : "higher")} is better). {changeText}.{(tested ? "" : " The direction is the sign of the change only.")}");
                }
        }
    }

    private static ResolvedBaseline? ResolveBaseline(Inputs input, IReadOnlyList<KpiPoint> published)
    {
        var baseline = input.Kpi.Baseline;
        switch (baseline?.Kind)
        {
            case BaselineKind.Value:
                return new ResolvedBaseline(baseline.Kind, baseline.Period, baseline.Value, baseline.Value, published.FirstOrDefault(p => p.Period == baseline.Period),
                    $"{Format(baseline.Value, input.Indicator)} for {baseline.Period}, as the plan states it.");
            case BaselineKind.NationalAverage:
                {
                    var scotland = input.Scotland.FirstOrDefault(p => p.Period == baseline.Period);
                    var own = published.FirstOrDefault(p => p.Period == baseline.Period);
                    if (scotland is not { IsPublished: true })
                        return new ResolvedBaseline(baseline.Kind, baseline.Period, baseline.Value, null, own,
                            $"The national average for {baseline.Period}: Scotland's figure for {baseline.Period} is {(scotland is null ? "not loaded" : StatusWords(scotland))}.");
                    return new ResolvedBaseline(baseline.Kind, baseline.Period, baseline.Value, scotland.Value, own,
                        $"The national average for {baseline.Period}: Scotland's figure, {Format(scotland.Value, input.Indicator)}{(baseline.Value is { } printed && printed != scotland.Value ? $" (the plan printed {Format(printed, input.Indicator)})" : "")}.");
                }
            default:
                {
                    // No baseline in the plan: the newest figure from before the plan started, else the first.
                    var before = published.LastOrDefault(p => p.End < input.PlanStarts) ?? published.FirstOrDefault();
                    if (before is null) return null;
                    return new ResolvedBaseline(baseline?.Kind, before.Period, null, before.Value, before,
                        $"The plan sets no baseline figure; the {(before.End < input.PlanStarts ? "newest figure from before the plan started" : "first figure loaded")} is used: {Format(before.Value, input.Indicator)} ({before.Period}).");
                }
        }
    }

    private static ResolvedTarget ResolveTarget(KpiTarget target, Inputs input, KpiPoint judged)
    {
        if (target.Kind == TargetKind.Absolute)
            return new ResolvedTarget(target.Kind, target.Wording, target.Value, null, null, null, judged.Period, "as the plan states it");
        var period = target.ScotlandPeriod ?? judged.Period;
        var scotland = input.Scotland.FirstOrDefault(p => p.Period == period);
        if (scotland is not { IsPublished: true })
            return new ResolvedTarget(target.Kind, target.Wording, null, null, period, target.DifferenceUnit, judged.Period,
                $"Cannot be judged: the target is relative to Scotland's figure for {period}, which is {(scotland is null ? "not loaded" : StatusWords(scotland))}.");
        var s = scotland.Value!.Value;
        var d = target.Difference!.Value;
        var below = target.Comparison is TargetComparison.Below or TargetComparison.AtOrBelow;
        var threshold = target.DifferenceUnit == DifferenceUnit.PercentagePoints
            ? below ? s - d : s + d
            : below ? s * (1 - d / 100) : s * (1 + d / 100);
        var unitWords = target.DifferenceUnit == DifferenceUnit.PercentagePoints ? d == 1 ? "percentage point" : "percentage points" : "per cent";
        return new ResolvedTarget(target.Kind, target.Wording, Math.Round(threshold, 4), s, period, target.DifferenceUnit, judged.Period,
            $"{Format(d, null)} {unitWords} {(below ? "below" : "above")} Scotland's {Format(s, input.Indicator)} for {period}");
    }

    private static bool Satisfies(decimal value, TargetComparison comparison, decimal threshold) => comparison switch
    {
        TargetComparison.Below => value < threshold,
        TargetComparison.AtOrBelow => value <= threshold,
        TargetComparison.Above => value > threshold,
        _ => value >= threshold,
    };

    private static string ComparisonWords(TargetComparison comparison) => comparison switch
    {
        TargetComparison.Below => "below",
        TargetComparison.AtOrBelow => "at or below",
        TargetComparison.Above => "above",
        _ => "at or above",
    };

    public static string VerdictWords(KpiVerdict verdict) => verdict switch
    {
        KpiVerdict.Met => "Met",
        KpiVerdict.OnTrack => "On track",
        KpiVerdict.OffTrack => "Off track",
        KpiVerdict.NotYetMeasurable => "Not yet measurable",
        KpiVerdict.CannotBeJudged => "Cannot be judged",
        _ => "Not computed",
    };

    private static string StatusWords(KpiPoint point) => point.Status switch
    {
        ObservationStatus.Suppressed => $"suppressed{(point.Marker is null ? "" : $" ({point.Marker})")}",
        ObservationStatus.NotAvailable => $"not available{(point.Marker is null ? "" : $" ({point.Marker})")}{(point.Note is null ? "" : $": {point.Note}")}",
        ObservationStatus.NotApplicable => "not applicable",
        _ => "published",
    };

    public static string Format(decimal? value, Indicator? indicator) => value is not { } v ? "n/a"
        : Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture) + (indicator?.MeasureType == MeasureType.Percentage ? "%" : "");

    private static string Signed(decimal value) =>
        (value >= 0 ? "+" : "") + Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The period after a label: 2017-18 → 2018-19, 2023 → 2024; null for other forms.</summary>
    public static string? NextPeriodLabel(string period)
    {
        var match = FinancialYear().Match(period);
        if (match.Success)
        {
            var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1;
            return $"{start}-{(start + 1) % 100:00}";
        }
        return CalendarYear().IsMatch(period) ? (int.Parse(period, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"^(\d{4})-\d{2}$")]
    private static partial Regex FinancialYear();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex CalendarYear();
}
