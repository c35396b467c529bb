using CommunityJustice.Analytics.Api.GraphQL.DataLoading;
using CommunityJustice.Analytics.Api.GraphQL.Http;
using GraphQL;

namespace CommunityJustice.Analytics.Api.GraphQL;

public static class GraphQLRegistration
{
    /// <summary>Registers the schema, GraphQL.NET's executer and serializer, limits, and the HTTP endpoint's options.</summary>
    public static IServiceCollection AddAnalyticsGraphQL(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = new GraphQLHttpOptions();
        configuration?.GetSection(GraphQLHttpOptions.Section).Bind(options);
        services.AddSingleton(options);
        services.AddScoped<DataLoaders>();
        services.AddGraphQL(b => b
            .AddSchema<AnalyticsSchema>()
            .AddGraphTypes(typeof(AnalyticsSchema).Assembly)
            .AddSystemTextJson()
            .AddErrorInfoProvider((o, sp) => o.ExposeExceptionDetails = sp.GetRequiredService<IHostEnvironment>().IsDevelopment())
            .AddComplexityAnalyzer(c =>
            {
                c.MaxDepth = options.MaxDepth;
                c.MaxComplexity = options.MaxComplexity;
            }));
        return services;
    }

    /// <summary>Maps the GraphQL-over-HTTP endpoint (GET and POST) at <see cref="GraphQLHttpEndpoint.Path"/>.</summary>
    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(GraphQLHttpEndpoint.Path, [HttpMethods.Get, HttpMethods.Post], GraphQLHttpEndpoint.HandleAsync)
            .WithDisplayName("GraphQL over HTTP")
            .DisableAntiforgery();
        return endpoints;
    }
}
