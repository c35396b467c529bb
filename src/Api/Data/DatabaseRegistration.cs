using CommunityJustice.Analytics.Model;
using CommunityJustice.Analytics.Model.CompiledModels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Data;

public static class DatabaseRegistration
{
    /// <summary>Optional: a read replica (PostgreSQL streaming standby) that every query reads from; writes still go to DATABASE_URL.</summary>
    public const string ReadUrlVariable = "DATABASE_READ_URL";

    /// <summary>
    /// Registers a pooled DbContext factory for reads: GraphQL.NET resolves sibling fields in parallel,
    /// so each resolver takes its own short-lived context rather than sharing a scoped one. Reads go to
    /// <see cref="ReadUrlVariable"/> when it is set (a streaming replica), else to DATABASE_URL; the
    /// few writes (audit entries, recorded statuses) go through <see cref="PrimaryDatabase"/>, always
    /// to DATABASE_URL (docs/operations.md, "More than one instance").
    /// </summary>
    public static WebApplicationBuilder AddAnalyticsDatabase(this WebApplicationBuilder builder)
    {
        var url = builder.Configuration[AnalyticsDatabase.UrlVariable]
            ?? builder.Configuration.GetConnectionString("Analytics")
            ?? throw new InvalidOperationException(
                $"No database configured: set {AnalyticsDatabase.UrlVariable} (e.g. postgres://postgres@127.0.0.1:5432/community_justice) or ConnectionStrings:Analytics.");
        var primaryConnectionString = WithApiDefaults(AnalyticsDatabase.ToConnectionString(url));
        var readUrl = builder.Configuration[ReadUrlVariable];
        var connectionString = string.IsNullOrWhiteSpace(readUrl) ? primaryConnectionString : WithApiDefaults(AnalyticsDatabase.ToConnectionString(readUrl));
        // A failed statement is reported once by whoever handles it (the GraphQL endpoint's unhandled-exception
        // log, or DatabaseAvailability's one line while the database is away), not again with EF Core's stack trace.
        builder.Services.AddPooledDbContextFactory<AnalyticsDbContext>(options => Configure(options, connectionString));
        var primaryPool = ReferenceEquals(connectionString, primaryConnectionString)
            ? null
            : new PooledDbContextFactory<AnalyticsDbContext>(Configure(new DbContextOptionsBuilder<AnalyticsDbContext>(), primaryConnectionString).Options);
        builder.Services.AddSingleton(sp => new PrimaryDatabase(primaryPool ?? sp.GetRequiredService<IDbContextFactory<AnalyticsDbContext>>()));
        builder.Services.AddSingleton(sp => new DatabaseAvailability(connectionString, sp.GetRequiredService<ILogger<DatabaseAvailability>>()));

        var changes = new DataChangeOptions();
        builder.Configuration.GetSection(DataChangeOptions.Section).Bind(changes);
        builder.Services.AddSingleton(changes);
        builder.Services.AddSingleton<DataChangeMonitor>();
        builder.Services.AddSingleton<IDataChanges>(sp => sp.GetRequiredService<DataChangeMonitor>());
        builder.Services.AddSingleton<IDataVersion>(sp => sp.GetRequiredService<DataChangeMonitor>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataChangeMonitor>());
        builder.Services.AddSingleton<ReferenceDataCache>();
        return builder;
    }

    private static TBuilder Configure<TBuilder>(TBuilder options, string connectionString) where TBuilder : DbContextOptionsBuilder
    {
        // The compiled model (scripts/compiled-model.sh): building the model from OnModelCreating at start-up took
        // about 0.9 s of the time to the first answer (docs/benchmarks.md, "Start-up to first answer").
        options.UseAnalyticsDatabase(connectionString)
            .UseModel(AnalyticsDbContextModel.Instance)
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug)));
        return options;
    }

    /// <summary>
    /// Npgsql settings for the API's pattern of use, each unless the connection string sets it:
    /// <list type="bullet">
    /// <item>automatic preparation (64 statements, after 2 uses): the API sends the same few statements
    /// over and over, and PostgreSQL spent longer parsing and planning them than running them;</item>
    /// <item>No Reset On Close: a pooled connection is not reset (DISCARD ALL) when returned, because the API
    /// never changes session state (settings go in transactions with SET LOCAL, LISTEN uses a data source
    /// of its own). PostgreSQL's CPU per gender breakdown fell from about 0.37 to 0.32 ms (docs/benchmarks.md).</item>
    /// </list>
    /// </summary>
    public static string WithApiDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("maxautoprepare"))
        {
            settings.MaxAutoPrepare = 64;
            settings.AutoPrepareMinUsages = 2;
        }
        if (!given.Contains("noresetonclose")) settings.NoResetOnClose = true;
        return settings.ConnectionString;
    }
}
