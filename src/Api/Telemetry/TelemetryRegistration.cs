using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CommunityJustice.Analytics.Api.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>Setting that turns telemetry on without an OTLP endpoint (e.g. to add another exporter in code).</summary>
    public const string EnabledSetting = "Telemetry:Enabled";

    /// <summary>The standard OpenTelemetry variable; setting it turns telemetry on and exports there.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "community-justice-analytics-api";

    /// <summary>
    /// OpenTelemetry traces, metrics and logs (docs/operations.md), on only when an OTLP endpoint is
    /// configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, with the other standard <c>OTEL_*</c>
    /// variables) or <c>Telemetry:Enabled</c> is true: spans cost time on every request, and an API
    /// with nowhere to send them should not pay it. Every response carries <c>X-Request-Id</c>, the
    /// id its log lines carry as <c>RequestId</c>.
    /// </summary>
    public static WebApplicationBuilder AddAnalyticsTelemetry(this WebApplicationBuilder builder)
    {
        var otlpEndpoint = builder.Configuration[OtlpEndpointSetting];
        if (!builder.Configuration.GetValue(EnabledSetting, !string.IsNullOrWhiteSpace(otlpEndpoint))) return builder;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(ApiTelemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddSource(ApiTelemetry.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(ApiTelemetry.SourceName)
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging();
        if (!string.IsNullOrWhiteSpace(otlpEndpoint)) telemetry.UseOtlpExporter();
        return builder;
    }

    /// <summary>Answers every request with <c>X-Request-Id</c>, so a user can quote it and an operator find its log lines.</summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
            return next(http);
        });
}
