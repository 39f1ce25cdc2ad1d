using System.Data.Common;
using Dapper;

namespace Governance.Infrastructure.Messaging;

/// <summary>A message a consumer is about to handle: the key of its inbox row.</summary>
public readonly record struct InboxEntry(Guid MessageId, string Consumer);

/// <summary>
/// The inbox rows of a whole group commit, recorded at the group's start in one statement instead of one per
/// delivery (issue #19: four inbox rows per case, one per consuming service and message). Each change of the group
/// then asks <see cref="Inbox.FirstTimeAsync"/> as it would alone, and is answered from here: the first change of a
/// message id that the statement inserted handles it; a repeat (done before, or the same delivery twice in one
/// group) does nothing. PostgreSQL only: on SQLite a statement is an in-process call, and a row per change costs
/// nothing worth a second path.
/// </summary>
public sealed class InboxClaims
{
    private readonly HashSet<InboxEntry> _asked;
    private readonly HashSet<InboxEntry> _inserted;

    private InboxClaims(HashSet<InboxEntry> asked, HashSet<InboxEntry> inserted)
    {
        _asked = asked;
        _inserted = inserted;
    }

    /// <summary>Inserts the rows that are not there yet; each entry with the moment of its own change.</summary>
    public static async Task<InboxClaims> RecordAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(InboxEntry Entry, DateTimeOffset At)> entries)
    {
        var inserted = await connection.QueryAsync<(Guid MessageId, string Consumer)>("""
            INSERT INTO inbox_messages (message_id, consumer, processed_at_ms)
            SELECT * FROM unnest(@ids, @consumers, @ats)
            ON CONFLICT (message_id, consumer) DO NOTHING
            RETURNING message_id, consumer
            """, new
        {
            ids = entries.Select(e => e.Entry.MessageId).ToArray(),
            consumers = entries.Select(e => e.Entry.Consumer).ToArray(),
            ats = entries.Select(e => e.At.ToUnixTimeMilliseconds()).ToArray(),
        }, transaction);
        return new InboxClaims(entries.Select(e => e.Entry).ToHashSet(), inserted.Select(r => new InboxEntry(r.MessageId, r.Consumer)).ToHashSet());
    }

    /// <summary>True for the first change to ask about a row this group inserted, false for a repeat; null for an
    /// entry the group was not given (its change records it itself).</summary>
    public bool? TryTake(InboxEntry entry) => _asked.Contains(entry) ? _inserted.Remove(entry) : null;
}
