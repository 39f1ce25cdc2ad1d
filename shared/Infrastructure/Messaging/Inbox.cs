using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;

namespace Governance.Infrastructure.Messaging;

/// <summary>
/// The idempotent inbox: a consumer records a message id in the same transaction as its effect.
/// A redelivered message finds its id already there and changes nothing.
/// </summary>
public static class Inbox
{
    /// <summary>True if this is the first time <paramref name="consumer"/> sees the message: answered from the rows its
    /// group commit recorded for all its changes at once (<see cref="InboxClaims"/>), or by recording its own.</summary>
    public static Task<bool> FirstTimeAsync(UnitOfWork uow, Guid messageId, string consumer) =>
        uow.InboxClaims?.TryTake(new InboxEntry(messageId, consumer)) is { } first ? Task.FromResult(first) : TryRecordAsync(uow, messageId, consumer);

    /// <summary>True if this is the first time <paramref name="consumer"/> sees the message.</summary>
    public static async Task<bool> TryRecordAsync(UnitOfWork uow, Guid messageId, string consumer)
    {
        var sql = Sql.InsertIfAbsent(uow.Provider, "inbox_messages", "message_id, consumer, processed_at_ms",
            "@MessageId, @Consumer, @At", "message_id, consumer", "message_id = @MessageId AND consumer = @Consumer");
        var inserted = await uow.ExecuteAsync(sql,
            new { MessageId = messageId, Consumer = consumer, At = uow.Now.ToUnixTimeMilliseconds() });
        return inserted == 1;
    }
}
