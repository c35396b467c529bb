namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

public static class CachingRegistration
{
    /// <summary>The response cache (keyed by the data version that Data.DataChangeMonitor keeps, registered with the database).</summary>
    public static IServiceCollection AddGraphQLResponseCache(this IServiceCollection services)
    {
        services.AddSingleton<ResponseCache>();
        return services;
    }
}
