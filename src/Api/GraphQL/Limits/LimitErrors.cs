using GraphQL;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// Refusals of documents that are too large or too costly to run. Each has a stable
/// <c>extensions.code</c>; docs/api.md says what a user should do about it. They are reported
/// before anything is executed, so the response has no <c>data</c> entry (HTTP 400 with
/// application/graphql-response+json, 200 with application/json).
/// </summary>
public sealed class LimitExceededError : ValidationError
{
    public LimitExceededError(ROM source, string code, string message, params ASTNode[] nodes) : base(source, null, message, nodes)
    {
        Code = code;
    }

    public const string MaxDepth = "MAX_DEPTH_EXCEEDED";
    public const string MaxComplexity = "MAX_COMPLEXITY_EXCEEDED";
    public const string TooManyFields = "TOO_MANY_FIELDS";
    public const string TooManyAliases = "TOO_MANY_ALIASES";
    public const string FilterListTooLong = "FILTER_LIST_TOO_LONG";
    public const string FilterTooDeep = "FILTER_TOO_DEEP";
}

/// <summary>The client has spent its query-cost budget for now (<see cref="ClientCostBudget"/>); answered 429 with Retry-After.</summary>
public sealed class CostBudgetExceededError : ValidationError
{
    public const string ErrorCode = "COST_BUDGET_EXCEEDED";

    public CostBudgetExceededError(ROM source, double cost, int budget, TimeSpan retryAfter, params ASTNode[] nodes)
        : base(source, null, $"This query's cost is {cost:0}, more than this client has left of its budget of {budget} per minute. Retry after {Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds)):0} s (the Retry-After header), ask for smaller pages or fewer nested lists, or use a partner API key (its budget is its own).", nodes)
    {
        Code = ErrorCode;
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}

/// <summary>The query ran longer than the configured execution timeout and was cancelled, database queries included.</summary>
public sealed class QueryTimeoutError : ExecutionError
{
    public const string ErrorCode = "TIMEOUT";

    public QueryTimeoutError(TimeSpan limit)
        : base($"The query did not finish within {limit.TotalSeconds:0.###} s and was cancelled. Ask for fewer items (a smaller 'first'), narrow the 'where' filter, or split the query into several smaller ones.")
    {
        Code = ErrorCode;
    }
}

/// <summary>
/// The answer came to more than <c>MaxResponseBytes</c> once serialised: nothing of it is sent.
/// Refused like a limit above (HTTP 400 with application/graphql-response+json, 200 with application/json).
/// </summary>
public sealed class ResponseTooLargeError : ExecutionError
{
    public const string ErrorCode = "RESPONSE_TOO_LARGE";

    public ResponseTooLargeError(long limit)
        : base($"The answer is larger than {limit / (1024.0 * 1024.0):0.#} MiB and was not sent. Ask for fewer items (fewer areas, periods or age bands, a smaller 'first'), fewer fields or aliases, or split the query.")
    {
        Code = ErrorCode;
    }
}
