using System.Text.Json;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Telemetry;

namespace Governance.Infrastructure.Outbox;

/// <summary>
/// The transactional outbox of one service's database. A change and the messages that announce it
/// are written in the same transaction, so they cannot part ways; <see cref="OutboxRelay{TDatabase}"/>
/// publishes them afterwards. Each row's id becomes the message id on the wire, so a row that is
/// published twice (relay died before marking it sent) is recognised by the consumer's inbox.
/// </summary>
public sealed class Outbox<TDatabase>(TDatabase database, TimeProvider time) where TDatabase : Database
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>The outbox's rows, as a unit of work writes them (at its transaction's end, <see cref="UnitOfWork.InsertAtCommit"/>).</summary>
    public static readonly InsertTable Table = new("outbox_messages", ["id", "message_type", "body", "created_at_ms", "trace_parent"]);

    /// <summary>The row that announces <paramref name="message"/>, made when the message is queued: its id (the
    /// message id on the wire), its moment, and the span that queued it (the request's, a consumed message's), so
    /// that the relay's publish continues its trace (MessageTraces).</summary>
    public object?[] Row(object message) =>
    [
        Guid.CreateVersion7(), message.GetType().FullName, JsonSerializer.Serialize(message, message.GetType(), MessageJson.Options),
        time.GetUtcNow().ToUnixTimeMilliseconds(), MessageTraces.CurrentTraceParent(),
    ];

    /// <summary>Tells the relay in this process that rows were committed, so it need not wait for
    /// its next poll. Other instances find the rows by polling.</summary>
    public void Notify()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { /* already awake */ }
        }
    }

    internal Task<bool> WaitAsync(TimeSpan pollInterval, CancellationToken ct) => _wake.WaitAsync(pollInterval, ct);

    internal TDatabase Database => database;
}
