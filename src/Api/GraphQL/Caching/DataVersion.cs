using CommunityJustice.Analytics.Api.GraphQL.Http;
using CommunityJustice.Analytics.Model;
using Microsoft.EntityFrameworkCore;

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
/// Reads the data version (the largest dataset_versions id and the number of rows: one index-only
/// query) at start and then every DataVersionPollInterval, so a committed load is noticed within
/// that interval. A failed read forgets the version, which turns caching off until the next read works.
/// </summary>
public sealed class DataVersionMonitor(IDbContextFactory<AnalyticsDbContext> databases, GraphQLHttpOptions options, ILogger<DataVersionMonitor> logger)
    : BackgroundService, IDataVersion
{
    private volatile string? current;

    public string? Current => current;

    /// <summary>Reads the version now (also used by tests that must not wait for the next poll).</summary>
    public async Task<string?> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var version = await db.Database
                .SqlQueryRaw<string>("SELECT coalesce(max(id), 0) || '.' || count(*) AS \"Value\" FROM dataset_versions")
                .SingleAsync(cancellationToken);
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Cache.Enabled) return;
        var interval = options.Cache.DataVersionPollInterval > TimeSpan.Zero ? options.Cache.DataVersionPollInterval : TimeSpan.FromSeconds(2);
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
