using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

/// <summary>
/// The one way the derived views (gender breakdowns, comparisons, trends, framework evidence) read
/// figures: the editions current on a date, the newest edition winning where two datasets carry the
/// same cell, and the public view's disclosure control (src/Api/Disclosure) applied to every figure returned.
/// </summary>
public static class FigureSource
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Observation, Model.Datasets.DatasetVersion> JoinedCountSources = new();

    /// <summary>One cell's rows as stored (<see cref="LoadCellAsync"/>).</summary>
    private static readonly Func<AnalyticsDbContext, int[], string, string, string, string, DateOnly, DateOnly, IAsyncEnumerable<Observation>> CellQuery =
        EF.CompileAsyncQuery((AnalyticsDbContext db, int[] editions, string indicator, string area, string ageBand, string label, DateOnly start, DateOnly end) =>
            db.Observations.AsNoTracking().Where(o => editions.Contains(o.DatasetVersionId) && o.IndicatorCode == indicator && o.AreaCode == area
                && o.AgeBandCode == ageBand && (o.PeriodLabel == label || (o.PeriodStart == start && o.PeriodEnd == end))));

    /// <summary>
    /// The newest edition's figure for a cell; where it has no count behind it but another published
    /// table gives the same indicator for the same cell (the same cohort: area, period, sex, age band)
    /// with the same published value and its count, that count and base are joined to it (DESIGN.md:
    /// counts from another table only where they describe exactly the same cohort). Nothing is estimated.
    /// </summary>
    private static Observation WithSameCohortCounts(IReadOnlyList<Observation> newestFirst)
    {
        var figure = newestFirst[0];
        if (figure.Denominator is not null || figure.Value is null) return figure;
        var other = newestFirst.Skip(1).FirstOrDefault(o => o.Denominator is not null && o.Value == figure.Value && o.Status == figure.Status
            && o.DatasetVersion?.DatasetCode != figure.DatasetVersion?.DatasetCode);
        if (other is null) return figure;
        var joined = new Observation
        {
            Id = figure.Id, IndicatorCode = figure.IndicatorCode, Indicator = figure.Indicator, AreaCode = figure.AreaCode, Area = figure.Area,
            PeriodType = figure.PeriodType, PeriodLabel = figure.PeriodLabel, PeriodStart = figure.PeriodStart, PeriodEnd = figure.PeriodEnd,
            Sex = figure.Sex, AgeBandCode = figure.AgeBandCode, AgeBand = figure.AgeBand, Value = figure.Value, Status = figure.Status,
            Marker = figure.Marker, DatasetVersionId = figure.DatasetVersionId, DatasetVersion = figure.DatasetVersion,
            Numerator = other.Numerator, Denominator = other.Denominator,
        };
        JoinedCountSources.AddOrUpdate(joined, other.DatasetVersion!);
        return joined;
    }

    /// <summary>The edition the figure's numerator and denominator come from: its own, or another table's of the same cohort; null when it has none.</summary>
    public static Model.Datasets.DatasetVersion? CountSource(Observation figure) =>
        JoinedCountSources.TryGetValue(figure, out var version) ? version : figure.Denominator is null && figure.Numerator is null ? null : figure.DatasetVersion;

    /// <summary>
    /// The periods an indicator has figures for in the editions read (latest, or as published on a date), whatever the
    /// area, sex or age band, each with those editions: what a view needs to say which periods a series lacks and why.
    /// </summary>
    public static async Task<IReadOnlyList<(string Label, DateOnly Start, DateOnly End, IReadOnlyList<int> Editions)>> PeriodsAsync(
        AnalyticsDbContext db, DateOnly? asPublishedOn, string indicatorCode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var editions = db.ReferenceData().VersionIdsAsPublishedOn(asPublishedOn);
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.IndicatorCode == indicatorCode && editions.Contains(o.DatasetVersionId) && o.PeriodStart >= from && o.PeriodEnd <= to)
            .GroupBy(o => new { o.PeriodLabel, o.PeriodStart, o.PeriodEnd, o.DatasetVersionId })
            .Select(g => g.Key).ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.PeriodLabel, r.PeriodStart, r.PeriodEnd))
            .Select(g => (g.Key.PeriodLabel, g.Key.PeriodStart, g.Key.PeriodEnd, (IReadOnlyList<int>)g.Select(r => r.DatasetVersionId).Order().ToList()))
            .OrderBy(p => p.PeriodStart).ThenBy(p => p.PeriodEnd)];
    }

    /// <summary>
    /// The age bands an indicator has figures for in one period, in the editions read, whatever the area or sex, each
    /// with those editions: what ageBreakdown needs to say which bands a cell lacks and why.
    /// </summary>
    public static async Task<IReadOnlyList<(string AgeBandCode, IReadOnlyList<int> Editions)>> AgeBandsAsync(
        AnalyticsDbContext db, DateOnly? asPublishedOn, string indicatorCode, string periodLabel, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var editions = db.ReferenceData().VersionIdsAsPublishedOn(asPublishedOn);
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.IndicatorCode == indicatorCode && editions.Contains(o.DatasetVersionId)
                && (o.PeriodLabel == periodLabel || (o.PeriodStart == start && o.PeriodEnd == end)))
            .GroupBy(o => new { o.AgeBandCode, o.DatasetVersionId })
            .Select(g => g.Key).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.AgeBandCode).Select(g => (g.Key, (IReadOnlyList<int>)g.Select(r => r.DatasetVersionId).Order().ToList()))];
    }

    /// <summary>The figures matching <paramref name="where"/>, one per cell, with their relations, through the public view.</summary>
    public static async Task<IReadOnlyList<Observation>> LoadAsync(AnalyticsDbContext db, DateOnly? asPublishedOn,
        Expression<Func<Observation, bool>> where, CancellationToken ct)
    {
        // The observations table alone; indicator, area, age band and edition come from the reference data.
        // Every row is masked before anything else looks at it (counts are joined across tables below).
        var reference = db.ReferenceData();
        var view = db.PublicView();
        var editions = reference.VersionIdsAsPublishedOn(asPublishedOn);
        var rows = (await view.Observations(db, editions, figures => figures.Where(where)).ToListAsync(ct))
            .Select(row => view.Apply(reference.Attach(row))).ToList();
        return NewestPerCell(rows, view);
    }

    /// <summary>
    /// The figures of one cell (every sex) of an indicator, area, period (by label, or by start and end) and age band:
    /// the same as <see cref="LoadAsync"/> with that condition, through a query EF Core compiles once rather than on
    /// every request (the gender breakdown's hot path; docs/benchmarks.md). The condition reads no column the public
    /// view masks, so the rows are read as stored and each is masked on reading, as LoadAsync does for such a condition.
    /// </summary>
    public static async Task<IReadOnlyList<Observation>> LoadCellAsync(AnalyticsDbContext db, DateOnly? asPublishedOn,
        string indicatorCode, string areaCode, string ageBandCode, string periodLabel, DateOnly periodStart, DateOnly periodEnd, CancellationToken ct)
    {
        var reference = db.ReferenceData();
        var view = db.PublicView();
        var editions = view.CoveredEditions(reference.VersionIdsAsPublishedOn(asPublishedOn));
        var rows = new List<Observation>(3);
        await foreach (var row in CellQuery(db, editions, indicatorCode, areaCode, ageBandCode, periodLabel, periodStart, periodEnd).WithCancellation(ct))
            rows.Add(view.Apply(reference.Attach(row)));
        return NewestPerCell(rows, view);
    }

    /// <summary>Masked rows (already through the view) → one figure per cell.</summary>
    private static IReadOnlyList<Observation> NewestPerCell(List<Observation> rows, DisclosureView view)
    {
        // Should two datasets both carry a cell, the newest edition wins.
        var cells = rows
            .GroupBy(o => (o.IndicatorCode, o.AreaCode, o.PeriodStart, o.PeriodEnd, o.Sex, o.AgeBandCode))
            .Select(g => WithSameCohortCounts(g.OrderByDescending(o => o.DatasetVersion!.EditionDate).ThenByDescending(o => o.Id).ToList()))
            .ToList();
        // Belt to those braces: a joined figure is a new object; it is masked by its own id too.
        return view.Apply(cells);
    }
}
