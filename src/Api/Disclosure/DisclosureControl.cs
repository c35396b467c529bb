using System.Data;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Indicators;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>
/// Computes the view when the data changes (Data.IDataChanges: a notification from the database, or
/// where notifications are not received, a changed fingerprint), reading every table that carries
/// counts in one statement, in one snapshot with the edition list.
/// </summary>
public sealed class DisclosureControl : IDisclosureControl
{
    /// <summary>The indicator of NRS population estimates, which the rule leaves as published.</summary>
    public const string PopulationIndicator = "population";

    private readonly IDbContextFactory<AnalyticsDbContext> _databases;
    private readonly DisclosureOptions _options;
    private readonly ILogger<DisclosureControl> _logger;
    private readonly DataSnapshotCache<DisclosureView> _views;
    private readonly DisclosureRules _rules;
    private readonly Lock _decidedLock = new();
    private (string Key, Task<IReadOnlyDictionary<long, SuppressionDecision>> Decisions)? _decided;

    public DisclosureControl(IDbContextFactory<AnalyticsDbContext> databases, IDataChanges changes, DisclosureOptions options, ILogger<DisclosureControl> logger)
    {
        _databases = databases;
        _options = options;
        _logger = logger;
        _rules = new DisclosureRules(options.Threshold, options.ProtectionLevel ?? options.Threshold, DisclosureCatalogue.Bundled);
        _views = new DataSnapshotCache<DisclosureView>(changes, ComputeAsync);
    }

    public DisclosureOptions Options => _options;

    public async Task<DisclosureView> GetViewAsync(CancellationToken cancellationToken) => await _views.GetAsync(cancellationToken);

    public string? SuppressionReason(Observation cell) =>
        _views.Latest?.SuppressionReason(cell)
        ?? (cell.Status == ObservationStatus.Suppressed ? "SOURCE: suppressed by the publisher" : null);

    private async Task<DisclosureView> ComputeAsync(CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
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
        if (_options.Enabled)
        {
            // Only tables that carry counts of people (a count, a numerator or denominator, or a rate whose
            // numerator or denominator another table publishes) can disclose them; signed flows, population
            // stocks and other quantities are served as published, so they are not read at all.
            var catalogue = _rules.Catalogue;
            var unprotected = catalogue.Classes.Where(c => !DisclosureCatalogue.IsProtected(c.Class)).Select(c => c.Indicator).ToArray();
            var linkedRates = catalogue.Classes.Where(c => c.Numerator is not null || c.Denominator is not null).Select(c => c.Indicator).ToArray();
            const string sql = """
                WITH tables AS (
                    SELECT o.dataset_version_id, o.indicator_code, o.period_start, o.period_end
                    FROM observations AS o JOIN indicators AS i ON i.code = o.indicator_code
                    WHERE NOT (o.indicator_code = ANY(@unprotected))
                    GROUP BY o.dataset_version_id, o.indicator_code, o.period_start, o.period_end, i.measure_type
                    HAVING i.measure_type = 'Count' OR o.indicator_code = ANY(@linked) OR bool_or(o.numerator IS NOT NULL OR o.denominator IS NOT NULL)
                )
                SELECT o.id, o.dataset_version_id, o.indicator_code, i.measure_type, o.period_start, o.period_end, o.area_code, a.parent_code,
                       o.sex, o.age_band_code, o.status, o.value, o.numerator, o.denominator, o.period_label
                FROM observations AS o
                JOIN tables AS t ON t.dataset_version_id = o.dataset_version_id AND t.indicator_code = o.indicator_code
                                AND t.period_start = o.period_start AND t.period_end = o.period_end
                JOIN indicators AS i ON i.code = o.indicator_code
                JOIN areas AS a ON a.code = o.area_code
                """;
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("unprotected", unprotected);
            command.Parameters.AddWithValue("linked", linkedRates);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                cells.Add(new DisclosureCell(
                    reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), Enum.Parse<MeasureType>(reader.GetString(3)),
                    reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), Enum.Parse<Sex>(reader.GetString(8)), reader.GetString(9),
                    Enum.Parse<ObservationStatus>(reader.GetString(10)),
                    reader.IsDBNull(11) ? null : reader.GetDecimal(11), reader.IsDBNull(12) ? null : reader.GetDecimal(12),
                    reader.IsDBNull(13) ? null : reader.GetDecimal(13), reader.GetString(14)));
            }
        }
        await transaction.CommitAsync(cancellationToken);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        // The decisions depend only on the figures of the editions loaded, which a load never changes in place:
        // computed once per set of editions, on its own, so that a request that gives up waiting (its deadline)
        // does not throw the work away and the next request picks the same computation up.
        var key = $"{string.Join(',', versions)}/{cells.Count}";
        Task<IReadOnlyDictionary<long, SuppressionDecision>> pending;
        lock (_decidedLock)
        {
            if (_decided is not { } decided || decided.Key != key)
            {
                var input = cells;
                _decided = (key, Task.Run(() => SuppressionEngine.Decide(input, _rules), CancellationToken.None));
            }
            pending = _decided.Value.Decisions;
        }
        var decisions = await pending.WaitAsync(cancellationToken);
        _logger.LogInformation("Disclosure control: {Editions} dataset editions, {Cells} cells in tables with counts, {Primary} withheld by primary and {Secondary} by secondary suppression (threshold {Threshold}) in {Seconds:0.00} s",
            versions.Count, cells.Count, decisions.Values.Count(d => d.Kind == SuppressionKind.Primary),
            decisions.Values.Count(d => d.Kind == SuppressionKind.Secondary), _rules.Threshold, watch.Elapsed.TotalSeconds);
        // Kept for partners' restricted views (Access), which must check what revealing a cell would give away.
        return new DisclosureView(versions.ToArray(), decisions, _options.Enabled, cells, _rules);
    }
}
