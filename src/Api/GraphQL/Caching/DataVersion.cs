using CommunityJustice.Analytics.Api.GraphQL.Http;
using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

/// <summary>
/// The version of the published figures: it changes exactly when an ingest load commits (each
/// committed load adds a dataset_versions row in its transaction). Cached responses and ETags are
/// keyed by it.
/// </summary>
public interface IDataVersion
{
    /// <summary>The current version, or null while it is not known (then nothing is cached).</summary>
    string? Current { get; }
}

/// <summary>
/// Reads the data version (the largest dataset_versions id and the number of rows: one small
/// query) before the server starts and then every DataVersionPollInterval, so a committed load is noticed within
/// that interval. A failed read forgets the version, which turns caching off until the next read works.
/// </summary>
public sealed class DataVersionMonitor(IDbContextFactory<AnalyticsDbContext> databases, GraphQLHttpOptions options, ILogger<DataVersionMonitor> logger)
    : BackgroundService, IDataVersion
{
    private volatile string? current;
    private NpgsqlDataSource? dataSource;

    public string? Current => current;

    /// <summary>Reads the version now (also used by tests that must not wait for the next poll).</summary>
    public async Task<string?> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A data source of its own with command tracing off: the poll is housekeeping, not part of
            // any request, and must not show in request traces (nor in tests counting a query's statements).
            if (dataSource is null)
            {
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                dataSource = new NpgsqlDataSourceBuilder(db.Database.GetConnectionString())
                    .ConfigureTracing(tracing => tracing.ConfigureCommandFilter(_ => false).EnablePhysicalOpenTracing(false))
                    .Build();
            }
            await using var command = dataSource.CreateCommand("SELECT coalesce(max(id), 0) || '.' || count(*) FROM dataset_versions");
            var version = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (version != current && current is not null) logger.LogInformation("Data version changed from {Old} to {New}: cached responses are no longer served", current, version);
            current = version;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            current = null;
            logger.LogWarning(ex, "Could not read the data version; responses are not cached until it can be read");
        }
        return current;
    }

    /// <summary>Reads the version once before the server takes requests, then polls in the background.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Cache.Enabled) await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        dataSource?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Cache.Enabled) return;
        var interval = options.Cache.DataVersionPollInterval > TimeSpan.Zero ? options.Cache.DataVersionPollInterval : TimeSpan.FromSeconds(2);
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
