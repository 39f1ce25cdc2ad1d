using Governance.Infrastructure.Hosting;
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
    WebRootPath = string.IsNullOrWhiteSpace(configuredWebRoot) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : configuredWebRoot,
});
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddTransforms(transforms => transforms.ExpectContinueForLargeBodies()); // a refused upload stays a 413 (LargeBodies.cs)

// Readiness probes must fail fast: a service that hangs is as unavailable as one that is down, and
// an orchestrator polling /health/ready should not wait longer than its own probe timeout.
var healthTimeout = builder.Configuration.GetValue("Gateway:HealthTimeout", TimeSpan.FromSeconds(2));
builder.Services.AddHttpClient("health", c => c.Timeout = healthTimeout);

var app = builder.Build();
// First: every answer, the services' passed on and the gateway's own (pages, health, 404s), carries them
// (SecurityHeaders.cs, shared with the Host).
app.UseSecurityHeaders(app.Configuration);

// Live: the gateway process itself answers. It deliberately ignores the services, so that a
// restart policy does not kill the gateway for a fault that lies elsewhere.
app.MapGet("/health/live", () => TypedResults.Ok(new { status = "live" }));

// Ready: the gateway is only useful when every service behind it is ready. The destinations are read
// from YARP's live state, not a separate list, so they cannot drift from where requests really go.
app.MapGet("/health/ready", async (IProxyStateLookup proxy, IHttpClientFactory clients, CancellationToken ct) =>
{
    var http = clients.CreateClient("health");
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

// ---- Web pages (issue #5): served here so users see one address for pages and API. Client routes
// (/worker, /command-centre, /county …) get index.html; the API's prefixes never do, so an unknown
// API path stays a 404 instead of turning into a page. Routing ran first: proxied requests are left alone.
string[] apiPrefixes = ["grids", "incidents", "dispatch", "open311", "health", "auth"];
app.Use((context, next) =>
{
    var path = context.Request.Path.Value ?? "/";
    var first = path.TrimStart('/').Split('/')[0];
    if (context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && !Path.HasExtension(path) && !apiPrefixes.Contains(first, StringComparer.OrdinalIgnoreCase))
        context.Request.Path = "/index.html";
    return next(context);
});
app.UseStaticFiles(new StaticFileOptions
{
    // Bundled files carry a content hash in their names: cache them for good; index.html never.
    OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
        file.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
});

app.Run();

internal sealed record Probe(string Service, string Destination, string Url, bool Ready, string Detail);
