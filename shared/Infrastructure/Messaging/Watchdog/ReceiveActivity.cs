using System.Collections.Concurrent;
using MassTransit;

namespace Governance.Infrastructure.Messaging.Watchdog;

/// <summary>What this process is doing with the messages of one queue, as the watchdog sees it.</summary>
/// <param name="LastReceivedAt">The last delivery received from the queue, or when this process started.</param>
/// <param name="SettlingSince">The oldest delivery whose consumers finished but whose acknowledgement has not:
/// the transport's part; null if none.</param>
public readonly record struct QueueActivity(DateTimeOffset LastReceivedAt, DateTimeOffset? SettlingSince);

/// <summary>Follows every delivery of this process from receipt through its consumers to its acknowledgement, per
/// queue, for the watchdog. Connected to every receive endpoint of the bus by MassTransit (AddReceiveObserver).</summary>
public sealed class ReceiveActivity(TimeProvider time) : IReceiveObserver
{
    private sealed class Delivery(string queue)
    {
        public string Queue { get; } = queue;
        public DateTimeOffset? ConsumedAt { get; set; }
    }

    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ReceiveContext, Delivery> _inFlight = new(ReferenceEqualityComparer.Instance);

    public QueueActivity Of(string queue)
    {
        var mine = _inFlight.Values.Where(d => d.Queue == queue).ToList();
        var settling = mine.Where(d => d.ConsumedAt is not null).Select(d => d.ConsumedAt!.Value).DefaultIfEmpty().Min();
        return new QueueActivity(_last.TryGetValue(queue, out var at) ? at : _started, settling == default ? null : settling);
    }

    public Task PreReceive(ReceiveContext context)
    {
        // rabbitmq://host:port/vhost/governance.incidents: the queue is the last segment.
        var queue = context.InputAddress.Segments[^1];
        _last[queue] = time.GetUtcNow();
        _inFlight[context] = new Delivery(queue);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Consumed(context);

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Consumed(context);

    public Task PostReceive(ReceiveContext context) => Settled(context);

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Settled(context);

    private Task Consumed(ConsumeContext context)
    {
        if (_inFlight.TryGetValue(context.ReceiveContext, out var delivery)) delivery.ConsumedAt = time.GetUtcNow();
        return Task.CompletedTask;
    }

    private Task Settled(ReceiveContext context)
    {
        _inFlight.TryRemove(context, out _);
        return Task.CompletedTask;
    }
}
