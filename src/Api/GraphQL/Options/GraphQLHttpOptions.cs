namespace CommunityJustice.Analytics.Api.GraphQL.Options;

/// <summary>
/// Limits and caching of the GraphQL endpoint, bound from the "GraphQL" configuration section
/// (e.g. <c>GraphQL__ExecutionTimeout=00:00:05</c> or <c>GraphQL:Cache:MaxAgeSeconds</c>). docs/api.md lists them.
/// </summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest POST body accepted, in bytes (larger: 413). Queries are small; 256 KiB is generous.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest selection nesting accepted (GraphQL.NET's complexity analyzer); introspection needs about 13.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Largest query complexity accepted (GraphQL.NET's complexity analyzer: each field costs 1, and
    /// a list multiplies its children by its first/last argument, by the default page size of a
    /// connection without one, or by the expected number of items of a short list).
    /// </summary>
    public int MaxComplexity { get; set; } = 50_000;

    /// <summary>Most fields one document may select, counting each fragment as often as it is spread.</summary>
    public int MaxFields { get; set; } = 1_000;

    /// <summary>Most times one selection set may select the same field under different aliases.</summary>
    public int MaxAliasesPerField { get; set; } = 30;

    /// <summary>Longest list accepted by a filter's <c>in</c> or <c>nin</c> operator.</summary>
    public int MaxFilterListLength { get; set; } = 500;

    /// <summary>Deepest nesting of <c>and</c>/<c>or</c> in one filter.</summary>
    public int MaxFilterNesting { get; set; } = 5;

    /// <summary>Longest a query may run (validation and execution, database queries included) before it is cancelled with TIMEOUT.</summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most cheap queries executed at once (expensive ones have a lane of their own, Admission); others wait their turn, oldest first, within their execution
    /// timeout (cached answers do not wait). Default: twice the processor count. Dozens of queries
    /// competing for a few cores finish no sooner in total and much later at the tail; taking them in
    /// turn keeps slow answers close to typical ones (docs/benchmarks.md).
    /// </summary>
    public int MaxConcurrentExecutions { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>
    /// Largest response body sent, in bytes: a larger answer is refused with RESPONSE_TOO_LARGE
    /// instead of being sent (the complexity limit refuses most such queries before they run).
    /// </summary>
    public long MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Retry-After, in seconds, of a 503 DATABASE_UNAVAILABLE (the database not reachable).</summary>
    public int DatabaseUnavailableRetryAfterSeconds { get; set; } = 5;

    /// <summary>Per-client limits and the lane for expensive queries.</summary>
    public AdmissionOptions Admission { get; set; } = new();

    /// <summary>The response cache and HTTP caching headers.</summary>
    public ResponseCacheOptions Cache { get; set; } = new();
}
