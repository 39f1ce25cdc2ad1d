using System.Data.Common;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;

namespace Governance.Infrastructure.Messaging;

/// <summary>
/// One change: a command's view of an open transaction, with the moment it happens and the outbox it
/// announces through. Store methods that write take it (so a write cannot run without a transaction);
/// store methods that read take any <see cref="DbSession"/>, and given this one they read inside the
/// transaction. It neither commits nor rolls back: whoever opened the transaction does
/// (<see cref="UnitOfWorkRunner{TDatabase}"/>, one command per transaction today). That is the shape
/// group commit needs: one transaction, several commands each with a unit of work of its own (its
/// own Now and messages), one commit.
/// </summary>
public abstract class UnitOfWork : DbSession
{
    public abstract override DbTransaction Transaction { get; }

    /// <summary>The moment this unit of work happens, read once from the TimeProvider.</summary>
    public abstract DateTimeOffset Now { get; }

    /// <summary>Queues a message to be published once (and only if) the transaction commits.</summary>
    public abstract Task PublishAsync(object message);

    /// <summary>Adds to counter rows (the dashboard's rollups) just before the transaction commits, with the
    /// other changes of the transaction, in lock order (<see cref="CounterChanges"/>). Not visible to reads
    /// inside this transaction.</summary>
    public abstract void AddToCounters(CounterTable table, IReadOnlyDictionary<string, object?> values);

    /// <summary>The inbox rows this change's group recorded at its start for all its changes (one statement), or null.</summary>
    internal InboxClaims? InboxClaims { get; set; }

    /// <summary>Inserts a row just before the transaction commits, with the other rows of its table in as few
    /// statements as can be (<see cref="RowsAtCommit"/>): for rows with fresh keys that nothing reads inside
    /// the transaction. Not visible to reads inside it.</summary>
    public abstract void InsertAtCommit(InsertTable table, params object?[] values);

    /// <summary>Reads once for the whole transaction — for a group commit, once for all its changes — what none of
    /// them writes (the routing policy, a unit's chain while routing): the first change reads it, the others are
    /// given the same answer. The group is one transaction committed at one moment, so one read for all of it is
    /// as true as one read each. Only for data the transaction's own changes never write: a change would not see
    /// what an earlier one in its group wrote.</summary>
    public abstract Task<T> ReadOnceAsync<T>(string key, Func<Task<T>> read);
}

/// <summary>A unit of work on one service's database (the type says whose data it is).</summary>
/// <param name="atCommit">Where its counter additions and its rows left for the end wait for the commit: the
/// transaction's own, shared by the units of a group commit (whoever commits applies them).</param>
public sealed class UnitOfWork<TDatabase>(DbConnection connection, DbTransaction transaction, Outbox<TDatabase> outbox, DateTimeOffset now,
    AtCommit atCommit)
    : UnitOfWork where TDatabase : Database
{
    public override DbConnection Connection => connection;
    public override DbTransaction Transaction => transaction;
    public override DatabaseProvider Provider => outbox.Database.Provider;
    public override DateTimeOffset Now => now;

    private readonly List<Type> _published = [];

    /// <summary>Whether any message was queued: only then is the relay worth waking after the commit.</summary>
    internal bool Published => _published.Count > 0;

    /// <summary>The types of the messages queued, counted once the change commits (GovernanceMetrics).</summary>
    internal IReadOnlyList<Type> PublishedTypes => _published;

    public override void AddToCounters(CounterTable table, IReadOnlyDictionary<string, object?> values) => atCommit.Counters.Add(table, values);

    public override void InsertAtCommit(InsertTable table, params object?[] values) => atCommit.Rows.Add(table, values);

    public override Task<T> ReadOnceAsync<T>(string key, Func<Task<T>> read) => atCommit.Reads.OnceAsync(key, read);

    /// <summary>The message's outbox row is written with the transaction's other rows at its end (one statement
    /// for a group commit's messages).</summary>
    public override Task PublishAsync(object message)
    {
        _published.Add(message.GetType());
        InsertAtCommit(Outbox<TDatabase>.Table, outbox.Row(message));
        return Task.CompletedTask;
    }
}
