using System.Text.Json;
using Governance.Dispatch.Live;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Apis;

/// <summary>
/// The board's live feed as server-sent events: "case-changed" whenever a case in the unit arrives,
/// moves, gets a card, a department, a supervision flag, or is accepted, resolved or verified. The
/// board reloads its queue on each; the queue stays the truth, the feed only says when to look.
/// </summary>
public static class LiveEventsApi
{
    /// <summary>Often enough that proxies (YARP's 100 s activity timeout, nginx's 60 s) keep the
    /// connection open.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static void MapLiveEventsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/dispatch/events/stream", StreamAsync).WithSummary("A unit's live feed of case changes (server-sent events)");

    private static async Task<IResult> StreamAsync(HttpContext http, string? unitCode, LiveBroadcaster broadcaster,
        DispatchDatabase db, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        var errors = new FieldErrors().Require("unitCode", unitCode, 64);
        if (errors.Any) return errors.ToProblem();
        // Only the caller's own units (and what lies below them), like the queue itself.
        await using (var c = await db.OpenReadAsync(http.RequestAborted))
            switch (await Jurisdiction.ReachAsync(c, Caller.Of(http), unitCode!.Trim()))
            {
                case Jurisdiction.UnitReach.Unknown: return TypedResults.NotFound();
                case Jurisdiction.UnitReach.Outside: return Jurisdiction.OutsideProblem();
            }

        using var subscription = broadcaster.Subscribe(unitCode!.Trim());
        // Ends with the browser's disconnect or the host's shutdown (an open stream would otherwise
        // hold a graceful stop for its whole timeout).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;

        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx in front: do not buffer

        try
        {
            // Tells the board it is connected, so it reloads once and then trusts the feed.
            await WriteAsync(http, "ready", JsonSerializer.Serialize(new { unitCode = subscription.UnitCode }, json.Value.SerializerOptions), ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(Heartbeat);
                try
                {
                    if (!await subscription.Reader.WaitToReadAsync(wait.Token)) break;
                    while (subscription.Reader.TryRead(out var e))
                        await WriteAsync(http, "case-changed", JsonSerializer.Serialize(e, json.Value.SerializerOptions), ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away or the host is stopping: nothing more to send.
        }
        return Results.Empty;
    }

    private static async Task WriteAsync(HttpContext http, string eventType, string data, CancellationToken ct)
    {
        await http.Response.WriteAsync($"event: {eventType}\ndata: {data}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
