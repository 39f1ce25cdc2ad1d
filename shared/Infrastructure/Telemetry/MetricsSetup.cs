using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
    /// Without a token, like the health checks: it holds counts, no case and no person. But the standalone
    /// Host faces users, and counters, route names and the outbox backlog are for the county's operators:
    /// it answers only the machine itself and "Monitoring:AllowFrom" (MonitoringNetworks.cs), a 404 problem
    /// to anyone else, as for a path that does not exist. The gateway does not forward /metrics at all.
    /// </summary>
    public static void MapGovernanceMetrics(this IEndpointRouteBuilder app)
    {
        var networks = app.ServiceProvider.GetRequiredService<MonitoringNetworks>();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            // Never kept by a cache in front: what it answers depends on who asks.
            context.Response.Headers.CacheControl = "no-store";
            if (networks.Allows(context)) await next(context);
            else context.Response.StatusCode = StatusCodes.Status404NotFound;
        }), optionsName: null).AllowAnonymous();
    }
}
