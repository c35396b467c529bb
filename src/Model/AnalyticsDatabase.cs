using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace CommunityJustice.Analytics.Model;

public static class AnalyticsDatabase
{
    /// <summary>Environment variable holding the connection, as a postgres:// URL or an Npgsql connection string.</summary>
    public const string UrlVariable = "DATABASE_URL";

    /// <summary>
    /// The NOTIFY channel a committed change to dataset editions, observations or reference data is announced on
    /// (migrations DataChangeNotifications, ObservationEditNoticesAndIndicatorExtents); the payload is empty, so that
    /// PostgreSQL folds a transaction's notifications into one.
    /// </summary>
    public const string DataChangedChannel = "cja_data_changed";

    /// <summary>
    /// The table holding one dataset edition's figures: observations is partitioned by edition (migration
    /// ObservationsPartitionedByEdition), one partition per edition with figures, named by this rule.
    /// </summary>
    public static string EditionPartition(int datasetVersionId) => $"observations_edition_{datasetVersionId}";

    /// <summary>Accepts "postgres://user:pass@host:port/db" as well as "Host=...;Database=...".</summary>
    public static string ToConnectionString(string urlOrConnectionString)
    {
        if (!urlOrConnectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !urlOrConnectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return urlOrConnectionString;
        }

        var uri = new Uri(urlOrConnectionString);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return builder.ConnectionString;
    }

    /// <summary>Applies pending migrations, then syncs the indicator catalogue and age bands.</summary>
    public static async Task MigrateAsync(AnalyticsDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        await Reference.ReferenceCatalogue.SyncAsync(db, cancellationToken);
    }

    public static TBuilder UseAnalyticsDatabase<TBuilder>(this TBuilder options, string urlOrConnectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(ToConnectionString(urlOrConnectionString)).UseSnakeCaseNamingConvention();
        return options;
    }
}

/// <summary>Lets `dotnet ef migrations add` build the context without a running application.</summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<AnalyticsDbContext>
{
    public AnalyticsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AnalyticsDbContext>()
            .UseAnalyticsDatabase(Environment.GetEnvironmentVariable(AnalyticsDatabase.UrlVariable) ?? "Host=127.0.0.1;Database=design_time")
            .Options);
}
