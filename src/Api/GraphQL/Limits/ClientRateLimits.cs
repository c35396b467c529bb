using System.Globalization;
using System.Threading.RateLimiting;
using CommunityJustice.Analytics.Api.Access;
using CommunityJustice.Analytics.Api.GraphQL.Options;
using GraphQL;
using GraphQL.Execution;
using Microsoft.AspNetCore.RateLimiting;

namespace CommunityJustice.Analytics.Api.GraphQL.Limits;

/// <summary>
/// Per-client limits on the GraphQL endpoint with ASP.NET Core rate limiting: each client may have
/// <see cref="AdmissionOptions.ConcurrentRequestsPerClient"/> requests in progress (more wait in a
/// queue of <see cref="AdmissionOptions.QueuePerClient"/>) and send
/// <see cref="AdmissionOptions.RequestsPerSecondPerClient"/> on average (a token bucket of
/// <see cref="AdmissionOptions.BurstPerClient"/>). Over a limit: 429 RATE_LIMITED with Retry-After.
/// </summary>
public static class ClientRateLimits
{
    public const string PolicyName = "graphql-per-client";
    public const string ErrorCode = "RATE_LIMITED";

    /// <summary>
    /// Who a request counts against: its API key when it sent a valid one (authenticated before this
    /// runs), else the client's IP address (behind a reverse proxy, configure forwarded headers so that
    /// this is the client's and not the proxy's).
    /// </summary>
    public static string PartitionKey(HttpContext http) =>
        http.RequestServices.GetService<RequestAccess>()?.Grant is { } grant
            ? "key:" + grant.KeyId
            : "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, AdmissionOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, http => RateLimitPartition.Get(PartitionKey(http), _ => Create(options)));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimiter Create(AdmissionOptions options)
    {
        var concurrency = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, options.ConcurrentRequestsPerClient),
            QueueLimit = Math.Max(0, options.QueuePerClient),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        if (options.RequestsPerSecondPerClient <= 0) return concurrency;
        var rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.BurstPerClient),
            TokensPerPeriod = options.RequestsPerSecondPerClient,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        return RateLimiter.CreateChained(rate, concurrency);
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var after = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.ContentType = "application/json; charset=utf-8";
        var error = new RequestError("Too many requests from this client at once or in a short time. Wait for the time in the Retry-After header, and send fewer requests in parallel.")
        {
            Code = ErrorCode,
        };
        await http.RequestServices.GetRequiredService<IGraphQLSerializer>()
            .WriteAsync(http.Response.Body, new ExecutionResult { Errors = [error] }, cancellationToken);
    }
}
