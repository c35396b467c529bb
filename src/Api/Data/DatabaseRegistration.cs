using CommunityJustice.Analytics.Api.GraphQL.Caching;
using CommunityJustice.Analytics.Model;
using Npgsql;

namespace CommunityJustice.Analytics.Api.Data;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers a pooled DbContext factory: GraphQL.NET resolves sibling fields in parallel, so each
    /// resolver takes its own short-lived context rather than sharing a scoped one.
    /// </summary>
    public static WebApplicationBuilder AddAnalyticsDatabase(this WebApplicationBuilder builder)
    {
        var url = builder.Configuration[AnalyticsDatabase.UrlVariable]
            ?? builder.Configuration.GetConnectionString("Analytics")
            ?? throw new InvalidOperationException(
                $"No database configured: set {AnalyticsDatabase.UrlVariable} (e.g. postgres://postgres@127.0.0.1:5432/community_justice) or ConnectionStrings:Analytics.");
        var connectionString = WithAutoPrepare(AnalyticsDatabase.ToConnectionString(url));
        builder.Services.AddPooledDbContextFactory<AnalyticsDbContext>(options => options.UseAnalyticsDatabase(connectionString));

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

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the API sends the
    /// same few statements over and over, and PostgreSQL spent longer planning them (about 2 ms for the
    /// observations page) than running them. A prepared statement is parsed once per connection, and PostgreSQL
    /// may then reuse its plan.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (settings.MaxAutoPrepare > 0) return connectionString;
        settings.MaxAutoPrepare = 64;
        settings.AutoPrepareMinUsages = 2;
        return settings.ConnectionString;
    }
}
