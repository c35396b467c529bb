using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>The decisions for one set of loaded dataset editions.</summary>
public sealed class DisclosureView
{
    private readonly IReadOnlyDictionary<long, SuppressionDecision> _decisions;
    private readonly long[] _suppressedIds;
    private readonly int[] _versionIds;
    private readonly DisclosureRules? _rules;
    private readonly Func<CancellationToken, Task<IReadOnlyList<DisclosureCell>>>? _protectedCells;
    private readonly Lock _cellsLock = new();
    private Task<IReadOnlyList<DisclosureCell>>? _cells;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<DisclosureView>>> _unmasked = new();

    /// <param name="rules">The rule the decisions were taken with, for <see cref="UnmaskedForAsync"/>.</param>
    /// <param name="protectedCells">Reads the cells the rule was applied to, for <see cref="UnmaskedForAsync"/> (once); none: nothing can be unmasked.</param>
    public DisclosureView(int[] datasetVersionIds, IReadOnlyDictionary<long, SuppressionDecision> decisions, bool enabled,
        DisclosureRules? rules = null, Func<CancellationToken, Task<IReadOnlyList<DisclosureCell>>>? protectedCells = null)
    {
        _versionIds = datasetVersionIds.Order().ToArray();
        _decisions = enabled ? decisions : new Dictionary<long, SuppressionDecision>();
        _suppressedIds = _decisions.Keys.Order().ToArray();
        _rules = rules;
        _protectedCells = protectedCells;
    }

    /// <summary>Why these decisions cannot be served under the API's rule (set by <see cref="DisclosureControl"/>); null when they can.</summary>
    public string? OutOfDate { get; init; }

    /// <summary>
    /// The editions that have a partition of observations (those with figures); null: read observations itself, filtered
    /// on the edition (a view made without reading the partitions, e.g. in tests).
    /// </summary>
    public IReadOnlySet<int>? EditionsWithPartition { get; init; }

    /// <summary>
    /// This view without the withholding of cells in <paramref name="areaCodes"/>: a partner's
    /// restricted view (its own areas unsuppressed, every other area as the public sees it), except
    /// a cell whose value would narrow another area's withheld cell below its protection interval
    /// (<see cref="SuppressionEngine.Revealable(IEnumerable{DisclosureCell}, IReadOnlyDictionary{long, SuppressionDecision}, IReadOnlySet{string}, DisclosureRules)"/>).
    /// Computed once per set of areas and view (the first partner request after a change of the data reads the protected
    /// cells). Never use it for a caller not entitled to those areas.
    /// </summary>
    public async Task<DisclosureView> UnmaskedForAsync(IReadOnlyCollection<string> areaCodes, CancellationToken cancellationToken)
    {
        if (areaCodes.Count == 0 || _rules is null || _protectedCells is null) return this;
        var rules = _rules;
        var key = string.Join(',', areaCodes.Order(StringComparer.Ordinal));
        var unmasked = _unmasked.GetOrAdd(key, _ => new Lazy<Task<DisclosureView>>(async () =>
        {
            var cells = await ProtectedCellsAsync();
            var revealable = SuppressionEngine.Revealable(cells, _decisions, areaCodes.ToHashSet(StringComparer.Ordinal), rules);
            var kept = _decisions.Where(d => !revealable.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value);
            return new DisclosureView(_versionIds, kept, enabled: true, rules) { EditionsWithPartition = EditionsWithPartition };
        }));
        try
        {
            return await unmasked.Value.WaitAsync(cancellationToken);
        }
        catch when (unmasked.Value.IsFaulted)
        {
            // A failed read (the database away for a moment) is tried again by the next partner request, not kept.
            _unmasked.TryRemove(new KeyValuePair<string, Lazy<Task<DisclosureView>>>(key, unmasked));
            throw;
        }
    }

    /// <summary>The protected cells, read once per view; read again after a failed read.</summary>
    private Task<IReadOnlyList<DisclosureCell>> ProtectedCellsAsync()
    {
        lock (_cellsLock)
        {
            if (_cells is null || _cells.IsFaulted || _cells.IsCanceled) _cells = _protectedCells!(CancellationToken.None);
            return _cells;
        }
    }

    /// <summary>
    /// The public figures, to use instead of <c>db.Observations</c>: cells withheld by this view have
    /// status Suppressed and no value, numerator or denominator, in SQL, before any condition,
    /// ordering, paging or count composed on top. Compose with LINQ as with <c>db.Observations</c>.
    /// </summary>
    public IQueryable<Observation> Observations(AnalyticsDbContext db) => Observations(db, null);

    /// <summary>
    /// The public figures of some editions only (e.g. the latest of each dataset, from the reference
    /// data): the same as <see cref="Observations(AnalyticsDbContext)"/> filtered on the edition, in one condition.
    /// </summary>
    public IQueryable<Observation> Observations(AnalyticsDbContext db, IReadOnlyCollection<int>? editions)
    {
        var versions = Covered(editions);
        if (_suppressedIds.Length == 0) return Stored(db, versions);
        var (source, filter) = StoredSql(versions);
        var sql = $$"""
            SELECT o.id, o.indicator_code, o.area_code, o.period_type, o.period_label, o.period_start, o.period_end, o.sex, o.age_band_code,
                   CASE WHEN s.id IS NULL THEN o.value END AS value,
                   CASE WHEN s.id IS NULL THEN o.status ELSE {0} END AS status,
                   CASE WHEN s.id IS NULL THEN o.numerator END AS numerator,
                   CASE WHEN s.id IS NULL THEN o.denominator END AS denominator,
                   o.marker, o.dataset_version_id
            FROM ({{source}}) AS o
            LEFT JOIN unnest({1}) AS s(id) ON s.id = o.id
            """;
        var masked = db.Observations.FromSqlRaw(sql, nameof(ObservationStatus.Suppressed), _suppressedIds).AsNoTracking();
        return filter ? masked.Where(o => EF.MultipleParameters(versions).Contains(o.DatasetVersionId)) : masked;
    }

    /// <summary>
    /// The public figures for a query that <paramref name="compose"/> builds (conditions, ordering, paging).
    /// When the query reads none of the columns this view masks (value, status, numerator, denominator),
    /// the rows are read as stored, which spares PostgreSQL the join to the withheld ids: masking does
    /// not change which rows match or their order then, but <b>every row read must go through
    /// <see cref="Apply(Observation)"/> before it is used</b>. Otherwise the rows come masked from SQL
    /// (<see cref="Observations(AnalyticsDbContext, IReadOnlyCollection{int})"/>), and Apply changes nothing.
    /// </summary>
    public IQueryable<T> Observations<T>(AnalyticsDbContext db, IReadOnlyCollection<int>? editions, Func<IQueryable<Observation>, IQueryable<T>> compose)
    {
        var stored = compose(Stored(db, Covered(editions)));
        return MaskedColumns.AreRead(stored.Expression) ? compose(Observations(db, editions)) : stored;
    }

    /// <summary>The stored figures of these editions, unmasked.</summary>
    private IQueryable<Observation> Stored(AnalyticsDbContext db, int[] editions)
    {
        var (source, filter) = StoredSql(editions);
        var rows = db.Observations.FromSqlRaw(source).AsNoTracking();
        return filter ? rows.Where(o => EF.MultipleParameters(editions).Contains(o.DatasetVersionId)) : rows;
    }

    /// <summary>
    /// The SQL that reads these editions' figures: their partitions by name, joined by UNION ALL, so PostgreSQL plans and
    /// locks only those tables and can keep one generic plan per statement (through the partitioned observations, even
    /// with the editions given as a list it planned every statement afresh, 0.37 ms each: it costs a generic plan over
    /// every partition; docs/benchmarks.md, "Partition pruning"). Without the partition list, observations filtered on
    /// the edition (Filter).
    /// </summary>
    private (string Sql, bool Filter) StoredSql(int[] editions)
    {
        if (EditionsWithPartition is null) return ($"SELECT {ObservationRows.Columns} FROM observations", true);
        // Written once per set of editions and view (requests read the same few sets again and again); at most
        // MaxStoredSql sets are kept, so that filters naming ever new sets of indicators cannot grow it without bound.
        var key = string.Join(',', editions);
        if (_storedSql.TryGetValue(key, out var sql)) return sql;
        sql = PartitionsSql(editions);
        if (_storedSql.Count < MaxStoredSql) _storedSql.TryAdd(key, sql);
        return sql;
    }

    private const int MaxStoredSql = 256;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Sql, bool Filter)> _storedSql = new();

    private (string Sql, bool Filter) PartitionsSql(int[] editions)
    {
        var partitioned = EditionsWithPartition!;
        var tables = editions.Where(partitioned.Contains).Select(AnalyticsDatabase.EditionPartition).ToList();
        return tables.Count == 0
            ? ($"SELECT {ObservationRows.Columns} FROM observations WHERE false", false)
            : (string.Join(" UNION ALL ", tables.Select(table => $"SELECT {ObservationRows.Columns} FROM {table}")), false);
    }

    /// <summary>
    /// For a statement written by hand (without EF Core): the SQL that reads these editions' stored figures, unmasked
    /// (the same partitions by name as <see cref="Observations{T}"/> reads), with the columns of <see cref="ObservationRows.Columns"/>.
    /// When <see cref="StoredRows.FilterOnEdition"/>, the SQL reads the whole observations table and the statement must keep
    /// to <see cref="StoredRows.Editions"/> itself. <b>Every row read must go through <see cref="Apply(Observation)"/>.</b>
    /// </summary>
    public StoredRows StoredSource(IReadOnlyCollection<int>? editions)
    {
        var versions = Covered(editions);
        var (sql, filter) = StoredSql(versions);
        return new StoredRows(sql, versions, filter);
    }

    private int[] Covered(IReadOnlyCollection<int>? editions) => editions is null ? _versionIds : _versionIds.Where(editions.Contains).ToArray();

    /// <summary>Masks one loaded figure; a figure from an edition this view has not checked is withheld.</summary>
    public Observation Apply(Observation cell)
    {
        if (!_decisions.ContainsKey(cell.Id) && Covers(cell.DatasetVersionId)) return cell;
        return new Observation
        {
            Id = cell.Id, IndicatorCode = cell.IndicatorCode, Indicator = cell.Indicator, AreaCode = cell.AreaCode, Area = cell.Area,
            PeriodType = cell.PeriodType, PeriodLabel = cell.PeriodLabel, PeriodStart = cell.PeriodStart, PeriodEnd = cell.PeriodEnd,
            Sex = cell.Sex, AgeBandCode = cell.AgeBandCode, AgeBand = cell.AgeBand, Marker = cell.Marker,
            DatasetVersionId = cell.DatasetVersionId, DatasetVersion = cell.DatasetVersion,
            Status = ObservationStatus.Suppressed, Value = null, Numerator = null, Denominator = null,
        };
    }

    public IReadOnlyList<Observation> Apply(IReadOnlyList<Observation> cells) => cells.Select(Apply).ToList();

    public bool Covers(int datasetVersionId) => _versionIds.AsSpan().BinarySearch(datasetVersionId) >= 0;

    public string? SuppressionReason(Observation cell)
    {
        if (_decisions.TryGetValue(cell.Id, out var decision)) return decision.Reason;
        if (!Covers(cell.DatasetVersionId)) return "PENDING: the edition was loaded while this request ran; ask again";
        if (cell.Status != ObservationStatus.Suppressed) return null;
        return "SOURCE: suppressed by the publisher" + (cell.Marker is { Length: > 0 } m ? $" (marked \"{m}\")" : "");
    }
}

/// <summary>The SQL reading some editions' stored figures (<see cref="DisclosureView.StoredSource"/>).</summary>
public sealed record StoredRows(string Sql, int[] Editions, bool FilterOnEdition);
