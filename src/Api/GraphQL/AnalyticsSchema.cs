using CommunityJustice.Analytics.Api.GraphQL.AgeBreakdowns;
using CommunityJustice.Analytics.Api.GraphQL.Areas;
using CommunityJustice.Analytics.Api.GraphQL.Audit;
using CommunityJustice.Analytics.Api.GraphQL.Comparisons;
using CommunityJustice.Analytics.Api.GraphQL.Datasets;
using CommunityJustice.Analytics.Api.GraphQL.Framework;
using CommunityJustice.Analytics.Api.GraphQL.GenderBreakdowns;
using CommunityJustice.Analytics.Api.GraphQL.Indicators;
using CommunityJustice.Analytics.Api.GraphQL.Observations;
using CommunityJustice.Analytics.Api.GraphQL.Plans;
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
        this.AddPlanQueries();
        this.AddAuditQueries();
    }
}

/// <summary>The root mutation type: writes to partnerships' plans (each feature adds its own).</summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Writes, each needing an API key with the right scope and recorded in the audit log: action statuses and local KPI figures of a partnership's plan.";
        this.AddPlanMutations();
    }
}

public sealed class AnalyticsSchema : Schema
{
    public AnalyticsSchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "CommunityJustice.Analytics: figures for Scotland's community justice partnerships.";
        // The IDE's schema introspection query nests type references deeply; count it at 1% so it
        // passes the complexity limit (the depth limit still applies to it).
        this.WithIntrospectionComplexityImpact(0.01);
    }

    /// <summary>
    /// graphql-js's getIntrospectionQuery({ inputValueDeprecation: true }) also asks
    /// <c>__Directive.args(includeDeprecated: true)</c> (spec draft), which GraphQL.NET 8.8.5 does not
    /// declare although it declares it on fields' args and input fields (Features.DeprecationOfInputValues,
    /// set in Hosting): declared here. No directive argument is deprecated, so the answer is the same either way.
    /// </summary>
    protected override void OnBeforeInitializeType(IGraphType graphType)
    {
        if (graphType is global::GraphQL.Introspection.__Directive directive && directive.GetField("args") is { } args
            && args.Arguments?.Find("includeDeprecated") is null)
        {
            args.Arguments ??= new QueryArguments();
            args.Arguments.Add(new QueryArgument<BooleanGraphType> { Name = "includeDeprecated", DefaultValue = false });
        }
        base.OnBeforeInitializeType(graphType);
    }
}
