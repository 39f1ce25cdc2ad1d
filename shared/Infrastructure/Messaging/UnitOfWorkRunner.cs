using Governance.Infrastructure.Data;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.Telemetry;

namespace Governance.Infrastructure.Messaging;

/// <summary>Runs a piece of work in one transaction with the outbox, and wakes the relay after
/// the commit. API handlers, consumers and background work that changes state all go through here:
/// it is the one place a service opens a transaction.</summary>
/// <param name="groups">The service's group commit (GroupCommit.cs), for <see cref="RunGroupedAsync{T}"/>; a runner
/// made without one (a test's) runs those alone.</param>
public sealed class UnitOfWorkRunner<TDatabase>(TDatabase database, Outbox<TDatabase> outbox, TimeProvider time,
    GroupCommit<TDatabase>? groups = null)
    where TDatabase : Database
{
    /// <summary>Whose database the changes go to ("incidents"): the service tag of their metrics.</summary>
    internal string ServiceName => database.ServiceName;

    public async Task<T> RunAsync<T>(Func<UnitOfWork<TDatabase>, Task<T>> work, CancellationToken ct = default)
    {
        // Whole milliseconds: what the databases store, so a value reads back as it was written.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        IReadOnlyList<Type> published = [];
        var result = await database.InTransactionAsync(async (connection, transaction) =>
        {
            var atCommit = new AtCommit();
            var uow = new UnitOfWork<TDatabase>(connection, transaction, outbox, now, atCommit);
            var done = await work(uow);
            await atCommit.ApplyAsync(connection, transaction, database.Provider); // last: the shared rows' locks are held the shortest
            published = uow.PublishedTypes; // the attempt that committed: a retried one is replaced
            return done;
        }, ct);
        // The relay in this process is woken only for messages there are: work that announces nothing
        // (a notice sent, a delivery settled) does not send it looking.
        if (published.Count > 0)
        {
            outbox.Notify();
            GovernanceMetrics.Committed(database.ServiceName, published);
        }
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction with the changes handed over at the same moment
    /// (group commit, issue #19): for changes many callers make at once (filing, the consumers on every case's
    /// path). The caller gets its result after the commit, as from <see cref="RunAsync{T}"/>; not cancellable
    /// once handed over (see GroupCommit.cs).</summary>
    /// <param name="inbox">The inbox row the work records first (a consumer's): the group records its changes' rows in one statement.</param>
    /// <param name="lockOrder">The key of the rows the work locks (a case's id): a group runs its changes in this order.</param>
    public Task<T> RunGroupedAsync<T>(Func<UnitOfWork<TDatabase>, Task<T>> work, InboxEntry? inbox = null, Guid? lockOrder = null) =>
        groups is null ? RunAsync(work) : groups.RunAsync(work, inbox, lockOrder);

    public Task RunAsync(Func<UnitOfWork<TDatabase>, Task> work, CancellationToken ct = default) =>
        RunAsync<bool>(async uow => { await work(uow); return true; }, ct);
}
