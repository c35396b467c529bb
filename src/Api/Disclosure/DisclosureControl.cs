using System.Data;
using CommunityJustice.Analytics.Api.Data;
using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.Disclosure;
using CommunityJustice.Analytics.Model.Observations;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Disclosure;

/// <summary>
/// The public view as the stored decisions make it. Decisions are taken by the ingest when an
/// edition is loaded, in the load's transaction (Model/Disclosure/DisclosureDecisions); this reads the
/// edition list, the withheld figures and the rule they were decided with, in one snapshot, when the
/// data changes (Data.IDataChanges). No request decides anything: reading the decisions costs one
/// small table, however many editions are loaded.
/// </summary>
public sealed class DisclosureControl : IDisclosureControl
{
    private readonly IDbContextFactory<AnalyticsDbContext> _databases;
    private readonly DisclosureOptions _options;
    private readonly ILogger<DisclosureControl> _logger;
    private readonly DataSnapshotCache<DisclosureView> _views;
    private readonly DisclosureRules _rules;

    public DisclosureControl(IDbContextFactory<AnalyticsDbContext> databases, IDataChanges changes, DisclosureOptions options, ILogger<DisclosureControl> logger)
    {
        _databases = databases;
        _options = options;
        _logger = logger;
        _rules = DisclosureRules.Create(options.Threshold, options.ProtectionLevel);
        _views = new DataSnapshotCache<DisclosureView>(changes, ComputeAsync);
    }

    public DisclosureOptions Options => _options;

    /// <summary>The rule this API serves figures under; the stored decisions must have been taken with it.</summary>
    public DisclosureRules Rules => _rules;

    public async Task<DisclosureView> GetViewAsync(CancellationToken cancellationToken)
    {
        var view = await _views.GetAsync(cancellationToken);
        return view.OutOfDate is { } why ? throw new DisclosureDecisionsOutOfDateException(why) : view;
    }

    public string? SuppressionReason(Observation cell) =>
        _views.Latest?.SuppressionReason(cell)
        ?? (cell.Status == ObservationStatus.Suppressed ? "SOURCE: suppressed by the publisher" : null);

    private async Task<DisclosureView> ComputeAsync(CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        // One snapshot: the edition list, the decisions and their rule are read at the same moment.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var versions = new List<int>();
        var partitioned = new List<int>();
        // Each edition with figures has its own partition of observations (AnalyticsDatabase.EditionPartition), which the view reads by name.
        await using (var command = new NpgsqlCommand("""
            SELECT v.id, EXISTS (SELECT 1 FROM pg_inherits AS i JOIN pg_class AS c ON c.oid = i.inhrelid
                                 WHERE i.inhparent = 'observations'::regclass AND c.relname = 'observations_edition_' || v.id)
            FROM dataset_versions AS v ORDER BY v.id
            """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(reader.GetInt32(0));
                if (reader.GetBoolean(1)) partitioned.Add(reader.GetInt32(0));
            }
        }
        var stored = await DisclosureDecisions.ReadRuleAsync(connection, transaction, cancellationToken);
        var decisions = new Dictionary<long, SuppressionDecision>();
        if (_options.Enabled)
        {
            await using var command = new NpgsqlCommand("SELECT observation_id, kind, reason FROM withheld_figures", connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                decisions[reader.GetInt64(0)] = new SuppressionDecision(Enum.Parse<SuppressionKind>(reader.GetString(1)), reader.GetString(2));
        }
        await transaction.CommitAsync(cancellationToken);

        var outOfDate = !_options.Enabled ? null : OutOfDate(stored, versions.Count);
        if (outOfDate is not null) _logger.LogError("Disclosure decisions cannot be served: {Reason}", outOfDate);
        else
            _logger.LogInformation("Disclosure control: {Editions} dataset editions, {Primary} figures withheld by primary and {Secondary} by secondary suppression (threshold {Threshold}, protection level {Level})",
                versions.Count, decisions.Values.Count(d => d.Kind == SuppressionKind.Primary), decisions.Values.Count(d => d.Kind == SuppressionKind.Secondary),
                _rules.Threshold, _rules.ProtectionLevel);
        var editions = versions.ToArray();
        return new DisclosureView(editions, decisions, _options.Enabled, _rules, ct => ReadProtectedCellsAsync(editions, ct))
        {
            OutOfDate = outOfDate, EditionsWithPartition = partitioned.ToHashSet(),
        };
    }

    /// <summary>Why the stored decisions cannot be served under this API's rule; null when they can.</summary>
    private string? OutOfDate(DisclosureRuleRecord? stored, int editions)
    {
        const string Fix = "Run `ingest disclosure decide` with the same DisclosureControl settings as the API (`ingest run` does it too).";
        if (stored is null)
            return editions == 0 ? null : $"figures are loaded but no disclosure decisions are stored (a database loaded before decisions were taken at load time). {Fix}";
        if (DisclosureDecisions.Matches(stored, _rules)) return null;
        return $"the stored decisions were taken with threshold {stored.Threshold}, protection level {stored.ProtectionLevel} and catalogue {stored.CatalogueSha256[..12]}, " +
               $"but this API serves threshold {_rules.Threshold}, protection level {_rules.ProtectionLevel} and catalogue {_rules.Catalogue.Sha256[..12]}. {Fix}";
    }

    /// <summary>The cells the rule applies to, of the view's editions: only partners' restricted views need them (read once per change of the data).</summary>
    private async Task<IReadOnlyList<DisclosureCell>> ReadProtectedCellsAsync(int[] editions, CancellationToken cancellationToken)
    {
        await using var db = await _databases.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var cells = await DisclosureDecisions.ReadCellsAsync(connection, null, _rules.Catalogue, CellScope.All, cancellationToken);
        var covered = editions.ToHashSet();
        return cells.Where(c => covered.Contains(c.DatasetVersionId)).ToList();
    }
}

/// <summary>The stored disclosure decisions were not taken with the rule this API serves: no figure is served until they are.</summary>
public sealed class DisclosureDecisionsOutOfDateException(string reason) : Exception(reason);
