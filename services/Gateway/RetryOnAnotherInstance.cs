using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

/// <summary>
/// A request that never reached an instance goes to another instance of the same service.
///
/// Why: YARP retries nothing. Between an instance's death and the health checks taking it out of
/// rotation (appsettings.json: an active probe every 2 s, two failures in a row) every request the
/// load balancer sent there would fail with 502, though the other instance was fine. When the
/// connection was refused (HttpRequestError.ConnectionError: no byte of the request was sent, the body
/// not read yet) sending it elsewhere is safe for every method, a filing included. A GET or HEAD that
/// failed in any other way before an answer started (the instance died while working on it) is
/// resent too: reading twice changes nothing.
///
/// Not resent: any other request the instance may have received (a POST in flight when it died).
/// The service may have committed it; the caller gets 502 and decides. A filing carries its
/// Idempotency-Key (docs/api.md), so trying again returns the case if the first try stored it. Nor
/// a request whose answer had started (it is cut, as YARP cuts it), nor one that timed out.
///
/// Runs first in the proxy pipeline, around load balancing, so each try picks among the instances
/// not tried yet; the passive health check (last in the pipeline) counts every failed try against
/// its instance.
/// </summary>
internal static class RetryOnAnotherInstance
{
    public static void UseRetryOnAnotherInstance(this IReverseProxyApplicationBuilder proxy) =>
        proxy.Use(async (context, next) =>
        {
            var feature = context.GetReverseProxyFeature();
            var candidates = feature.AvailableDestinations; // load balancing narrows this to the one it picks
            var tried = new List<DestinationState>();
            while (true)
            {
                await next(context);
                if (context.Response.HasStarted || feature.ProxiedDestination is not { } failed || !SafeToResend(context)) return;
                tried.Add(failed);
                var others = candidates.Where(d => !tried.Contains(d)).ToList();
                if (others.Count == 0) return; // the 502 stands
                feature.AvailableDestinations = others;
                context.Features.Set<IForwarderErrorFeature>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
        });

    private static bool SafeToResend(HttpContext context) => context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request } error
        && (error.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }
            || HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
}
