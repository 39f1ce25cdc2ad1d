using RabbitMQ.Client;

namespace Governance.FaultTests.Harness;

/// <summary>
/// Replays poison messages: moves them from a service's <c>_error</c> queue (where MassTransit put
/// them after the last retry) back to the service's queue, once the cause is fixed.
/// <para>Each message is taken with <c>basic.get</c> (no auto-ack), published unchanged to the
/// default exchange with the target queue as routing key — the same body and the same properties:
/// message id, headers (MassTransit's <c>MT-Fault-*</c> diagnostics included), content type,
/// persistence — and acknowledged in the error queue only after the broker confirmed the copy. A
/// crash in between leaves the message in both queues at worst, never in neither; the consumer's
/// inbox drops the copy it has already processed, so a replay is safe to repeat.</para>
/// <para>Operators: the same procedure as deploy/README.md's "Poison messages" (the management
/// plugin's "Move messages", or a shovel), in code. Call it with a connection to the service's
/// virtual host, e.g. <c>await ErrorQueueReplay.MoveAsync(connection, "governance.dispatch_error",
/// "governance.dispatch")</c>.</para>
/// </summary>
public static class ErrorQueueReplay
{
    /// <summary>Moves up to <paramref name="max"/> messages; returns how many it moved. Stops when
    /// the source queue is empty. A copy the broker cannot route (the target queue does not exist)
    /// throws before the original is acknowledged, so nothing is dropped.</summary>
    public static async Task<int> MoveAsync(IConnection connection, string fromQueue, string toQueue, int max = 10_000,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(fromQueue, toQueue);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        var moved = 0;
        while (moved < max)
        {
            var message = await channel.BasicGetAsync(fromQueue, autoAck: false, ct);
            if (message is null) break;
            // Copies every property: message id, correlation id, headers, content type, delivery mode...
            var properties = new BasicProperties(message.BasicProperties);
            // mandatory: an unroutable copy comes back as an exception instead of vanishing.
            // With confirmation tracking the call returns once the broker has the copy.
            await channel.BasicPublishAsync(exchange: "", routingKey: toQueue, mandatory: true, properties, message.Body.ToArray(), ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }
}
