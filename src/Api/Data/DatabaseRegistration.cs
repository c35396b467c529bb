using CommunityJustice.Analytics.Model;

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
        builder.Services.AddPooledDbContextFactory<AnalyticsDbContext>(options => options.UseAnalyticsDatabase(url));
        return builder;
    }
}
