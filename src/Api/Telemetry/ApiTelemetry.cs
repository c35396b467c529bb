using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CommunityJustice.Analytics.Api.Telemetry;

/// <summary>
/// The API's own spans and metrics (docs/operations.md lists them): one span per GraphQL request,
/// named as the OpenTelemetry GraphQL conventions ask ("query OperationName"), and the request
/// duration, operation cost, response-cache lookups and admission-queue wait as metrics. ASP.NET Core
/// and Npgsql add their own (HTTP server spans, one span per SQL statement).
/// </summary>
public static class ApiTelemetry
{
    public const string SourceName = "CommunityJustice.Analytics.Api";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "cja.graphql.request.duration", unit: "s",
        description: "Time from reading a GraphQL request to its answer, by operation name, type and outcome.");

    public static readonly Histogram<double> OperationCost = Meter.CreateHistogram<double>(
        "cja.graphql.operation.cost", unit: "{cost}",
        description: "Complexity of each validated GraphQL operation (the figure MAX_COMPLEXITY_EXCEEDED is judged on).");

    public static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>(
        "cja.graphql.cache.lookups", unit: "{lookup}",
        description: "Response-cache lookups by result: hit (incl. 304 Not Modified) or miss. Keyed requests bypass the cache and are not counted.");

    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "cja.graphql.queue.wait", unit: "s",
        description: "Time a query waited for an execution place, by lane (cheap or expensive).");

    /// <summary>Attribute names from the OpenTelemetry semantic conventions for GraphQL, and the project's own.</summary>
    public static class Tags
    {
        public const string OperationName = "graphql.operation.name";
        public const string OperationType = "graphql.operation.type";
        public const string Outcome = "cja.graphql.outcome";
        public const string Cost = "cja.graphql.cost";
        public const string Cache = "cja.graphql.cache";
        public const string Lane = "cja.graphql.lane";
    }
}
