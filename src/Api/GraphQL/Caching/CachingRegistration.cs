using CommunityJustice.Analytics.Api.GraphQL.Options;

namespace CommunityJustice.Analytics.Api.GraphQL.Caching;

public static class CachingRegistration
{
    /// <summary>The response cache (keyed by the data version, Data.IDataVersion, that Data.DataChangeMonitor keeps and the database registration provides; configured by GraphQLHttpOptions.Cache).</summary>
    public static IServiceCollection AddGraphQLResponseCache(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ResponseCache(sp.GetRequiredService<GraphQLHttpOptions>().Cache));
        return services;
    }
}
