using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;

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
builder.Services.AddProblemDetails();
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(transforms => transforms.ExpectContinueForLargeBodies()); // a refused upload stays a 413 (LargeBodies.cs)

builder.Services.AddOptions<GatewayOptions>().BindConfiguration("Gateway").ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHttpClient("health").ConfigureHttpClient((sp, c) => c.Timeout = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.HealthTimeout);

var app = builder.Build();
// First: every answer, the services' passed on and the gateway's own (pages, health, 404s), carries them
// (SecurityHeaders.cs, shared with the Host).
app.UseSecurityHeaders(app.Configuration);
// The gateway's own errors (a path it does not route, a service it cannot reach) as problem details, like
// the services' (theirs pass through untouched: they have a body already).
app.UseStatusCodePages();

// Live: the gateway process itself answers. It deliberately ignores the services, so that a
// restart policy does not kill the gateway for a fault that lies elsewhere.
app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));

// Ready: the gateway is only useful when every service behind it is ready. The destinations are read
// from YARP's live state, not a separate list, so they cannot drift from where requests really go.
app.MapGet("/health/ready", async (IProxyStateLookup proxy, IHttpClientFactory clients, IOptions<GatewayOptions> options, CancellationToken ct) =>
{
    var http = clients.CreateClient("health");
    var healthTimeout = options.Value.HealthTimeout;
    var probes = proxy.GetClusters()
        .SelectMany(c => c.Destinations.Values.Select(d => (Cluster: c.ClusterId, Destination: d.DestinationId,
            Address: d.Model.Config.Health ?? d.Model.Config.Address)))
        .OrderBy(p => p.Cluster).ThenBy(p => p.Destination)
        .Select(async p =>
        {
            var url = new Uri(new Uri(p.Address.TrimEnd('/') + "/"), "health/ready");
            try
            {
                using var response = await http.GetAsync(url, ct);
                return new Probe(p.Cluster, p.Destination, url.ToString(), response.IsSuccessStatusCode,
                    $"HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // TaskCanceledException here is the client timeout (or the caller hanging up).
                return new Probe(p.Cluster, p.Destination, url.ToString(), false,
                    e is TaskCanceledException ? $"no answer within {healthTimeout.TotalSeconds:0.#}s" : e.Message);
            }
        });
    var results = await Task.WhenAll(probes);
    var ready = results.Length > 0 && results.All(r => r.Ready);
    var body = new
    {
        status = ready ? "ready" : "unready",
        down = results.Where(r => !r.Ready).Select(r => r.Service).Distinct().ToArray(),
        services = results,
    };
    return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
});

app.EndEventStreamsOnStop(); // open board streams would otherwise hold a stop for its whole timeout (EventStreams.cs)
app.MapReverseProxy();

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

internal sealed record Probe(string Service, string Destination, string Url, bool Ready, string Detail);
