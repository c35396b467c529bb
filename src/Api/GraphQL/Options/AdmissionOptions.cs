namespace CommunityJustice.Analytics.Api.GraphQL.Options;

/// <summary>
/// The "GraphQL:Admission" configuration section: per-client limits on the GraphQL endpoint
/// (ASP.NET Core rate limiting, partitioned by client; a client is its IP address for now) and
/// which queries count as expensive (they execute in a lane of their own). docs/operations.md.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>False turns the per-client limits off (the execution lanes stay).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client may have in progress at once; more wait in its queue.</summary>
    public int ConcurrentRequestsPerClient { get; set; } = 64;

    /// <summary>Requests of one client that may wait for a place; beyond that, 429.</summary>
    public int QueuePerClient { get; set; } = 64;

    /// <summary>Requests per second one client may send on average (a token bucket); 0 turns this limit off.</summary>
    public int RequestsPerSecondPerClient { get; set; } = 200;

    /// <summary>Requests one client may send in a burst above that rate (the bucket's size).</summary>
    public int BurstPerClient { get; set; } = 2_000;

    /// <summary>
    /// Query cost (complexity, as MAX_COMPLEXITY_EXCEEDED counts it) one client may spend per minute,
    /// refilled evenly each second; over it: 429 COST_BUDGET_EXCEEDED. 0 turns this limit off. The
    /// default lets a client run the largest allowed query (MaxComplexity 50,000) 20 times a minute,
    /// and typical queries (cost 10-500) thousands of times.
    /// </summary>
    public int CostPerClientPerMinute { get; set; } = 1_000_000;

    /// <summary>
    /// A query text (with its variables) longer than this is expensive: long filters (an <c>or</c> of
    /// thousands of branches, a 100 KB <c>contains</c>) are what make statements slow. A query text that
    /// once ran into the execution timeout is expensive from then on, whatever its length.
    /// </summary>
    public int ExpensiveQueryChars { get; set; } = 4_096;

    /// <summary>Expensive queries executing at once (they never take the places of cheap ones). Default: half the processors, at least 1.</summary>
    public int MaxConcurrentExpensiveExecutions { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
}
