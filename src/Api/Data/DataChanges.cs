using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Data;

/// <summary>
/// Tells when the committed data (dataset editions and reference data) may have changed, so that
/// what the API keeps in memory (reference data, disclosure decisions, cached responses) is
/// recomputed then and only then.
/// </summary>
public interface IDataChanges
{
    /// <summary>
    /// A number that goes up whenever committed data may have changed: something computed from the
    /// database while it had a value stays current until it moves. While change notifications are
    /// being received this costs nothing; otherwise it asks the database first (one small statement).
    /// </summary>
    ValueTask<long> GenerationAsync(CancellationToken cancellationToken);

    /// <summary>The generation as last known, without asking the database.</summary>
    long Generation { get; }
}

/// <summary>The "DataChanges" configuration section.</summary>
public sealed class DataChangeOptions
{
    public const string Section = "DataChanges";

    /// <summary>
    /// How often the listening connection also compares the data's fingerprint, to catch a change
    /// whose notification was lost (it also proves the connection is alive).
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reading from a streaming replica (a standby cannot LISTEN): how often the fingerprint is compared,
    /// so that a load is seen this long at most after the replica has replayed it.
    /// </summary>
    public TimeSpan StandbyCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait before listening again after the connection failed.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Keeps one connection listening on <see cref="AnalyticsDatabase.DataChangedChannel"/> (triggers on
/// dataset_versions, observations and the reference tables notify it when a transaction commits; migrations
/// DataChangeNotifications and ObservationEditNoticesAndIndicatorExtents; each edition's partition of observations has
/// the same statement triggers, ObservationsPartitionedByEdition). Each notification moves the generation
/// on. While the connection is not listening (starting, database restarted, a pooler that does not pass LISTEN
/// through), every <see cref="GenerationAsync"/> compares the data's fingerprint instead, so answers are never
/// staler than one statement. The fingerprint (the largest edition id and the number of editions, the number of
/// transactions that wrote observations, the size and last change of each reference table, the last disclosure
/// decision run) is also the data
/// version response caching is keyed by.
/// </summary>
public sealed class DataChangeMonitor(IDbContextFactory<AnalyticsDbContext> databases, DataChangeOptions options, DatabaseAvailability availability,
    ILogger<DataChangeMonitor> logger)
    : BackgroundService, IDataChanges, IDataVersion
{
    private const string FingerprintSql = """
        SELECT concat_ws('.',
            (SELECT coalesce(max(id), 0) || '.' || count(*) FROM dataset_versions),
            (SELECT count(*) FROM observation_writes),
            (SELECT coalesce(max(id), 0) || '.' || count(*) FROM plan_editions),
            (SELECT coalesce(max(id), 0) || '.' || count(*) FROM action_statuses),
            (SELECT coalesce(max(id), 0) || '.' || count(*) FROM kpi_figures),
            (SELECT coalesce(max(xmin::text::bigint), 0) FROM disclosure_rule),
            (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM partnerships)
              + (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM partnership_areas),
            (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM datasets)
              + (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM indicators)
              + (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM areas)
              + (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM area_aliases)
              + (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM area_code_successions)
              + (SELECT count(*) + coalesce(max(xmin::text::bigint), 0) FROM age_bands))
        """;

    private readonly Lock _dataSourceLock = new();
    private NpgsqlDataSource? _dataSource;
    private long _generation;
    private volatile string? _fingerprint;
    private volatile bool _listening;
    private bool _listenedBefore;

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>True while the listening connection is up: then the generation is moved on by notifications alone.</summary>
    public bool Listening => _listening;

    /// <summary>The data version for response caching: known only while listening, so a cached answer can never outlive a load.</summary>
    public string? Current => _listening ? _fingerprint : null;

    public async ValueTask<long> GenerationAsync(CancellationToken cancellationToken)
    {
        if (_listening) return Generation;
        await using var connection = await DataSource().OpenConnectionAsync(cancellationToken);
        if (!availability.IsAvailable) availability.ReportAvailable();
        await CompareFingerprintAsync(connection, cancellationToken);
        return Generation;
    }

    /// <summary>Reads the fingerprint and moves the generation on when it differs from the last one read.</summary>
    private async Task CompareFingerprintAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(FingerprintSql, connection);
        var read = (string?)await command.ExecuteScalarAsync(cancellationToken);
        var previous = Interlocked.Exchange(ref _fingerprint, read);
        if (previous != read)
        {
            Interlocked.Increment(ref _generation);
            if (previous is not null) logger.LogInformation("Published data changed (fingerprint {Old} -> {New})", previous, read);
        }
    }

    /// <summary>
    /// A data source of its own with command tracing off: this is housekeeping, not part of any
    /// request, and must not show in request traces (nor in tests counting a query's statements).
    /// </summary>
    private NpgsqlDataSource DataSource()
    {
        lock (_dataSourceLock)
        {
            if (_dataSource is not null) return _dataSource;
            using var db = databases.CreateDbContext();
            var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { ApplicationName = "cja-api-data-changes" };
            return _dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString)
                .ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => false).EnablePhysicalOpenTracing(false))
                .Build();
        }
    }

    private NpgsqlDataSource? DataSourceOrNull()
    {
        lock (_dataSourceLock) return _dataSource;
    }

    /// <summary>Starts listening before the server takes requests (a failure here is retried in the background).</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        using var started = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        started.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            while (!_listening && !started.IsCancellationRequested) await Task.Delay(10, started.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Not yet listening for data changes; until then every request checks the data's fingerprint");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                _listening = false;
                Interlocked.Increment(ref _generation);
                // The database being away is logged once, by DatabaseAvailability, not once per retry.
                if (DatabaseAvailability.IsUnavailable(ex))
                {
                    availability.ReportUnavailable(ex);
                    DataSourceOrNull()?.Clear(); // its idle connections died with the server
                }
                else logger.LogWarning(ex, "Not listening for data changes (retrying in {Delay}); until then every request checks the data's fingerprint", options.ReconnectDelay);
                try
                {
                    await Task.Delay(options.ReconnectDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        _listening = false;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await DataSource().OpenConnectionAsync(stoppingToken);
        availability.ReportAvailable();
        if (await InRecoveryAsync(connection, stoppingToken))
        {
            await FollowStandbyAsync(connection, stoppingToken);
            return; // promoted: listen from now on
        }
        connection.Notification += (_, _) =>
        {
            // First the generation, so that nothing computed before the change is served as current;
            // the fingerprint (for response caching) is read again just below.
            _fingerprint = null;
            Interlocked.Increment(ref _generation);
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {AnalyticsDatabase.DataChangedChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }
        // Changes made while nobody listened are not announced: compare, then trust notifications.
        await CompareFingerprintAsync(connection, stoppingToken);
        Interlocked.Increment(ref _generation);
        _listening = true;
        // Listening again after an outage is part of "reachable again", which DatabaseAvailability logs.
        logger.Log(_listenedBefore ? LogLevel.Debug : LogLevel.Information, "Listening for data changes on {Channel}", AnalyticsDatabase.DataChangedChannel);
        _listenedBefore = true;
        while (true)
        {
            await connection.WaitAsync(options.CheckInterval, stoppingToken);
            await CompareFingerprintAsync(connection, stoppingToken);
        }
    }

    private static async Task<bool> InRecoveryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// A standby replays the primary's changes but cannot LISTEN, and notifications are not replayed:
    /// the fingerprint is compared every <see cref="DataChangeOptions.StandbyCheckInterval"/> instead.
    /// The fingerprint is read from the standby itself, so no instance ever serves a version the
    /// replica has not reached, and a load is seen within one interval of being replayed.
    /// </summary>
    private async Task FollowStandbyAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        await CompareFingerprintAsync(connection, stoppingToken);
        Interlocked.Increment(ref _generation);
        _listening = true;
        logger.Log(_listenedBefore ? LogLevel.Debug : LogLevel.Information,
            "Reading from a standby: checking for replayed changes every {Interval}", options.StandbyCheckInterval);
        _listenedBefore = true;
        while (await InRecoveryAsync(connection, stoppingToken))
        {
            await Task.Delay(options.StandbyCheckInterval, stoppingToken);
            await CompareFingerprintAsync(connection, stoppingToken);
        }
        _listening = false;
        Interlocked.Increment(ref _generation);
    }

    public override void Dispose()
    {
        _dataSource?.Dispose();
        base.Dispose();
    }
}
