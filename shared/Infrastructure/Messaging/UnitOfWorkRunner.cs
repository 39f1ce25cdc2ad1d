using Governance.Infrastructure.Data;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.Telemetry;

namespace Governance.Infrastructure.Messaging;

/// <summary>Runs a piece of work in one transaction with the outbox, and wakes the relay after
/// the commit. API handlers, consumers and background work that changes state all go through here:
/// it is the one place a service opens a transaction.</summary>
public sealed class UnitOfWorkRunner<TDatabase>(TDatabase database, Outbox<TDatabase> outbox, TimeProvider time)
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
            var counters = new CounterChanges();
            var uow = new UnitOfWork<TDatabase>(connection, transaction, outbox, now, counters);
            var done = await work(uow);
            await counters.ApplyAsync(connection, transaction, database.Provider); // last: the shared rows' locks are held the shortest
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

    public Task RunAsync(Func<UnitOfWork<TDatabase>, Task> work, CancellationToken ct = default) =>
        RunAsync<bool>(async uow => { await work(uow); return true; }, ct);
}
