using CommunityJustice.Analytics.Api.GraphQL.AgeBreakdowns;
using CommunityJustice.Analytics.Api.GraphQL.Audit;
using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Comparisons;
using CommunityJustice.Analytics.Api.GraphQL.Datasets;
using CommunityJustice.Analytics.Api.GraphQL.Framework;
using CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Trends;
using GraphQL;
using GraphQL.Types;

namespace CommunityJustice.Analytics.Api.GraphQL;

/// <summary>The root query type: each feature folder adds its own fields (as HotChocolate's type extensions would).</summary>
public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Community justice statistics for Scotland and its council areas: published figures with their sources, the areas and indicators they describe, and the national Community Justice Performance Framework.";
        this.AddObservationQueries();
        this.AddGenderBreakdownQueries();
        this.AddAgeBreakdownQueries();
        this.AddComparisonQueries();
        this.AddTrendQueries();
        this.AddAreaQueries();
        this.AddIndicatorQueries();
        this.AddFrameworkQueries();
        this.AddDatasetQueries();
        this.AddAuditQueries();
    }
}

public sealed class AnalyticsSchema : Schema
{
    public AnalyticsSchema(IServiceProvider services, QueryType query) : base(services)
    {
        Query = query;
        Description = "CommunityJustice.Analytics: figures for Scotland's community justice partnerships.";
        // The IDE's schema introspection query nests type references deeply; count it at 1% so it
        // passes the complexity limit (the depth limit still applies to it).
        this.WithIntrospectionComplexityImpact(0.01);
        // includeDeprecated on arguments and input fields, as graphql-js's getIntrospectionQuery({ inputValueDeprecation: true }) asks.
        Features.DeprecationOfInputValues = true;
    }
}
