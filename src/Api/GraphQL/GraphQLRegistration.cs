namespace CommunityJustice.Analytics.Api.GraphQL;

public static class GraphQLRegistration
{
    public static IServiceCollection AddAnalyticsGraphQL(this IServiceCollection services) => services; // TODO(helper): schema

    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints) => endpoints; // TODO(helper): endpoint
}
