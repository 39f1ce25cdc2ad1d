using Governance.Infrastructure.Data;
using Governance.Infrastructure.Outbox;

namespace Governance.Infrastructure.Messaging;

/// <summary>Runs a piece of work in one transaction with the outbox, and wakes the relay after
/// the commit. API handlers and consumers both go through here.</summary>
public sealed class UnitOfWorkRunner<TDatabase>(TDatabase database, Outbox<TDatabase> outbox, TimeProvider time)
    where TDatabase : Database
{
    public async Task<T> RunAsync<T>(Func<UnitOfWork<TDatabase>, Task<T>> work, CancellationToken ct = default)
    {
        // Whole milliseconds: what the databases store, so a value reads back as it was written.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var result = await database.InTransactionAsync((connection, transaction) =>
            work(new UnitOfWork<TDatabase>(connection, transaction, outbox, now)), ct);
        outbox.Notify();
        return result;
    }

    public Task RunAsync(Func<UnitOfWork<TDatabase>, Task> work, CancellationToken ct = default) =>
        RunAsync<bool>(async uow => { await work(uow); return true; }, ct);
}
