using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Governance.Infrastructure.Telemetry;

/// <summary>
/// Traces and the console's log format, for the Host and the gateway alike (this file is linked into the
/// gateway, which references no project of ours). Spans are always made, so trace ids reach the logs and
/// the outbox (docs/observability.md); they leave the process only when an OTLP endpoint is configured
/// (OTEL_EXPORTER_OTLP_ENDPOINT and the exporter's other standard OTEL_* settings).
/// </summary>
public static class TracingSetup
{
    /// <summary>Our own spans (the outbox relay's publish).</summary>
    public const string SourceName = "Governance";

    /// <summary>MassTransit 8's ActivitySource (publish, send, receive, consume) and Npgsql's (each command).</summary>
    public static readonly string[] LibrarySources = ["MassTransit", "Npgsql"];

    public static bool OtlpConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    /// <param name="serviceName">service.name of every span ("governance-incidents", "governance-gateway").</param>
    /// <param name="sources">ActivitySources to record beyond ASP.NET Core's and HttpClient's.</param>
    public static OpenTelemetryBuilder AddGovernanceTracing(this WebApplicationBuilder builder, string serviceName, params string[] sources)
    {
        UseConfiguredConsoleFormatter(builder);
        var export = OtlpConfigured(builder.Configuration);
        return builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new NoRootClientCalls()))
                    .AddAspNetCoreInstrumentation(o => o.Filter = http => !Unobserved(http.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddSource(sources);
                if (export) tracing.AddOtlpExporter();
            });
    }

    /// <summary>Probes and scrapes, several a minute each: a trace apiece would bury the cases' traces.</summary>
    private static bool Unobserved(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    /// <summary>
    /// "Logging:Console:FormatterName" (json in the packaged settings) wins everywhere. Under systemd,
    /// AddSystemd sets journald's formatter after the configuration was read, so without this a configured
    /// json would be ignored exactly where it is configured. Registered after AddSystemd, so it runs after it.
    /// </summary>
    private static void UseConfiguredConsoleFormatter(WebApplicationBuilder builder)
    {
        var formatter = builder.Configuration["Logging:Console:FormatterName"];
        if (!string.IsNullOrWhiteSpace(formatter))
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = formatter);
    }

    /// <summary>
    /// A span without a parent is recorded unless it is an outgoing call (a database command, an HTTP
    /// request). Such calls without a parent are the background loops' polling (the outbox relay, the
    /// deadline sweeper, the senders: several a second per service), not anyone's request; a call made
    /// for a request, a consumed message or a relayed publish has a parent and is recorded with it.
    /// </summary>
    private sealed class NoRootClientCalls : Sampler
    {
        public override SamplingResult ShouldSample(in SamplingParameters parameters) =>
            new(parameters.Kind == ActivityKind.Client ? SamplingDecision.Drop : SamplingDecision.RecordAndSample);
    }
}
