using System.Threading.RateLimiting;
using CommunityJustice.Analytics.Api.GraphQL.Options;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// How much query cost (the complexity MAX_COMPLEXITY_EXCEEDED is judged on) each client may spend per
/// minute: a token bucket per client (<see cref="ClientRateLimits.PartitionKey"/>) holding
/// <see cref="AdmissionOptions.CostPerClientPerMinute"/>, refilled every second. The request-rate limit
/// counts requests alike; this counts what they ask for, so a client sending the largest allowed query
/// over and over runs out long before one sending small ones. Answers served from the response cache
/// are not validated again and cost nothing. Over budget: 429 COST_BUDGET_EXCEEDED with Retry-After.
/// </summary>
public sealed class ClientCostBudget : IDisposable
{
    /// <summary>Where the endpoint puts the client's partition key in the execution's user context.</summary>
    public const string ClientKey = "cja.client";

    private readonly PartitionedRateLimiter<string>? _limiter;
    private readonly int _budget;

    public ClientCostBudget(GraphQLHttpOptions options)
    {
        var admission = options.Admission;
        _budget = admission.CostPerClientPerMinute;
        if (!admission.Enabled || _budget <= 0) return;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _budget,
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(_budget / 60.0)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>False when the budget is off (no limiter, nothing to charge).</summary>
    public bool Enabled => _limiter is not null;

    /// <summary>Takes <paramref name="cost"/> from the client's budget, or says when enough will be back.</summary>
    public bool TryCharge(string client, double cost, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null) return true;
        var permits = (int)Math.Clamp(Math.Ceiling(cost), 0, _budget);
        using var lease = _limiter.AttemptAcquire(client, permits);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}
