using System.Diagnostics;

namespace Governance.Infrastructure.Telemetry;

/// <summary>
/// A message's trace across the outbox. The change that queues a message runs under the request's (or the
/// consumed message's) span; the relay publishes it later, from a background loop with no span of its own.
/// So the outbox row keeps the W3C traceparent of the span that wrote it, and the relay publishes under a
/// span whose parent is that traceparent: MassTransit's send span, and through its headers the consumer's,
/// land in the same trace as the request that caused them.
/// </summary>
public static class MessageTraces
{
    private static readonly ActivitySource Source = new(TracingSetup.SourceName);

    /// <summary>The current span as a W3C traceparent ("00-{trace id}-{span id}-{flags}"), or null.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The relay's span for one row: a child of the span that queued it when the row kept one.</summary>
    public static Activity? StartRelay(string messageType, Guid messageId, string? traceParent)
    {
        var parent = ActivityContext.TryParse(traceParent, null, out var parsed) ? parsed : default;
        var name = messageType[(messageType.LastIndexOf('.') + 1)..];
        return Source.StartActivity($"outbox relay {name}", ActivityKind.Internal, parent,
            [new("messaging.message.id", messageId.ToString()), new("messaging.message.type", messageType)]);
    }
}
