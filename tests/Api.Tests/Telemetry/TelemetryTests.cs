using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using CommunityJustice.Analytics.Api.Telemetry;
using CommunityJustice.Analytics.Api.Tests.Support;
using CommunityJustice.Analytics.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CommunityJustice.Analytics.Api.Tests.Telemetry;

/// <summary>
/// Traces and metrics as an operator sees them: through the OpenTelemetry SDK's in-memory exporter,
/// and over OTLP/HTTP to a local stand-in collector that receives what a real one would. Span and
/// meter listeners are process-wide, so each test names its operation uniquely and looks only at that.
/// </summary>
public sealed class TelemetryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static string Query(string operationName) =>
        $$"""query {{operationName}} { observations(first: 3, where: { area: { code: { eq: "S12000019" } } }) { totalCount nodes { value } } }""";

    private WebApplicationFactory<Program> WithTelemetry(List<Activity> spans, List<Metric> metrics) =>
        api.Factory.WithWebHostBuilder(b => b
            .UseSetting(TelemetryRegistration.EnabledSetting, "true")
            .ConfigureServices(services => services
                .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))
                .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics))));

    [Fact]
    public async Task A_request_is_one_span_named_for_its_operation_with_its_cost_and_its_SQL_statements_beneath_it()
    {
        var spans = new List<Activity>();
        await using var factory = WithTelemetry(spans, []);
        var name = "FigureForMidlothian" + Guid.NewGuid().ToString("N")[..8];
        await new GraphQLClient(factory.CreateClient()).QueryAsync(Query(name));
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity operation;
        lock (spans) operation = Assert.Single(spans, s => s.DisplayName == $"query {name}");
        Assert.Equal(name, operation.GetTagItem(ApiTelemetry.Tags.OperationName));
        Assert.Equal("query", operation.GetTagItem(ApiTelemetry.Tags.OperationType));
        Assert.Equal("ok", operation.GetTagItem(ApiTelemetry.Tags.Outcome));
        Assert.True(operation.GetTagItem(ApiTelemetry.Tags.Cost) is double cost && cost > 0, "the span carries the operation's complexity");

        List<Activity> traced;
        lock (spans) traced = spans.Where(s => s.TraceId == operation.TraceId).ToList();
        // ASP.NET Core's HTTP span is the parent; Npgsql's statement spans are in the same trace.
        Assert.Contains(traced, s => s.Source.Name == "Microsoft.AspNetCore" && s.SpanId == operation.ParentSpanId);
        Assert.Contains(traced, s => s.Source.Name == "Npgsql" && Equals(s.GetTagItem("db.system.name"), "postgresql"));
    }

    [Fact]
    public async Task Metrics_count_cache_hits_and_misses_and_time_requests_by_operation()
    {
        var metrics = new List<Metric>();
        await using var factory = WithTelemetry([], metrics);
        var client = new GraphQLClient(factory.CreateClient());
        var name = "CacheProbe" + Guid.NewGuid().ToString("N")[..8];
        await client.QueryAsync(Query(name));
        await client.QueryAsync(Query(name));
        factory.Services.GetRequiredService<MeterProvider>().ForceFlush();

        var durations = Points(metrics, "cja.graphql.request.duration")
            .Where(p => Tag(p, ApiTelemetry.Tags.OperationName) == name).ToList();
        Assert.Equal(["hit", "miss"], durations.Select(p => Tag(p, ApiTelemetry.Tags.Cache)).Order());
        Assert.All(durations, p => Assert.Equal(1, p.GetHistogramCount()));
        Assert.Contains(Points(metrics, "cja.graphql.cache.lookups"), p => Tag(p, "result") == "hit" && p.GetSumLong() >= 1);
        Assert.Contains(Points(metrics, "cja.graphql.operation.cost"), p => p.GetHistogramCount() >= 1);
        Assert.Contains(Points(metrics, "cja.graphql.queue.wait"), p => Tag(p, ApiTelemetry.Tags.Lane) == "cheap");
    }

    [Fact]
    public async Task Spans_and_metrics_reach_an_OTLP_collector_over_HTTP_protobuf()
    {
        using var collector = new OtlpCollectorStandIn();
        var name = "ExportedOperation" + Guid.NewGuid().ToString("N")[..8];
        await using (var factory = api.Factory.WithWebHostBuilder(b => b
            .UseSetting(TelemetryRegistration.OtlpEndpointSetting, collector.Endpoint)
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")))
        {
            await new GraphQLClient(factory.CreateClient()).QueryAsync(Query(name));
        } // disposing the host shuts the providers down, which exports what is batched

        // A loaded machine can finish the shutdown's export after the host has let go of it.
        var traces = await collector.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(30));
        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        // Protobuf carries strings as UTF-8 bytes: the span name and the service name are in the body.
        Assert.Contains(traces, r => r.Contains($"query {name}") && r.Contains(TelemetryRegistration.ServiceName));
        Assert.Contains(await collector.WaitForAsync("/v1/metrics", TimeSpan.FromSeconds(30)), r => r.Contains("cja.graphql.request.duration"));
    }

    [Fact]
    public async Task Every_response_carries_a_request_id_that_differs_between_requests()
    {
        var http = api.Factory.CreateClient();
        using var first = await http.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        using var second = await http.PostAsJsonAsync("/graphql", new { query = "{ __typename }" });
        var ids = new[] { first, second }.Select(r => Assert.Single(r.Headers.GetValues("X-Request-Id"))).ToList();
        Assert.All(ids, id => Assert.False(string.IsNullOrWhiteSpace(id)));
        Assert.NotEqual(ids[0], ids[1]);
    }

    private static List<MetricPoint> Points(List<Metric> metrics, string name)
    {
        var points = new List<MetricPoint>();
        lock (metrics)
        {
            foreach (var metric in metrics.Where(m => m.Name == name))
                foreach (ref readonly var point in metric.GetMetricPoints()) points.Add(point);
        }
        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }

    /// <summary>
    /// Accepts OTLP/HTTP exports (POST /v1/traces, /v1/metrics, /v1/logs with a protobuf body) and
    /// answers 200 with an empty protobuf ExportServiceResponse, as a collector does.
    /// </summary>
    private sealed class OtlpCollectorStandIn : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentBag<(string Path, Export Export)> _received = [];

        public OtlpCollectorStandIn()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public async Task<List<Export>> WaitForAsync(string path, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (true)
            {
                var received = _received.Where(r => r.Path == path).Select(r => r.Export).ToList();
                if (received.Count > 0 || DateTime.UtcNow > until) return received;
                await Task.Delay(100);
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) when (!_listener.IsListening) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Add((context.Request.Url!.AbsolutePath, new Export(context.Request.ContentType ?? "", body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        public void Dispose() => _listener.Close();
    }

    private sealed record Export(string ContentType, byte[] Body)
    {
        public bool Contains(string text) => Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
