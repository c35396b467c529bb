using System.Data;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>
/// Disclosure control for the public view: the one place every query path reads figures through.
/// <list type="bullet">
/// <item>Queries that filter, sort, page or count figures start from <see cref="DisclosureView.Observations"/>
/// instead of <c>db.Observations</c>: withheld cells arrive already masked, so conditions and orderings
/// on the value see the masked value (null) and cannot reveal it.</item>
/// <item>Code that has already loaded figures some other way passes them through <see cref="ApplyAsync"/>.</item>
/// </list>
/// Decisions are taken for whole tables (every area, sex and age band of an indicator, period and
/// dataset edition) from the database, whatever part of the table a query asked for; they are
/// recomputed when the set of loaded dataset editions changes.
/// </summary>
public interface IDisclosureControl
{
    DisclosureOptions Options { get; }

    /// <summary>The public view of the figures loaded now. Await once per resolver; the view itself is immutable.</summary>
    Task<DisclosureView> GetViewAsync(CancellationToken cancellationToken);

    /// <summary>Masks already loaded figures (any subset of the data; decisions consider the whole table).</summary>
    async Task<IReadOnlyList<Observation>> ApplyAsync(IReadOnlyList<Observation> cells, CancellationToken cancellationToken) =>
        (await GetViewAsync(cancellationToken)).Apply(cells);

    /// <summary>Why a figure has no value: "PRIMARY: ...", "SECONDARY: ...", "SOURCE: ..."; null when it is published.</summary>
    string? SuppressionReason(Observation cell);
}

/// <summary>The decisions for one set of loaded dataset editions.</summary>
public sealed class DisclosureView
{
    private readonly IReadOnlyDictionary<long, SuppressionDecision> decisions;
    private readonly long[] suppressedIds;
    private readonly int[] versionIds;

    public DisclosureView(int[] datasetVersionIds, IReadOnlyDictionary<long, SuppressionDecision> decisions, bool enabled)
    {
        versionIds = datasetVersionIds.Order().ToArray();
        this.decisions = enabled ? decisions : new Dictionary<long, SuppressionDecision>();
        suppressedIds = this.decisions.Keys.Order().ToArray();
    }

    /// <summary>The dataset editions this view has checked, in id order; figures of any other edition are not served.</summary>
    public IReadOnlyList<int> DatasetVersionIds => versionIds;

    public int SuppressedCount => suppressedIds.Length;

    public SuppressionDecision? Decision(long observationId) => decisions.GetValueOrDefault(observationId);

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
        if (suppressedIds.Length == 0)
            return db.Observations.AsNoTracking().Where(o => versions.Contains(o.DatasetVersionId));
        var suppressed = suppressedIds;
        var withheld = nameof(ObservationStatus.Suppressed);
        return db.Observations.FromSql($"""
            SELECT o.id, o.indicator_code, o.area_code, o.period_type, o.period_label, o.period_start, o.period_end, o.sex, o.age_band_code,
                   CASE WHEN s.id IS NULL THEN o.value END AS value,
                   CASE WHEN s.id IS NULL THEN o.status ELSE {withheld} END AS status,
                   CASE WHEN s.id IS NULL THEN o.numerator END AS numerator,
                   CASE WHEN s.id IS NULL THEN o.denominator END AS denominator,
                   o.marker, o.dataset_version_id
            FROM observations AS o
            LEFT JOIN unnest({suppressed}) AS s(id) ON s.id = o.id
            WHERE o.dataset_version_id = ANY({versions})
            """).AsNoTracking();
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
        var covered = Covered(editions);
        var stored = compose(db.Observations.AsNoTracking().Where(o => covered.Contains(o.DatasetVersionId)));
        return MaskedColumns.AreRead(stored.Expression) ? compose(Observations(db, editions)) : stored;
    }

    private int[] Covered(IReadOnlyCollection<int>? editions) => editions is null ? versionIds : versionIds.Where(editions.Contains).ToArray();

    /// <summary>Masks one loaded figure; a figure from an edition this view has not checked is withheld.</summary>
    public Observation Apply(Observation cell)
    {
        if (!decisions.ContainsKey(cell.Id) && Covers(cell.DatasetVersionId)) return cell;
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

    public bool Covers(int datasetVersionId) => versionIds.AsSpan().BinarySearch(datasetVersionId) >= 0;

    public string? SuppressionReason(Observation cell)
    {
        if (decisions.TryGetValue(cell.Id, out var decision)) return decision.Reason;
        if (!Covers(cell.DatasetVersionId)) return "PENDING: the edition was loaded while this request ran; ask again";
        if (cell.Status != ObservationStatus.Suppressed) return null;
        return "SOURCE: suppressed by the publisher" + (cell.Marker is { Length: > 0 } m ? $" (marked \"{m}\")" : "");
    }
}

/// <summary>
/// Computes the view when the data changes (Data.IDataChanges: a notification from the database, or
/// where notifications are not received, a changed fingerprint), reading every table that carries
/// counts in one statement, in one snapshot with the edition list.
/// </summary>
public sealed class DisclosureControl : IDisclosureControl
{
    private readonly IDbContextFactory<AnalyticsDbContext> databases;
    private readonly DisclosureOptions options;
    private readonly ILogger<DisclosureControl> logger;
    private readonly DataSnapshotCache<DisclosureView> views;

    public DisclosureControl(IDbContextFactory<AnalyticsDbContext> databases, IDataChanges changes, DisclosureOptions options, ILogger<DisclosureControl> logger)
    {
        this.databases = databases;
        this.options = options;
        this.logger = logger;
        views = new DataSnapshotCache<DisclosureView>(changes, ComputeAsync);
    }

    public DisclosureOptions Options => options;

    public async Task<DisclosureView> GetViewAsync(CancellationToken cancellationToken) => await views.GetAsync(cancellationToken);

    public string? SuppressionReason(Observation cell) =>
        views.Latest?.SuppressionReason(cell)
        ?? (cell.Status == ObservationStatus.Suppressed ? "SOURCE: suppressed by the publisher" : null);

    private async Task<DisclosureView> ComputeAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        // One snapshot: the edition list and the figures it covers are read at the same moment.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var versions = new List<int>();
        await using (var command = new NpgsqlCommand("SELECT id FROM dataset_versions ORDER BY id", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) versions.Add(reader.GetInt32(0));
        }

        var cells = new List<DisclosureCell>();
        if (options.Enabled)
        {
            // Only tables that carry counts (Count indicators, or any numerator or denominator) can
            // disclose a count; rate-only tables (such as the statistics.gov.scot reconviction cube) are left as published.
            const string sql = """
                WITH tables AS (
                    SELECT o.dataset_version_id, o.indicator_code, o.period_start, o.period_end
                    FROM observations AS o JOIN indicators AS i ON i.code = o.indicator_code
                    GROUP BY o.dataset_version_id, o.indicator_code, o.period_start, o.period_end, i.measure_type
                    HAVING i.measure_type = 'Count' OR bool_or(o.numerator IS NOT NULL OR o.denominator IS NOT NULL)
                )
                SELECT o.id, o.dataset_version_id, o.indicator_code, i.measure_type, o.period_start, o.period_end, o.area_code, a.parent_code,
                       o.sex, o.age_band_code, o.status, o.value, o.numerator, o.denominator
                FROM observations AS o
                JOIN tables AS t ON t.dataset_version_id = o.dataset_version_id AND t.indicator_code = o.indicator_code
                                AND t.period_start = o.period_start AND t.period_end = o.period_end
                JOIN indicators AS i ON i.code = o.indicator_code
                JOIN areas AS a ON a.code = o.area_code
                """;
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new DisclosureCell(
                    reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), Enum.Parse<MeasureType>(reader.GetString(3)),
                    reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), Enum.Parse<Sex>(reader.GetString(8)), reader.GetString(9),
                    Enum.Parse<ObservationStatus>(reader.GetString(10)),
                    reader.IsDBNull(11) ? null : reader.GetDecimal(11), reader.IsDBNull(12) ? null : reader.GetDecimal(12),
                    reader.IsDBNull(13) ? null : reader.GetDecimal(13)));
            }
        }
        await transaction.CommitAsync(cancellationToken);

        var decisions = SuppressionEngine.Decide(cells, options.Threshold);
        logger.LogInformation("Disclosure control: {Editions} dataset editions, {Cells} cells in tables with counts, {Primary} withheld by primary and {Secondary} by secondary suppression (threshold {Threshold})",
            versions.Count, cells.Count, decisions.Values.Count(d => d.Kind == SuppressionKind.Primary),
            decisions.Values.Count(d => d.Kind == SuppressionKind.Secondary), options.Threshold);
        return new DisclosureView(versions.ToArray(), decisions, options.Enabled);
    }
}

/// <summary>Whether a query reads a column that disclosure control masks.</summary>
public static class MaskedColumns
{
    private static readonly HashSet<string> Names =
        [nameof(Observation.Value), nameof(Observation.Status), nameof(Observation.Numerator), nameof(Observation.Denominator)];

    public static bool AreRead(System.Linq.Expressions.Expression query)
    {
        var finder = new Finder();
        finder.Visit(query);
        return finder.Found;
    }

    private sealed class Finder : System.Linq.Expressions.ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override System.Linq.Expressions.Expression VisitMember(System.Linq.Expressions.MemberExpression node)
        {
            if (node.Member.DeclaringType == typeof(Observation) && Names.Contains(node.Member.Name)) Found = true;
            return base.VisitMember(node);
        }
    }
}

public static class DisclosureRegistration
{
    /// <summary>Registers the public view's disclosure control, configured by the "DisclosureControl" section.</summary>
    public static IServiceCollection AddDisclosureControl(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DisclosureOptions();
        configuration.GetSection(DisclosureOptions.Section).Bind(options);
        if (options.Threshold < 1) throw new InvalidOperationException($"{DisclosureOptions.Section}:Threshold must be at least 1, not {options.Threshold}.");
        services.AddSingleton(options);
        services.AddSingleton<IDisclosureControl, DisclosureControl>();
        return services;
    }
}

public static class DisclosureResolverExtensions
{
    /// <summary>The public view's disclosure control, for resolvers: <c>var view = await c.Disclosure().GetViewAsync(ct)</c>.</summary>
    public static IDisclosureControl Disclosure(this global::GraphQL.IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<IDisclosureControl>();
}

/// <summary>
/// The public view a database context reads through. Resolvers get contexts with their view attached
/// (<c>IResolveFieldContext.QueryAsync</c> attaches it), so shared query code can read
/// <c>db.PublicObservations()</c> instead of <c>db.Observations</c> without awaiting anything.
/// A context without a view refuses to serve figures.
/// </summary>
public static class DisclosureContexts
{
    public static AnalyticsDbContext WithPublicView(this AnalyticsDbContext db, DisclosureView view) => ContextAttachment<DisclosureView>.Attach(db, view);

    public static DisclosureView PublicView(this AnalyticsDbContext db) => ContextAttachment<DisclosureView>.Get(db,
        "This database context has no public view attached: read figures through IResolveFieldContext.QueryAsync or IDisclosureControl.");

    /// <summary>The public figures (masked by disclosure control): use instead of <c>db.Observations</c>.</summary>
    public static IQueryable<Observation> PublicObservations(this AnalyticsDbContext db) => db.PublicView().Observations(db);
}
