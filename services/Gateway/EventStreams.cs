/// <summary>
/// Server-sent event streams passing through the gateway (the boards' /dispatch/events/stream) end
/// when the gateway stops, as Dispatch ends its own (services/Dispatch/Apis/LiveEventsApi.cs).
///
/// Why: a graceful stop waits for requests in flight, and an event stream never finishes by itself,
/// so one open board held every stop or restart of the gateway for the whole shutdown timeout (30 s;
/// deploy/run-distributed.sh gives up after 15 s and kills it). Ending the stream drops the client's
/// connection (the proxied request to Dispatch is cancelled with it); the board reconnects within
/// seconds, to the restarted gateway or another instance, and reloads its queue. Ordinary requests
/// are left to finish.
/// </summary>
internal static class EventStreams
{
    public static void EndEventStreamsOnStop(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (context, next) =>
        {
            // Runs on the stopping thread: once the response has started its headers no longer change,
            // so reading them there is safe; Abort may be called from any thread.
            using var registration = stopping.Register(static state =>
            {
                var c = (HttpContext)state!;
                if (c.Response.HasStarted && c.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true)
                    c.Abort();
            }, context);
            await next(context);
        });
    }
}
