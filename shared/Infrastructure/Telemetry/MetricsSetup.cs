using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Governance.Infrastructure.Telemetry;

/// <summary>
/// The Host's metrics: the Meter "Governance" (GovernanceMetrics, OutboxGauges), ASP.NET Core's, HttpClient's
/// and the runtime's, served on /metrics in Prometheus's text format and also sent by OTLP when an endpoint
/// is configured.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    public static OpenTelemetryBuilder AddGovernanceMetrics(this OpenTelemetryBuilder telemetry, WebApplicationBuilder builder)
    {
        var export = TracingSetup.OtlpConfigured(builder.Configuration)
            || !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
        return telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(GovernanceMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter();
            if (export) metrics.AddOtlpExporter();
        });
    }

    /// <summary>
    /// Anonymous, like the health checks: it holds counts, no case and no person. A service listens on
    /// loopback or an internal address, and the gateway forwards only the services' own prefixes, so
    /// /metrics is reached by whoever can reach the service directly (Prometheus), not through the gateway.
    /// </summary>
    public static void MapGovernanceMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous();
}
