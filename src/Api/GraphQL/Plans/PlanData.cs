using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.GraphQL.Arguments;
using CommunityJustice.Analytics.Api.GraphQL.Errors;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.Statistics;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using CommunityJustice.Analytics.Model.Plans;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Plans;

/// <summary>A plan as one edition shows it, with the action statuses and local figures known on the date it is read for.</summary>
public sealed record PlanView(Plan Plan, Partnership Partnership, PlanEdition Edition, IReadOnlyList<PlanEdition> Editions,
    IReadOnlyList<PlanItem> Items, IReadOnlyList<ActionView> Actions, IReadOnlyList<KpiView> Kpis, DateOnly? AsPublishedOn, DateOnly Today)
{
    public IEnumerable<ActionView> OverdueActions => Actions.Where(a => a.IsOverdue(Today));
}

public sealed record KpiView(PlanView? Owner, PlanKpi Kpi, PlanItem Item, IReadOnlyList<KpiFigure> LocalFigures)
{
    public PlanView Plan => Owner!;
}

public sealed record ActionView(PlanAction Action, PlanItem Item, IReadOnlyList<ActionStatusEntry> History, string PartnershipCode, string PlanPeriod)
{
    public ActionStatusEntry? Latest => History.Count == 0 ? null : History[^1];

    /// <summary>Due date passed and neither complete nor withdrawn.</summary>
    public bool IsOverdue(DateOnly today) => Action.Due is { } due && due < today && Latest?.Status is not (ActionStatus.Complete or ActionStatus.Withdrawn);
}

/// <summary>No plan (or partnership) matches the arguments.</summary>
public sealed class UnknownPlanError(string message) : AnalyticsError("UNKNOWN_PLAN", message);

/// <summary>Reads plans: the edition in force on a date, the statuses and local figures recorded by then, and each KPI's figures.</summary>
public static class PlanData
{
    /// <summary>The partnerships matching a text: its code, its name, or one of its council areas (code or name).</summary>
    public static async Task<List<Partnership>> PartnershipsAsync(AnalyticsDbContext db, string? text, CancellationToken ct)
    {
        var all = await db.Partnerships.Include(p => p.Areas).OrderBy(p => p.Code).ToListAsync(ct);
        if (text is null) return all;
        var byName = all.Where(p => p.Code == text || string.Equals(p.Name, text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count > 0) return byName;
        var area = db.ReferenceData().Area(text);
        return area is null ? [] : all.Where(p => p.Areas.Any(a => a.AreaCode == area.Code)).ToList();
    }

    /// <summary>The plans of the matching partnerships with an edition in force on the date (or any edition, with no date).</summary>
    public static async Task<List<PlanView>> PlansAsync(AnalyticsDbContext db, string? partnership, string? period, DateOnly? asOf, DateOnly today, CancellationToken ct)
    {
        var partnerships = await PartnershipsAsync(db, partnership, ct);
        if (partnership is not null && partnerships.Count == 0)
            throw new UnknownPlanError($"No partnership has the code, name or council area '{partnership}'. Known: {string.Join(", ", (await db.Partnerships.Select(p => p.Code).ToListAsync(ct)).Order())}.");
        var ids = partnerships.Select(p => p.Id).ToList();
        var plans = await db.Plans.Where(p => ids.Contains(p.PartnershipId) && (period == null || p.Period == period))
            .Include(p => p.Editions).OrderBy(p => p.PartnershipId).ThenBy(p => p.Period).ToListAsync(ct);
        var views = new List<PlanView>();
        foreach (var plan in plans)
        {
            var edition = EditionOn(plan.Editions, asOf);
            if (edition is null) continue;
            views.Add(await ViewAsync(db, plan, partnerships.Single(p => p.Id == plan.PartnershipId), edition, asOf, today, ct));
        }
        return views;
    }

    public static async Task<PlanView> PlanAsync(AnalyticsDbContext db, string partnership, string period, DateOnly? asOf, DateOnly today, CancellationToken ct)
    {
        var views = await PlansAsync(db, partnership, period, asOf, today, ct);
        if (views.Count == 0)
            throw new UnknownPlanError($"'{partnership}' has no plan for {period}{(asOf is { } d ? $" published on or before {d:yyyy-MM-dd}" : "")}. plans {{ partnership {{ code }} period }} lists the plans loaded.");
        if (views.Count > 1)
            throw new UnknownPlanError($"'{partnership}' matches the {period} plans of {string.Join(" and ", views.Select(v => v.Partnership.Code))}: name the partnership by its code.");
        return views[0];
    }

    /// <summary>The newest edition dated on or before the date (on a tie the one loaded last); with no date, the latest.</summary>
    public static PlanEdition? EditionOn(IEnumerable<PlanEdition> editions, DateOnly? asOf) =>
        editions.Where(v => asOf is not { } d || v.EditionDate <= d).OrderByDescending(v => v.EditionDate).ThenByDescending(v => v.Id).FirstOrDefault();

    private static async Task<PlanView> ViewAsync(AnalyticsDbContext db, Plan plan, Partnership partnership, PlanEdition edition, DateOnly? asOf, DateOnly today, CancellationToken ct)
    {
        var items = await db.PlanItems.Where(i => i.PlanEditionId == edition.Id).Include(i => i.Kpis).Include(i => i.Actions)
            .OrderBy(i => i.Position).AsSplitQuery().ToListAsync(ct);
        // Entries from this edition's file, and every entry recorded through the API up to the date.
        var until = asOf is { } d ? new DateTimeOffset(d.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : DateTimeOffset.MaxValue;
        var statuses = await db.ActionStatuses.Where(s => s.PlanId == plan.Id && (s.PlanEditionId == edition.Id || (s.ApiKeyId != null && s.RecordedAt < until)))
            .OrderBy(s => s.Date).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).ToListAsync(ct);
        var figures = await db.KpiFigures.Where(f => f.PlanId == plan.Id && (f.PlanEditionId == edition.Id || (f.ApiKeyId != null && f.RecordedAt < until)))
            .OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).ToListAsync(ct);
        var actions = items.SelectMany(i => i.Actions.OrderBy(a => a.Position).Select(a => new ActionView(a, i,
            statuses.Where(s => s.ActionNumber == a.Number).ToList(), partnership.Code, plan.Period))).ToList();
        var kpis = items.SelectMany(i => i.Kpis.OrderBy(k => k.Position).Select(k => new KpiView(null, k, i,
            figures.Where(f => f.KpiNumber == k.Number).ToList()))).ToList();
        var view = new PlanView(plan, partnership, edition, [.. plan.Editions.OrderBy(v => v.EditionDate).ThenBy(v => v.Id)], items, actions, [], asOf, asOf ?? today);
        return view with { Kpis = kpis.Select(k => k with { Owner = view }).ToList() };
    }

    /// <summary>The KPI's figures (published, or recorded locally) and its progress, with figures as published on the plan's date.</summary>
    public static async Task<KpiProgress> ProgressAsync(AnalyticsDbContext db, KpiView kpi, ConfidenceLevel level, CancellationToken ct)
    {
        var plan = kpi.Plan;
        var reference = db.ReferenceData();
        var link = kpi.Kpi.Link;
        Indicator? indicator = link is null ? null : reference.Indicator(link.IndicatorCode);
        var areaName = link is null ? plan.Partnership.Name
            : link.WholePartnership ? $"{plan.Partnership.Name} (its areas together)"
            : reference.AreaByCode(link.AreaCode!)?.Name ?? link.AreaCode!;
        IReadOnlyList<KpiPoint> points;
        IReadOnlyList<KpiPoint> scotland = [];
        if (link is not null && indicator is not null)
        {
            var areas = link.WholePartnership ? plan.Partnership.Areas.Select(a => a.AreaCode).ToList() : [link.AreaCode!];
            areas.Add(PlanAreas.Scotland);
            var figures = await FigureSource.LoadAsync(db, plan.AsPublishedOn, [link.IndicatorCode],
                o => o.IndicatorCode == link.IndicatorCode && areas.Contains(o.AreaCode) && o.Sex == link.Sex && o.AgeBandCode == link.AgeBandCode, ct);
            scotland = figures.Where(o => o.AreaCode == PlanAreas.Scotland).Select(o => Point(o, level)).ToList();
            points = link.WholePartnership
                ? PlanAreas.Sum(indicator, plan.Partnership.Areas.Select(a => a.AreaCode).ToList(), figures.Where(o => o.AreaCode != PlanAreas.Scotland).ToList(), level)
                : link.AreaCode == PlanAreas.Scotland ? scotland : figures.Where(o => o.AreaCode == link.AreaCode).Select(o => Point(o, level)).ToList();
        }
        else
        {
            // The newest recorded figure of each period counts; earlier ones stay in the history.
            points = kpi.LocalFigures.GroupBy(f => f.PeriodLabel).Select(g => g.OrderBy(f => f.RecordedAt).ThenBy(f => f.Id).Last())
                .Select(f => LocalPoint(f, level)).Where(p => p is not null).Select(p => p!).ToList();
        }
        return KpiProgress.Compute(new KpiProgress.Inputs(kpi.Kpi, plan.Edition.Starts, indicator, areaName, points, scotland, level, plan.Today));
    }

    private static KpiPoint Point(Observation o, ConfidenceLevel level) =>
        new(o.PeriodLabel, o.PeriodStart, o.PeriodEnd, o.Status == ObservationStatus.Published ? o.Value : null, o.Status, o.Marker,
            FigureIntervals.For(o, level), o, $"{o.DatasetVersion?.Dataset?.Title ?? o.DatasetVersion?.DatasetCode}, edition {o.DatasetVersion?.EditionDate:yyyy-MM-dd}", null);

    private static KpiPoint? LocalPoint(KpiFigure f, ConfidenceLevel level)
    {
        PeriodArgument period;
        try
        {
            period = PeriodArgument.Parse(f.PeriodLabel);
        }
        catch (InvalidPeriodError)
        {
            return null;
        }
        return new KpiPoint(f.PeriodLabel, period.Start, period.End, f.Value, f.Status, null,
            FigureInterval.None(level, "A locally recorded figure has no count behind it in this system, so no interval is computed."), null,
            $"recorded by {f.RecordedBy} on {f.RecordedAt:yyyy-MM-dd}", f.Note);
    }
}

/// <summary>Figures for a partnership's areas together, summed only from published counts.</summary>
public static class PlanAreas
{
    public const string Scotland = "S92000003";

    public static IReadOnlyList<KpiPoint> Sum(Indicator indicator, IReadOnlyList<string> areas, IReadOnlyList<Observation> figures, ConfidenceLevel level)
    {
        var points = new List<KpiPoint>();
        foreach (var period in figures.GroupBy(o => (o.PeriodLabel, o.PeriodStart, o.PeriodEnd)).OrderBy(g => g.Key.PeriodStart))
        {
            var (label, start, end) = period.Key;
            var byArea = period.ToDictionary(o => o.AreaCode);
            var missing = areas.Where(a => !byArea.ContainsKey(a)).ToList();
            var withheld = byArea.Values.Where(o => o.Status != ObservationStatus.Published).ToList();
            KpiPoint NotAvailable(string why, ObservationStatus status = ObservationStatus.NotAvailable) =>
                new(label, start, end, null, status, null, FigureInterval.None(level, why), null, "sum of the partnership's areas", why);
            if (missing.Count > 0) { points.Add(NotAvailable($"no figure for {string.Join(", ", missing)}")); continue; }
            if (withheld.Count > 0)
            {
                points.Add(NotAvailable($"the figure for {string.Join(", ", withheld.Select(o => o.AreaCode))} is {withheld[0].Status.ToString().ToLowerInvariant()}",
                    withheld.Any(o => o.Status == ObservationStatus.Suppressed) ? ObservationStatus.Suppressed : ObservationStatus.NotAvailable));
                continue;
            }
            decimal? value = null, numerator = null, denominator = null;
            switch (indicator.MeasureType)
            {
                case MeasureType.Count:
                    value = byArea.Values.Sum(o => o.Value!.Value);
                    break;
                case MeasureType.Percentage when byArea.Values.All(o => o.Numerator is not null && o.Denominator is > 0):
                    numerator = byArea.Values.Sum(o => o.Numerator!.Value);
                    denominator = byArea.Values.Sum(o => o.Denominator!.Value);
                    value = Math.Round(numerator.Value / denominator.Value * 100, 4);
                    break;
            }
            if (value is null) { points.Add(NotAvailable("the areas' figures cannot be added up: a percentage needs every area's count and base, a rate or average is not summed")); continue; }
            var sum = new Observation
            {
                IndicatorCode = indicator.Code, Indicator = indicator, AreaCode = "partnership", PeriodLabel = label, PeriodStart = start, PeriodEnd = end,
                AgeBandCode = byArea.Values.First().AgeBandCode, Value = value, Numerator = numerator, Denominator = denominator, Status = ObservationStatus.Published,
            };
            points.Add(new KpiPoint(label, start, end, value, ObservationStatus.Published, null, FigureIntervals.For(sum, level), null,
                $"sum of {string.Join(", ", areas)} from {string.Join("; ", byArea.Values.Select(o => o.DatasetVersion?.DatasetCode).Distinct())}", null));
        }
        return points;
    }
}
