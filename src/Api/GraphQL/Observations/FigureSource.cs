using System.Linq.Expressions;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Api.Disclosure;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.GraphQL.Observations;

/// <summary>
/// The one way the derived views (gender breakdowns, comparisons, trends, framework evidence) read
/// figures: the editions current on a date, the newest edition winning where two datasets carry the
/// same cell, and the public view's disclosure control (src/Api/Disclosure) applied to every figure returned.
/// </summary>
public static class FigureSource
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Observation, Model.Datasets.DatasetVersion> JoinedCountSources = new();

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
        var editions = db.ReferenceData().VersionIdsAsPublishedOn(asPublishedOn, [indicatorCode]);
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.IndicatorCode == indicatorCode && EF.MultipleParameters(editions).Contains(o.DatasetVersionId) && o.PeriodStart >= from && o.PeriodEnd <= to)
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
        var editions = db.ReferenceData().VersionIdsAsPublishedOn(asPublishedOn, [indicatorCode]);
        var rows = await db.Observations.AsNoTracking()
            .Where(o => o.IndicatorCode == indicatorCode && EF.MultipleParameters(editions).Contains(o.DatasetVersionId)
                && (o.PeriodLabel == periodLabel || (o.PeriodStart == start && o.PeriodEnd == end)))
            .GroupBy(o => new { o.AgeBandCode, o.DatasetVersionId })
            .Select(g => g.Key).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.AgeBandCode).Select(g => (g.Key, (IReadOnlyList<int>)g.Select(r => r.DatasetVersionId).Order().ToList()))];
    }

    /// <summary>
    /// The figures matching <paramref name="where"/>, one per cell, with their relations, through the public view.
    /// <paramref name="where"/> must keep to <paramref name="indicatorCodes"/>: only the editions holding them are read.
    /// </summary>
    public static async Task<IReadOnlyList<Observation>> LoadAsync(AnalyticsDbContext db, DateOnly? asPublishedOn,
        IReadOnlyCollection<string> indicatorCodes, Expression<Func<Observation, bool>> where, CancellationToken ct)
    {
        // The observations table alone; indicator, area, age band and edition come from the reference data.
        var reference = db.ReferenceData();
        var editions = reference.VersionIdsAsPublishedOn(asPublishedOn, indicatorCodes);
        return OnePerCell(db, await db.PublicView().Observations(db, editions, figures => figures.Where(where)).ToListAsync(ct));
    }

    /// <summary>
    /// The figures of one cell (indicator, area, age band and period, every sex), one per sex, as <see cref="LoadAsync"/>
    /// gives them, through one statement written by hand: what the single-cell views (genderBreakdown) read on every
    /// request, without EF Core building, translating and looking up a LINQ query each time (docs/benchmarks.md,
    /// "Per-request cost, second pass"). The period matches by label or by its start and end, as LoadAsync's callers ask.
    /// </summary>
    public static async Task<IReadOnlyList<Observation>> LoadCellAsync(AnalyticsDbContext db, DateOnly? asPublishedOn,
        string indicatorCode, string areaCode, string ageBandCode, string periodLabel, DateOnly periodStart, DateOnly periodEnd, CancellationToken ct)
    {
        var source = db.PublicView().StoredSource(db.ReferenceData().VersionIdsAsPublishedOn(asPublishedOn, [indicatorCode]));
        // Positional parameters: Npgsql sends the text as it is, and prepares it after its second use (Max Auto Prepare).
        var parameters = new List<NpgsqlParameter>(7)
        {
            new() { Value = indicatorCode },
            new() { Value = areaCode },
            new() { Value = ageBandCode },
            new() { Value = periodLabel },
            new() { Value = periodStart },
            new() { Value = periodEnd },
        };
        if (source.FilterOnEdition) parameters.Add(new() { Value = source.Editions });
        var rows = await HandWrittenStatements.ReadAsync(db, CellSql(source), parameters, static async (reader, ct) =>
        {
            var read = new List<Observation>(3);
            while (await reader.ReadAsync(ct)) read.Add(ObservationRows.Read(reader));
            return read;
        }, ct);
        // Read as stored (the statement filters on no masked column): every row is masked below, before anything looks at it.
        return OnePerCell(db, rows);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CellStatements = new(StringComparer.Ordinal);

    /// <summary>The single-cell statement over a source of stored rows (its text kept per source: the same few editions are read over and over).</summary>
    private static string CellSql(StoredRows source)
    {
        var key = source.FilterOnEdition ? source.Sql + " /* editions */" : source.Sql;
        return CellStatements.Count < 1_000
            ? CellStatements.GetOrAdd(key, static (_, s) => Build(s), source)
            : Build(source);

        static string Build(StoredRows s) =>
            $"SELECT {ObservationRows.Columns} FROM ({s.Sql}) AS o WHERE o.indicator_code = $1 AND o.area_code = $2 AND o.age_band_code = $3"
            + " AND (o.period_label = $4 OR (o.period_start = $5 AND o.period_end = $6))"
            + (s.FilterOnEdition ? " AND o.dataset_version_id = ANY($7)" : "");
    }

    /// <summary>
    /// Rows read as stored, each masked by the public view before anything else looks at it and given its relations; then
    /// one figure per cell (should two datasets both carry a cell, the newest edition wins), with counts joined across
    /// tables for the same cohort.
    /// </summary>
    private static IReadOnlyList<Observation> OnePerCell(AnalyticsDbContext db, List<Observation> stored)
    {
        var reference = db.ReferenceData();
        var view = db.PublicView();
        var rows = stored.Select(row => view.Apply(reference.Attach(row))).ToList();
        var cells = rows
            .GroupBy(o => (o.IndicatorCode, o.AreaCode, o.PeriodStart, o.PeriodEnd, o.Sex, o.AgeBandCode))
            .Select(g => WithSameCohortCounts(g.OrderByDescending(o => o.DatasetVersion!.EditionDate).ThenByDescending(o => o.Id).ToList()))
            .ToList();
        // Belt to those braces: a joined figure is a new object; it is masked by its own id too.
        return view.Apply(cells);
    }
}
