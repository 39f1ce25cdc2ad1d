using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Health;

// The gateway owns no data and runs no business logic: routes and cluster addresses come from the
// "ReverseProxy" configuration section, so moving a service only means changing configuration
// (e.g. ReverseProxy__Clusters__grids__Destinations__d1__Address=http://10.0.0.5:5101).
// The web pages are copied to wwwroot/ beside the executable by the build (services/Web/WebPages.targets).
// The pages are beside the executable unless configured elsewhere (ASPNETCORE_WEBROOT or --webroot).
var configuredWebRoot = new ConfigurationBuilder().AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args).Build()["webroot"];
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json (the routes) from beside the executable, as the Host reads its own: a systemd unit
    // starts it in /var/lib/governance (deploy/package/systemd), where the default (the working folder) found
    // no routes at all and every API path answered 404.
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = string.IsNullOrWhiteSpace(configuredWebRoot) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : configuredWebRoot,
});
builder.ListenOnDefaultAddressUnlessConfigured(); // http://127.0.0.1:5080 unless ASPNETCORE_URLS, --urls … (DefaultAddress.cs)
builder.Services.AddSystemd(); // Type=notify under systemd (deploy/package/systemd); nothing elsewhere
// The first span of a request's trace (YARP passes its traceparent on to the service), exported by OTLP when
// configured, and the configured console log format (TracingSetup.cs, the Host's own). After AddSystemd.
builder.AddGovernanceTracing("governance-gateway");
builder.Services.AddProblemDetails().AddProblemsForAnyAccept(); // problem+json even to a caller who accepts no JSON
builder.Services.AddGovernanceLanguages(); // its own problems in Chinese unless Accept-Language asks for English (Languages.cs)
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(transforms => transforms.ExpectContinueForLargeBodies()); // a refused upload stays a 413 (LargeBodies.cs)
// An instance going down and coming back: one line each, not a stack trace per failed probe (HealthTransitions.cs).
builder.LogHealthTransitionsOnce();

// Passive health (the clusters' "Passive" in appsettings.json): an instance whose requests fail in transport
// (refused, reset) more than 30% of the time over the last 10 s, with at least 5 requests, is taken out of
// rotation for the cluster's ReactivationPeriod. YARP's default window, 60 s, let a busy instance that just
// died hide behind a minute of successes: hundreds of failures before it counted.
builder.Services.Configure<TransportFailureRateHealthPolicyOptions>(passive =>
{
    passive.DetectionWindowSize = TimeSpan.FromSeconds(10);
    passive.MinimalTotalCountThreshold = 5;
});

// A TLS proxy in front (deploy/README.md) names the user's address in X-Forwarded-For: believed from loopback and
// Governance:TrustedProxies only; YARP passes the settled address on to the services in its own X-Forwarded-For.
builder.AddForwardedClients();
builder.Services.AddMonitoringNetworks(); // who sees the instances' addresses in /health/ready (MonitoringNetworks.cs)
builder.Services.AddOptions<GatewayOptions>().BindConfiguration("Gateway").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHttpClient("health").ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.HealthTimeout);

var app = builder.Build();
// First: every answer, the services' passed on and the gateway's own (pages, health, 404s), carries them
// (SecurityHeaders.cs, shared with the Host).
app.UseSecurityHeaders(app.Configuration);
app.UseForwardedClients();
// The language of the gateway's own problems; Accept-Language goes on to the services, which say theirs in it.
app.UseGovernanceLanguages();
// The gateway's own errors (a path it does not route, a service it cannot reach) as problem details, like
// the services' (theirs pass through untouched: they have a body already).
app.UseStatusCodePages();

// Live: the gateway process itself answers. It deliberately ignores the services, so that a
// restart policy does not kill the gateway for a fault that lies elsewhere.
app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));

// Ready: 200 "ready" when every instance of every service is, 200 "degraded" when some instance is not but
// every service still has one (the gateway routes around the others), 503 when a service has none (Readiness.cs).
app.MapGet("/health/ready", Readiness.ReportAsync);

// The API reference page over the services' OpenAPI documents: those the routes send on (/openapi/{service}.json,
// each to its service's cluster), read from the same configuration, so the page lists what the gateway serves.
app.MapApiReference(builder.Configuration.GetSection("ReverseProxy:Routes").GetChildren()
    .Select(route => ApiReference.ServiceOf(route["Match:Path"])).OfType<string>().ToList());

app.EndEventStreamsOnStop(); // open board streams would otherwise hold a stop for its whole timeout (EventStreams.cs)
app.MapReverseProxy(proxy =>
{
    proxy.UseRetryOnAnotherInstance(); // a request no instance received goes to another (RetryOnAnotherInstance.cs)
    // The rest is YARP's default pipeline; the clusters' health checks are in appsettings.json.
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

// ---- Web pages (issue #5): served here so users see one address for pages and API; the same code as
// the Host's (WebPages.cs, linked from shared/Infrastructure): the pages' routes get index.html, any other
// path the gateway does not route is a 404 problem.
app.UseWebPages();

try
{
    app.Services.GetService<IStartupValidator>()?.Validate(); // the checks Run would make, before it logs a stack trace
}
catch (OptionsValidationException invalid)
{
    // As the Host: one line an operator can act on, and EX_CONFIG rather than a crash's exit code.
    Console.Error.WriteLine($"Governance gateway cannot start: {string.Join("; ", invalid.Failures)}");
    return 78;
}
app.Run();
return 0;
