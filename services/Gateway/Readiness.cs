using Governance.Infrastructure.Hosting;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

/// <summary>
/// The gateway's /health/ready: asks every instance of every service for its own /health/ready, now,
/// and says per service how many answered.
///
/// <list type="bullet">
/// <item>200 "ready": every instance of every service is ready.</item>
/// <item>200 "degraded": some instance is not, but every service still has one that is: the gateway
/// routes around the others (RetryOnAnotherInstance.cs and the clusters' health checks), so users
/// are served and an orchestrator must not take the gateway out of rotation; the body names the
/// instances down.</item>
/// <item>503 "unready": some service has no ready instance at all, so its routes fail.</item>
/// </list>
///
/// Why its own probes rather than YARP's health state: readiness must say what is true now (a just
/// started gateway has not probed yet, and YARP's active checks need two failures in a row), and
/// the probes take at most Gateway:HealthTimeout. YARP's view is reported beside them ("routed":
/// whether requests go there at the moment). The destinations come from YARP's live state, not a
/// separate list, so they cannot drift from where requests really go.
///
/// The gateway faces users: each instance's address and error text are shown only to the machine itself
/// and the monitoring networks (MonitoringNetworks.cs); anyone else gets the same statuses without them.
/// </summary>
internal static class Readiness
{
    public static async Task<IResult> ReportAsync(HttpContext context, IProxyStateLookup proxy, IHttpClientFactory clients,
        IOptions<GatewayOptions> options, MonitoringNetworks monitoring, CancellationToken ct)
    {
        var http = clients.CreateClient("health");
        var timeout = options.Value.HealthTimeout;
        var services = await Task.WhenAll(proxy.GetClusters().OrderBy(c => c.ClusterId).Select(async cluster =>
        {
            var routed = cluster.DestinationsState.AvailableDestinations;
            var instances = await Task.WhenAll(cluster.Destinations.Values.OrderBy(d => d.DestinationId)
                .Select(d => ProbeAsync(http, d, routed.Contains(d), timeout, ct)));
            var ready = instances.Count(i => i.Ready);
            var status = ready == 0 ? "down" : ready < instances.Length ? "degraded" : "ready";
            return new ServiceReadiness(cluster.ClusterId, status, ready, instances);
        }));
        var down = services.Where(s => s.Status == "down").Select(s => s.Service).ToArray();
        var degraded = services.Where(s => s.Status == "degraded").Select(s => s.Service).ToArray();
        var overall = services.Length == 0 || down.Length > 0 ? "unready" : degraded.Length > 0 ? "degraded" : "ready";
        context.Response.Headers.CacheControl = "no-store"; // it says what is true now, and to whom
        object shown = monitoring.Allows(context) ? services : services.Select(s => new
        {
            s.Service, s.Status, s.ReadyInstances,
            Instances = s.Instances.Select(i => new { i.Destination, i.Ready, i.Routed }),
        });
        return Results.Json(new { status = overall, down, degraded, services = shown },
            statusCode: overall == "unready" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static async Task<InstanceReadiness> ProbeAsync(HttpClient http, DestinationState destination, bool routed, TimeSpan timeout, CancellationToken ct)
    {
        var config = destination.Model.Config;
        var url = new Uri(new Uri((config.Health ?? config.Address).TrimEnd('/') + "/"), "health/ready");
        try
        {
            using var response = await http.GetAsync(url, ct);
            return new InstanceReadiness(destination.DestinationId, url.ToString(), response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}", routed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // TaskCanceledException here is the client timeout (or the caller hanging up).
            return new InstanceReadiness(destination.DestinationId, url.ToString(), false,
                e is TaskCanceledException ? $"no answer within {timeout.TotalSeconds:0.#}s" : e.Message, routed);
        }
    }
}

/// <summary>One service: "ready" (all instances), "degraded" (some) or "down" (none).</summary>
internal sealed record ServiceReadiness(string Service, string Status, int ReadyInstances, InstanceReadiness[] Instances);

/// <summary>One instance (a YARP destination): its own readiness now, and whether the gateway routes to it.</summary>
internal sealed record InstanceReadiness(string Destination, string Url, bool Ready, string Detail, bool Routed);
