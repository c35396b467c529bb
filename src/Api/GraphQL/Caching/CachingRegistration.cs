namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

public static class CachingRegistration
{
    /// <summary>The response cache and the data version it is keyed by (read at start, then polled).</summary>
    public static IServiceCollection AddGraphQLResponseCache(this IServiceCollection services)
    {
        services.AddSingleton<ResponseCache>();
        services.AddSingleton<DataVersionMonitor>();
        services.AddSingleton<IDataVersion>(sp => sp.GetRequiredService<DataVersionMonitor>());
        services.AddHostedService(sp => sp.GetRequiredService<DataVersionMonitor>());
        return services;
    }
}
