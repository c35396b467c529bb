using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL;
using GraphQL.DI;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

public static class LimitsRegistration
{
    /// <summary>Depth, complexity and filter limits as validation rules (document size limits and the timeout are applied by the endpoint).</summary>
    public static IGraphQLBuilder AddAnalyticsLimits(this IGraphQLBuilder builder, GraphQLHttpOptions options) =>
        builder
            .AddComplexityAnalyzer(complexity => ComplexityLimits.Configure(complexity, options))
            .AddValidationRule<FilterLimitsValidationRule>();
}
