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
            ApiTelemetry.OperationCost.Record(context.TotalImpact);
            System.Diagnostics.Activity.Current?.SetTag(ApiTelemetry.Tags.Cost, context.TotalImpact);
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
            else if (validation.UserContext.TryGetValue(ClientCostBudget.ClientKey, out var client) && client is string key
                && validation.RequestServices?.GetService<ClientCostBudget>() is { } budget
                && !budget.TryCharge(key, context.TotalImpact, out var retryAfter))
            {
                context.Error = new CostBudgetExceededError(validation.Document.Source, context.TotalImpact, options.Admission.CostPerClientPerMinute, retryAfter, validation.Operation);
            }
            return Task.CompletedTask;
        };
    }

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
