using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Areas;
using CommunityJustice.Analytics.Model.Datasets;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
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
    private readonly Dictionary<string, List<Area>> _children = new(StringComparer.Ordinal);
    private readonly ReadOnFirstNeed<AreaHierarchy> _hierarchy;
    private readonly ReadOnFirstNeed<IReadOnlyDictionary<string, int>> _simdDeciles;

    /// <summary>The indicator whose latest figures give each data zone's SIMD decile (dataset simd-2020v2).</summary>
    public const string SimdDecileIndicator = "simd-decile";

    /// <summary>Reference data held in memory only, with no area hierarchy and no SIMD deciles (for tests of edition choice and the like).</summary>
    public ReferenceData(IEnumerable<Indicator> indicators, IEnumerable<Area> areas, IEnumerable<AreaCodeSuccession> successions,
        IEnumerable<AreaAlias> aliases, IEnumerable<AgeBand> ageBands, IEnumerable<Dataset> datasets, IEnumerable<DatasetVersion> versions,
        IReadOnlyDictionary<string, IndicatorExtent>? extents = null)
        : this(indicators, areas, successions, aliases, ageBands, datasets, versions, extents,
            (reference, _) => Task.FromResult(new AreaHierarchy(reference, [])),
            (_, _) => Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>()))
    {
    }

    /// <param name="readHierarchy">Reads the area hierarchy when first needed.</param>
    /// <param name="readSimdDeciles">Reads the SIMD deciles when first needed.</param>
    private ReferenceData(IEnumerable<Indicator> indicators, IEnumerable<Area> areas, IEnumerable<AreaCodeSuccession> successions,
        IEnumerable<AreaAlias> aliases, IEnumerable<AgeBand> ageBands, IEnumerable<Dataset> datasets, IEnumerable<DatasetVersion> versions,
        IReadOnlyDictionary<string, IndicatorExtent>? extents, Func<ReferenceData, CancellationToken, Task<AreaHierarchy>> readHierarchy,
        Func<ReferenceData, CancellationToken, Task<IReadOnlyDictionary<string, int>>> readSimdDeciles)
    {
        _hierarchy = new ReadOnFirstNeed<AreaHierarchy>(ct => readHierarchy(this, ct));
        _simdDeciles = new ReadOnFirstNeed<IReadOnlyDictionary<string, int>>(ct => readSimdDeciles(this, ct));
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
        foreach (var area in _areas.Values.Where(a => a.ParentCode is not null)) AddArea(_children, area.ParentCode!, area);
        AgeBandCodes = _ageBands.Values.OrderBy(b => b.SortOrder).Select(b => b.Code).ToList();
    }

    /// <summary>
    /// Every area each area lies in: read on first need, not with the rest (81,000 pairs with the bundled lookup, about
    /// half a second of the first answer otherwise), once for this reference data however many ask, from the editions it
    /// holds as latest. A read that failed (the database away) is tried again by the next caller.
    /// </summary>
    public Task<AreaHierarchy> HierarchyAsync(CancellationToken cancellationToken) => _hierarchy.GetAsync(cancellationToken);

    /// <summary>Whether the area hierarchy has been read (by a request that needed it, or by the start-up warm-up a moment after the rest).</summary>
    public bool HasReadHierarchy => _hierarchy.HasRead;

    /// <summary>
    /// Every data zone with its SIMD decile (1 = most deprived 10%), from the newest of the latest editions that publish
    /// <see cref="SimdDecileIndicator"/>; empty when none is loaded. Read on first need, as the hierarchy is.
    /// </summary>
    public Task<IReadOnlyDictionary<string, int>> SimdDecilesAsync(CancellationToken cancellationToken) => _simdDeciles.GetAsync(cancellationToken);

    /// <summary>A value read from the database the first time someone asks, once however many ask; tried again after a failure.</summary>
    private sealed class ReadOnFirstNeed<T>(Func<CancellationToken, Task<T>> read)
    {
        private readonly Lock _lock = new();
        private Task<T>? _reading;

        public bool HasRead => _reading is { IsCompletedSuccessfully: true };

        public Task<T> GetAsync(CancellationToken cancellationToken)
        {
            Task<T> reading;
            lock (_lock)
            {
                if (_reading is null || _reading.IsFaulted || _reading.IsCanceled)
                    _reading = read(CancellationToken.None); // shared by every caller, so no one caller's token
                reading = _reading;
            }
            return reading.WaitAsync(cancellationToken);
        }
    }

    private static void AddArea(Dictionary<string, List<Area>> map, string key, Area value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }

    /// <summary>The areas whose parent (nearest containing area) is the area, by code.</summary>
    public IEnumerable<Area> ChildrenOf(string code) => (_children.GetValueOrDefault(code) ?? []).OrderBy(a => a.Code, StringComparer.Ordinal);

    public Area AreaWithCode(string currentCode) => _areas[currentCode];

    /// <summary>Whether an area with this current code is known.</summary>
    public bool HasArea(string currentCode) => _areas.ContainsKey(currentCode);

    /// <summary>Every area with a parent (the seeded councils' Scotland, a data zone's intermediate zone ...), as (area, parent) codes.</summary>
    public IEnumerable<(string Code, string Parent)> ParentLinks => _areas.Values.Where(a => a.ParentCode is not null).Select(a => (a.Code, a.ParentCode!));

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

    /// <summary>Reads the reference data; the hierarchy and SIMD deciles are read later, on a context of their own, when first asked for.</summary>
    public static async Task<ReferenceData> LoadAsync(IDbContextFactory<AnalyticsDbContext> databases, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
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
            (reference, ct) => ReadHierarchyAsync(databases, reference, ct),
            (reference, ct) => ReadSimdDecilesAsync(databases, reference, ct));
        await transaction.CommitAsync(cancellationToken);
        return data;
    }

    /// <summary>
    /// The pairs of the geography lookups' editions that <paramref name="reference"/> holds as latest: a lookup edition
    /// loaded since is not mixed in (its change notification replaces the reference data, hierarchy and all).
    /// </summary>
    private static async Task<AreaHierarchy> ReadHierarchyAsync(IDbContextFactory<AnalyticsDbContext> databases, ReferenceData reference, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var pairs = new List<(string, string)>();
        await using var command = new NpgsqlCommand("SELECT area_code, ancestor_code FROM area_hierarchy WHERE dataset_version_id = ANY(@latest)",
            (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("latest", reference._latestVersionIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) pairs.Add((reader.GetString(0), reader.GetString(1)));
        return new AreaHierarchy(reference, pairs);
    }

    /// <summary>Each data zone's SIMD decile in the newest of the editions <paramref name="reference"/> holds as latest that publishes one.</summary>
    private static async Task<IReadOnlyDictionary<string, int>> ReadSimdDecilesAsync(IDbContextFactory<AnalyticsDbContext> databases, ReferenceData reference, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var newestFirst = reference._latestVersionIds.Select(id => reference._versions[id])
            .OrderByDescending(v => v.EditionDate).ThenByDescending(v => v.Id).Select(v => v.Id).ToArray();
        var deciles = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"""
            SELECT DISTINCT ON (o.area_code) o.area_code, o.value::int
            FROM observations o JOIN unnest(@newestFirst) WITH ORDINALITY AS v(id, rank) ON v.id = o.dataset_version_id
            WHERE o.indicator_code = '{SimdDecileIndicator}' AND o.value IS NOT NULL
            ORDER BY o.area_code, v.rank
            """, (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.AddWithValue("newestFirst", newestFirst);
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
        _cache = new DataSnapshotCache<ReferenceData>(changes, ct => ReferenceData.LoadAsync(databases, ct));

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
