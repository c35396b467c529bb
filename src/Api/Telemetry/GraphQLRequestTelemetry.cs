using System.Collections.Concurrent;
using System.Diagnostics;
using GraphQLParser.AST;

namespace CommunityJustice.Analytics.Api.Telemetry;

/// <summary>
/// The span and duration metric of one GraphQL request: started when the endpoint begins reading it,
/// named once the operation is known, ended (with the HTTP status judged) when disposed.
/// </summary>
public sealed class GraphQLRequestTelemetry : IDisposable
{
    /// <summary>
    /// Operation names are chosen by clients; past this many distinct ones the metrics label the rest
    /// "(other)" so that a client sending random names cannot grow the metric series without bound.
    /// Spans always carry the real name.
    /// </summary>
    public const int MaxOperationNamesInMetrics = 200;

    private static readonly ConcurrentDictionary<string, byte> NamesInMetrics = new(StringComparer.Ordinal);

    private readonly HttpContext _http;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Activity? _activity;
    private string _operationName = "(anonymous)";
    private string _operationType = "unknown";
    private string _cache = "bypass";

    public GraphQLRequestTelemetry(HttpContext http)
    {
        _http = http;
        _activity = ApiTelemetry.Source.StartActivity("GraphQL Operation", ActivityKind.Internal);
    }

    /// <summary>The operation's name as the metrics label it, once known ("(anonymous)" for an unnamed one).</summary>
    public string OperationName => _operationName;

    /// <summary>A cached answer's operation, known without parsing the query again (always a query: only queries are cached).</summary>
    public void CachedOperation(string? name) => Name(name, "query");

    public void Operation(GraphQLOperationDefinition? operation, string? requestedName) =>
        Name(operation?.Name?.StringValue ?? requestedName, operation?.Operation.ToString().ToLowerInvariant());

    /// <summary>Names the span per the OpenTelemetry GraphQL conventions: "&lt;type&gt; &lt;name&gt;", or the type alone.</summary>
    private void Name(string? name, string? type)
    {
        if (!string.IsNullOrEmpty(name)) _operationName = name;
        if (type is not null) _operationType = type;
        if (_activity is null) return;
        _activity.DisplayName = type is null ? "GraphQL Operation" : string.IsNullOrEmpty(name) ? type : $"{type} {name}";
        if (!string.IsNullOrEmpty(name)) _activity.SetTag(ApiTelemetry.Tags.OperationName, name);
        if (type is not null) _activity.SetTag(ApiTelemetry.Tags.OperationType, type);
    }

    /// <summary>A response-cache lookup: <paramref name="hit"/> for an answer served from memory or a 304.</summary>
    public void CacheLookup(bool hit)
    {
        _cache = hit ? "hit" : "miss";
        ApiTelemetry.CacheLookups.Add(1, new KeyValuePair<string, object?>("result", _cache));
        _activity?.SetTag(ApiTelemetry.Tags.Cache, _cache);
    }

    public void QueueWaited(string lane, TimeSpan waited)
    {
        ApiTelemetry.QueueWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(ApiTelemetry.Tags.Lane, lane));
        _activity?.SetTag(ApiTelemetry.Tags.Lane, lane);
        _activity?.SetTag("cja.graphql.queue.wait_ms", waited.TotalMilliseconds);
    }

    /// <summary>The answer carried GraphQL errors (a 200 with errors included).</summary>
    public void Errors(int count)
    {
        if (count > 0) _activity?.SetTag("cja.graphql.errors", count);
    }

    public void Dispose()
    {
        var status = _http.Response.StatusCode;
        var outcome = status switch
        {
            < 400 => "ok",
            StatusCodes.Status503ServiceUnavailable => "unavailable",
            < 500 => "refused",
            _ => "error",
        };
        if (ApiTelemetry.RequestDuration.Enabled) RecordDuration(outcome);
        if (_activity is null) return;
        _activity.SetTag(ApiTelemetry.Tags.Outcome, outcome);
        _activity.SetTag("http.response.status_code", status);
        if (outcome is "unavailable" or "error") _activity.SetStatus(ActivityStatusCode.Error);
        _activity.Dispose();
    }

    /// <summary>Only while something listens to the metric: the bounded name set is work on every request otherwise.</summary>
    private void RecordDuration(string outcome)
    {
        var metricName = NamesInMetrics.ContainsKey(_operationName)
            || (NamesInMetrics.Count < MaxOperationNamesInMetrics && NamesInMetrics.TryAdd(_operationName, 0))
            ? _operationName
            : "(other)";
        ApiTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
            new KeyValuePair<string, object?>(ApiTelemetry.Tags.OperationName, metricName),
            new KeyValuePair<string, object?>(ApiTelemetry.Tags.OperationType, _operationType),
            new KeyValuePair<string, object?>(ApiTelemetry.Tags.Outcome, outcome),
            new KeyValuePair<string, object?>(ApiTelemetry.Tags.Cache, _cache));
    }
}
