using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// The small tables every figure refers to (indicators, areas with their former codes and other
/// spellings, age bands, datasets and their loaded editions), read once per change of the data
/// (<see cref="ReferenceDataCache"/>) and shared, read-only, by every request. Queries for figures
/// then read only the observations table: arguments are resolved here, the editions to read are
/// chosen here, and each figure's indicator, area, age band and edition are attached from here.
/// </summary>
public sealed class ReferenceData
{
    private readonly Dictionary<string, Indicator> _indicators;
    private readonly Dictionary<string, Area> _areas;
    private readonly AreaResolver _areaResolver;
    private readonly Dictionary<string, AgeBand> _ageBands;
    private readonly Dictionary<int, DatasetVersion> _versions;
    private readonly int[] _latestVersionIds;
    private readonly IReadOnlyDictionary<string, IndicatorExtent> _extents;
    private readonly bool _editionsPerIndicatorKnown;
    private readonly Dictionary<string, List<string>> _ancestors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _descendants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Area>> _children = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, int> _simdDeciles;

    /// <summary>The indicator whose latest figures give each data zone's SIMD decile (dataset simd-2020v2).</summary>
    public const string SimdDecileIndicator = "simd-decile";

    /// <param name="links">(area, containing area) pairs of each geography lookup's latest edition.</param>
    /// <param name="simdDeciles">Data zone → SIMD decile, from the latest edition publishing <see cref="SimdDecileIndicator"/>.</param>
    public ReferenceData(IEnumerable<Indicator> indicators, IEnumerable<Area> areas, IEnumerable<AreaCodeSuccession> successions,
        IEnumerable<AreaAlias> aliases, IEnumerable<AgeBand> ageBands, IEnumerable<Dataset> datasets, IEnumerable<DatasetVersion> versions,
        IReadOnlyDictionary<string, IndicatorExtent>? extents = null, IEnumerable<AreaLink>? links = null, IReadOnlyDictionary<string, int>? simdDeciles = null)
    {
        _simdDeciles = simdDeciles ?? new Dictionary<string, int>();
        _extents = extents ?? new Dictionary<string, IndicatorExtent>();
        _editionsPerIndicatorKnown = extents is not null;
        _indicators = indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        _areas = areas.ToDictionary(a => a.Code, StringComparer.Ordinal);
        _areaResolver = new AreaResolver(_areas.Keys, successions.Select(s => KeyValuePair.Create(s.OldCode, s.NewCode)),
            aliases.Select(a => KeyValuePair.Create(a.NormalisedName, a.AreaCode)));
        _ageBands = ageBands.ToDictionary(b => b.Code, StringComparer.Ordinal);
        var datasetsByCode = datasets.ToDictionary(d => d.Code, StringComparer.Ordinal);
        _versions = versions.ToDictionary(v => v.Id);
        foreach (var version in _versions.Values) version.Dataset = datasetsByCode.GetValueOrDefault(version.DatasetCode);
        _latestVersionIds = _versions.Values.Where(v => v.IsLatest).Select(v => v.Id).Order().ToArray();
        IndicatorCodes = _indicators.Keys.Order(StringComparer.Ordinal).ToList();

        // Each area's parent (Scotland for the seeded councils) and every pair a geography lookup gives.
        var pairs = _areas.Values.Where(a => a.ParentCode is not null).Select(a => (a.Code, Ancestor: a.ParentCode!))
            .Concat((links ?? []).Select(l => (Code: l.AreaCode, Ancestor: l.AncestorCode))).Distinct();
        foreach (var (code, ancestor) in pairs)
        {
            if (!_areas.ContainsKey(code) || !_areas.ContainsKey(ancestor)) continue;
            Add(_ancestors, code, ancestor);
            Add(_descendants, ancestor, code);
        }
        // An ancestor's own ancestors (a council's Scotland) hold for the seeded parent links, which give one step only.
        foreach (var (code, list) in _ancestors)
            for (var i = 0; i < list.Count; i++)
                foreach (var further in _ancestors.GetValueOrDefault(list[i]) ?? [])
                    if (!list.Contains(further)) { list.Add(further); Add(_descendants, further, code); }
        foreach (var area in _areas.Values.Where(a => a.ParentCode is not null)) AddArea(_children, area.ParentCode!, area);
        foreach (var list in _ancestors.Values) list.Sort((a, b) => (_descendants.GetValueOrDefault(a)?.Count ?? 0).CompareTo(_descendants.GetValueOrDefault(b)?.Count ?? 0));
        AgeBandCodes = _ageBands.Values.OrderBy(b => b.SortOrder).Select(b => b.Code).ToList();
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    private static void AddArea(Dictionary<string, List<Area>> map, string key, Area value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>Every area the area lies in, smallest first (a data zone's intermediate zone ... Scotland).</summary>
    public IEnumerable<Area> AncestorsOf(string code) => (_ancestors.GetValueOrDefault(code) ?? []).Select(c => _areas[c]);

    /// <summary>The codes of every area lying in the area (not the area itself).</summary>
    public IReadOnlyCollection<string> DescendantsOf(string code) => _descendants.GetValueOrDefault(code) ?? [];

    /// <summary>The areas whose parent (nearest containing area) is the area, by code.</summary>
    public IEnumerable<Area> ChildrenOf(string code) => (_children.GetValueOrDefault(code) ?? []).OrderBy(a => a.Code, StringComparer.Ordinal);

    public Area AreaWithCode(string currentCode) => _areas[currentCode];

    /// <summary>A data zone's SIMD decile (1 = most deprived 10%); null for other areas or when no SIMD edition is loaded.</summary>
    public int? SimdDecile(string code) => _simdDeciles.TryGetValue(code, out var decile) ? decile : null;

    /// <summary>Every data zone with its SIMD decile, from the latest loaded edition; empty when none is loaded.</summary>
    public IReadOnlyDictionary<string, int> SimdDeciles => _simdDeciles;

    /// <summary>Every indicator code, in code order (for "unknown indicator" errors).</summary>
    public IReadOnlyList<string> IndicatorCodes { get; }

    /// <summary>Every age band code, in the publisher's order (for "unknown age band" errors).</summary>
    public IReadOnlyList<string> AgeBandCodes { get; }

    /// <summary>How many areas are known (councils, Scotland and other levels).</summary>
    public int AreaCount => _areas.Count;

    /// <summary>How many datasets have a loaded edition (each dataset's latest).</summary>
    public int LoadedDatasetCount => _latestVersionIds.Length;

    /// <summary>
    /// How many areas and periods the latest editions have figures for, for one indicator (zero for an
    /// indicator without figures; an upper bound when more than one latest edition publishes it): what a
    /// list over "every area" or "every period" returns at most, for the complexity analyzer.
    /// </summary>
    public IndicatorExtent Extent(string indicatorCode) => _extents.GetValueOrDefault(indicatorCode);

    public Indicator? Indicator(string code) => _indicators.GetValueOrDefault(code);

    public AgeBand? AgeBand(string code) => _ageBands.GetValueOrDefault(code);

    /// <summary>An area by its current GSS code or a former one (following successions to the code in use now); null when none has it.</summary>
    /// <summary>Every area's code and name, for suggestions when a caller misspells one.</summary>
    public IEnumerable<string> AreaCodesAndNames => _areas.Values.SelectMany(a => new[] { a.Code, a.Name });

    public Area? AreaByCode(string code) => _areaResolver.CurrentCode(code) is { } current ? _areas[current] : null;

    /// <summary>An area by GSS code (current or former), geography URI or name as publications spell it (the model's <see cref="AreaResolver"/> rule); null when nothing matches.</summary>
    public Area? Area(string text) => _areaResolver.Resolve(text) is { } current ? _areas[current] : null;

    /// <summary>
    /// The editions read for figures "as published on" a date (the model's Editions.CurrentOn); with
    /// no date, each dataset's latest edition. In id order.
    /// </summary>
    public int[] VersionIdsAsPublishedOn(DateOnly? date) =>
        date is null ? _latestVersionIds : Editions.CurrentOn(_versions.Values, date).Select(v => v.Id).Order().ToArray();

    /// <summary>
    /// The editions to read for figures of these indicators: with no date, only those of the latest editions that
    /// hold figures for one of them (each edition is a partition of observations, so a statement that names fewer
    /// editions is planned and run over fewer partitions; the answer is the same, since the statement asks for these
    /// indicators only); with a date, as <see cref="VersionIdsAsPublishedOn(DateOnly?)"/>. In id order.
    /// </summary>
    public int[] VersionIdsAsPublishedOn(DateOnly? date, IEnumerable<string> indicatorCodes) =>
        date is not null || !_editionsPerIndicatorKnown
            ? VersionIdsAsPublishedOn(date)
            : indicatorCodes.SelectMany(code => _extents.GetValueOrDefault(code).LatestEditions ?? []).Distinct().Order().ToArray();

    /// <summary>Those of <paramref name="editions"/> that are editions of one of these datasets.</summary>
    public int[] OfDatasets(int[] editions, IReadOnlyCollection<string> datasetCodes) =>
        editions.Where(id => _versions.TryGetValue(id, out var version) && datasetCodes.Contains(version.DatasetCode)).ToArray();

    /// <summary>A dataset edition by id; null when none has it.</summary>
    public DatasetVersion? Edition(int id) => _versions.GetValueOrDefault(id);

    /// <summary>Sets a figure read from the observations table alone to point at its indicator, area, age band and edition.</summary>
    public Observation Attach(Observation figure)
    {
        figure.Indicator ??= _indicators.GetValueOrDefault(figure.IndicatorCode);
        figure.Area ??= _areas.GetValueOrDefault(figure.AreaCode);
        figure.AgeBand ??= _ageBands.GetValueOrDefault(figure.AgeBandCode);
        figure.DatasetVersion ??= _versions.GetValueOrDefault(figure.DatasetVersionId);
        return figure;
    }

    public static async Task<ReferenceData> LoadAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        // One snapshot for all of them: editions and the datasets they belong to are read at the same moment.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var data = new ReferenceData(
            await db.Indicators.AsNoTracking().ToListAsync(cancellationToken),
            await db.Areas.AsNoTracking().ToListAsync(cancellationToken),
            await db.AreaCodeSuccessions.AsNoTracking().ToListAsync(cancellationToken),
            await db.AreaAliases.AsNoTracking().ToListAsync(cancellationToken),
            await db.AgeBands.AsNoTracking().ToListAsync(cancellationToken),
            await db.Datasets.AsNoTracking().ToListAsync(cancellationToken),
            await db.DatasetVersions.AsNoTracking().ToListAsync(cancellationToken),
            await ExtentsAsync(db, cancellationToken),
            await db.AreaLinks.AsNoTracking().Where(l => db.DatasetVersions.Any(v => v.Id == l.DatasetVersionId && v.IsLatest)).ToListAsync(cancellationToken),
            await SimdDecilesAsync(db, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return data;
    }

    /// <summary>Each data zone's SIMD decile in the newest latest edition that publishes one.</summary>
    private static async Task<Dictionary<string, int>> SimdDecilesAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var deciles = new Dictionary<string, int>(StringComparer.Ordinal);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand($"""
            SELECT DISTINCT ON (o.area_code) o.area_code, o.value::int
            FROM observations o JOIN dataset_versions v ON v.id = o.dataset_version_id AND v.is_latest
            WHERE o.indicator_code = '{SimdDecileIndicator}' AND o.value IS NOT NULL
            ORDER BY o.area_code, v.edition_date DESC, v.id DESC
            """, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) deciles[reader.GetString(0)] = reader.GetInt32(1);
        return deciles;
    }

    /// <summary>
    /// Areas and periods with figures per indicator in the latest editions, and which of those editions hold them, from the
    /// counts the ingest recorded per edition when it loaded it (edition_indicator_extents: a few hundred rows, not the
    /// observations). An indicator published by more than one latest edition gets the sums of their counts, which may count
    /// an area or period twice: an upper bound, which is what a cost estimate needs.
    /// </summary>
    private static async Task<Dictionary<string, IndicatorExtent>> ExtentsAsync(AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.EditionIndicatorExtents.AsNoTracking()
            .Where(x => db.DatasetVersions.Any(v => v.Id == x.DatasetVersionId && v.IsLatest))
            .ToListAsync(cancellationToken);
        return rows.GroupBy(x => x.IndicatorCode, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => new IndicatorExtent(g.Sum(x => x.Areas), g.Sum(x => x.Periods), [.. g.Select(x => x.DatasetVersionId).Order()]), StringComparer.Ordinal);
    }
}

/// <summary>How many areas and periods one indicator has figures for, and in which of the latest editions.</summary>
public readonly record struct IndicatorExtent(int Areas, int Periods, int[]? LatestEditions = null);

/// <summary>The reference data as of the last change of the data (see <see cref="IDataChanges"/>).</summary>
public sealed class ReferenceDataCache
{
    private readonly DataSnapshotCache<ReferenceData> _cache;

    public ReferenceDataCache(IDbContextFactory<AnalyticsDbContext> databases, IDataChanges changes) =>
        _cache = new DataSnapshotCache<ReferenceData>(changes, async ct =>
        {
            await using var db = await databases.CreateDbContextAsync(ct);
            return await ReferenceData.LoadAsync(db, ct);
        });

    public ValueTask<ReferenceData> GetAsync(CancellationToken cancellationToken) => _cache.GetAsync(cancellationToken);

    /// <summary>The reference data as last read, without asking whether it is still current; null before the first read. For estimates only.</summary>
    public ReferenceData? Latest => _cache.Latest;
}

/// <summary>
/// The reference data a database context's queries resolve against, attached beside its public view
/// (<c>IResolveFieldContext.QueryAsync</c> attaches both).
/// </summary>
public static class ReferenceDataContexts
{
    public static AnalyticsDbContext WithReferenceData(this AnalyticsDbContext db, ReferenceData data) => ContextAttachment<ReferenceData>.Attach(db, data);

    public static ReferenceData ReferenceData(this AnalyticsDbContext db) => ContextAttachment<ReferenceData>.Get(db,
        "This database context has no reference data attached: read through IResolveFieldContext.QueryAsync.");
}
