using CommunityJustice.Analytics.Api.GraphQL.Options;
using CommunityJustice.Analytics.Api.GraphQL.Paging;
using CommunityJustice.Analytics.Api.Telemetry;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// GraphQL.NET's complexity analyzer, set up for this schema: each field costs 1; a list multiplies
/// the cost of what is selected inside it by its <c>first</c>/<c>last</c> argument (on the list or
/// on the connection holding it), by the default page size when a connection is given neither, by
/// the expected number of items of short fixed lists (see ExpectedItems), and by 5 otherwise.
/// Depth and complexity over the limits are refused with MAX_DEPTH_EXCEEDED / MAX_COMPLEXITY_EXCEEDED.
/// </summary>
public static class ComplexityLimits
{
    public static void Configure(ComplexityOptions complexity, GraphQLHttpOptions options)
    {
        var standard = complexity.DefaultComplexityImpactDelegate;
        complexity.DefaultComplexityImpactDelegate = context => Impact(context, standard);
        // The limits are checked here rather than through MaxDepth/MaxComplexity, to give each its own code and say what to do.
        complexity.MaxDepth = null;
        complexity.MaxComplexity = null;
        complexity.ValidateComplexityDelegate = context =>
        {
            var validation = context.ValidationContext;
            RecordCost(context.TotalImpact);
            if (context.MaxDepth > options.MaxDepth)
            {
                context.Error = new LimitExceededError(validation.Document.Source, LimitExceededError.MaxDepth,
                    $"The query's depth is {context.MaxDepth} (fields nested {context.MaxDepth} levels deep); at most {options.MaxDepth} is allowed. Ask for the deeply nested data in a separate query.",
                    validation.Operation);
            }
            else if (context.TotalImpact > options.MaxComplexity)
            {
                context.Error = new LimitExceededError(validation.Document.Source, LimitExceededError.MaxComplexity,
                    $"The query's complexity is {context.TotalImpact:0} (each field counts once per item of every list around it, lists counting their 'first' or 'last', or {OffsetPaging.DefaultPageSize} for a connection without them); at most {options.MaxComplexity} is allowed. Ask for smaller pages (a smaller 'first'), fewer nested lists, or split the query.",
                    validation.Operation);
            }
            else
            {
                // Within the limits, which depend only on the document, its variables and the reference data: what a
                // cached validation result (ValidationResultCache) keeps, charging the cost again on every request.
                if (!validation.UserContext.IsReadOnly) validation.UserContext[CostKey] = context.TotalImpact;
                context.Error = Charge(context.TotalImpact, validation.UserContext, validation.RequestServices, validation.Document, validation.Operation, options);
            }
            return Task.CompletedTask;
        };
    }

    /// <summary>Where the complexity rule leaves the cost of a document that is within the limits, in the execution's user context.</summary>
    public const string CostKey = "cja.cost";

    /// <summary>A request's cost, validated now or before, on the metric and the request's span.</summary>
    public static void RecordCost(double cost)
    {
        ApiTelemetry.OperationCost.Record(cost);
        System.Diagnostics.Activity.Current?.SetTag(ApiTelemetry.Tags.Cost, cost);
    }

    /// <summary>
    /// What every request within the limits pays, validated now or before: its cost charged to the client's budget when
    /// budgets are on (the client's key in the user context); the error when over budget.
    /// </summary>
    public static CostBudgetExceededError? Charge(double cost, IDictionary<string, object?> userContext, IServiceProvider? services,
        GraphQLParser.AST.GraphQLDocument document, GraphQLParser.AST.GraphQLOperationDefinition operation, GraphQLHttpOptions options) =>
        userContext.TryGetValue(ClientCostBudget.ClientKey, out var client) && client is string key
            && services?.GetService<ClientCostBudget>() is { } budget
            && !budget.TryCharge(key, cost, out var retryAfter)
                ? new CostBudgetExceededError(document.Source, cost, options.Admission.CostPerClientPerMinute, retryAfter, operation)
                : null;

    private static FieldComplexityResult Impact(FieldImpactContext context, Func<FieldImpactContext, FieldComplexityResult> standard)
    {
        var result = standard(context);
        if (!IsList(context.FieldDefinition.ResolvedType) || GivesPageSize(context.Arguments)) return result;
        var parent = context.Parent;
        var parentIsConnection = parent is { } p && !IsList(p.FieldDefinition.ResolvedType);
        if (parentIsConnection && GivesPageSize(parent!.Value.Arguments)) return result;
        // A paged list (or the nodes/edges of a connection) given no page size returns the default page.
        if (IsPaged(context.FieldDefinition) || (parentIsConnection && IsPaged(parent!.Value.FieldDefinition)))
            return new FieldComplexityResult(result.FieldImpact, OffsetPaging.DefaultPageSize);
        return result;
    }

    private static bool IsList(IGraphType? type) => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;

    private static bool IsPaged(FieldType field) => field.Arguments?.Find("first") is not null;

    private static bool GivesPageSize(IDictionary<string, global::GraphQL.Execution.ArgumentValue>? arguments) =>
        arguments is not null
        && ((arguments.TryGetValue("first", out var first) && first.Value is int)
            || (arguments.TryGetValue("last", out var last) && last.Value is int));
}
