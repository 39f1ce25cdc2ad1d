using System.Collections.Concurrent;
using System.Diagnostics;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Messaging;

/// <summary>
/// Group commit for a change many callers make at once (filing, issue #19): each caller hands over its
/// unit of work and waits; the units queued meanwhile are run one after another in one transaction and
/// committed together, and each caller then gets its own result, after that commit, as if it had run
/// alone (<see cref="UnitOfWorkRunner{TDatabase}"/>). One commit (one WAL flush in PostgreSQL, one SQLite
/// writer turn) stands for a whole group instead of one per case.
///
/// <list type="bullet">
/// <item>Each unit keeps what it would have alone: its own moment (<see cref="UnitOfWork.Now"/>, when its
/// caller handed it over), its own messages (each an outbox row of its own) and its caller's trace (its
/// statements and its messages' traceparent belong to the request that made it; what the group shares runs
/// under a span linked to every caller's, <see cref="GroupCommitTraces"/>).</item>
/// <item>A unit that throws does not fail the others: the group's transaction is rolled back, that caller
/// alone gets the exception, and the group is run again without it. Nothing of a rolled-back attempt
/// remains, so running a unit again writes the same rows (identifiers are chosen before the unit).</item>
/// <item>A transient fault (the database restarting, a deadlock) is not the unit's: the whole group is
/// retried as one transaction, as a lone unit is (<see cref="ResiliencePipelines.DatabaseTransaction"/>).</item>
/// <item>Nothing is acknowledged before it is durable: a caller returns only after its group committed.</item>
/// </list>
///
/// Groups that lock the same rows take them in one order: each change may name the key of the rows it locks
/// (a consumer's case, <see cref="TransactionalConsumer{TDatabase,TMessage}"/>), and a group runs its changes in
/// the order of those keys. Run in the order they came, two groups each holding a row the other wanted next
/// (Grids' first event of a new case inserts its assessment row) deadlocked: PostgreSQL waits deadlock_timeout,
/// a second, before it rolls one back, and the benchmark counted hundreds a minute.
///
/// Groups are bounded by <see cref="GroupCommitOptions"/>; no caller waits for a group to fill: a group is
/// whatever queued while the previous ones were being written (under load that is many, alone it is one).
/// </summary>
public sealed class GroupCommit<TDatabase>(TDatabase database, Outbox<TDatabase> outbox, TimeProvider time, IOptions<GroupCommitOptions> options)
    where TDatabase : Database
{
    private readonly ConcurrentQueue<Pending> _queue = new();
    // SQLite writes one transaction at a time (SqliteWriteGate): a second group would only wait there, smaller.
    private readonly SemaphoreSlim _writers = database.Provider == DatabaseProvider.Sqlite
        ? new(1, 1)
        : new(options.Value.Writers, options.Value.Writers);
    private readonly int _maxSize = options.Value.MaxSize;
    private int _writing;

    /// <summary>How many groups are being written at this moment.</summary>
    public int Writing => Volatile.Read(ref _writing);

    /// <summary>Runs <paramref name="work"/> in the next group and returns its result once that group committed.
    /// Not cancellable once handed over: the unit is written by whoever writes next, and its caller waits for
    /// that rather than give up on a change that may still be committed.</summary>
    /// <param name="inbox">The inbox row <paramref name="work"/> records first (Inbox.FirstTimeAsync), recorded with the
    /// group's others in one statement before the group's changes run.</param>
    /// <param name="lockOrder">The key of the rows <paramref name="work"/> locks (a case's id), or null: a group runs its
    /// changes in the order of these keys (those without one first, as they came), so groups cannot deadlock on them.</param>
    public async Task<T> RunAsync<T>(Func<UnitOfWork<TDatabase>, Task<T>> work, InboxEntry? inbox = null, Guid? lockOrder = null)
    {
        // Whole milliseconds, read when the caller hands the unit over: what a lone unit would have read.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var mine = new Pending(async uow => await work(uow), now, Activity.Current, inbox, lockOrder);
        _queue.Enqueue(mine);
        while (!mine.Done.Task.IsCompleted)
        {
            await _writers.WaitAsync();
            var taken = 0;
            try
            {
                if (mine.Done.Task.IsCompleted) break;
                var group = new List<Pending>();
                while (group.Count < _maxSize && _queue.TryDequeue(out var next)) group.Add(next);
                taken = group.Count; // the group shrinks while written (units that fail leave it)
                // A stable sort: changes with the same key (two events of one case) keep the order they came in.
                if (group.Exists(p => p.LockOrder is not null)) group = group.OrderBy(p => p.LockOrder).ToList();
                if (taken > 0) await WriteAsync(group);
            }
            finally
            {
                _writers.Release();
            }
            // Nothing was queued: this unit is in a group another writer is writing. Wait for that group rather
            // than take the writer again and again (with several writers, that loop burnt a core).
            if (taken == 0) break;
        }
        return (T)(await mine.Done.Task)!;
    }

    /// <summary>Writes a group, leaving out (and failing) each unit that throws, until the rest commit.</summary>
    private async Task WriteAsync(List<Pending> group)
    {
        GovernanceMetrics.GroupCommitted(database.ServiceName, group.Count);
        // The statements the group shares run under this span, which links the other callers' traces.
        using var span = GroupCommitTraces.Start(database.ServiceName, group.Select(p => p.Activity));
        Interlocked.Increment(ref _writing);
        try
        {
            await WriteUntilCommittedAsync(group);
        }
        finally
        {
            Interlocked.Decrement(ref _writing);
        }
    }

    private async Task WriteUntilCommittedAsync(List<Pending> group)
    {
        while (group.Count > 0)
        {
            try
            {
                var results = await database.InTransactionAsync((connection, transaction) => RunUnitsAsync(group, connection, transaction));
                // Committed: the relay is woken once for the group, and each caller gets its own result.
                var published = results.SelectMany(r => r.Published).ToList();
                if (published.Count > 0)
                {
                    outbox.Notify();
                    GovernanceMetrics.Committed(database.ServiceName, published);
                }
                for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(results[i].Result);
                return;
            }
            catch (UnitFailedException failed)
            {
                // Rolled back: the unit that threw gets its own exception, the others are run again without it.
                failed.Unit.Done.TrySetException(failed.InnerException!);
                group.Remove(failed.Unit);
            }
            catch (Exception e)
            {
                // Not one unit's fault (the database stayed away past the retries): every caller gets it.
                foreach (var p in group) p.Done.TrySetException(e);
                return;
            }
        }
    }

    private async Task<IReadOnlyList<(object? Result, IReadOnlyList<Type> Published)>> RunUnitsAsync(
        List<Pending> group, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        var results = new List<(object?, IReadOnlyList<Type>)>(group.Count);
        var leader = Activity.Current;
        var atCommit = new AtCommit();
        var claims = await ClaimInboxAsync(group, connection, transaction);
        foreach (var unit in group)
        {
            var uow = new UnitOfWork<TDatabase>(connection, transaction, outbox, unit.Now, atCommit) { InboxClaims = claims };
            // The unit's statements and messages belong to its own caller's trace, not the leader's. (Cleared
            // first: Activity.Current ignores an activity already stopped, which would leave the leader's.)
            Activity.Current = null;
            Activity.Current = unit.Activity;
            try
            {
                results.Add((await unit.Work(uow), uow.PublishedTypes));
            }
            catch (Exception e) when (!ResiliencePipelines.IsTransient(e))
            {
                throw new UnitFailedException(unit, e);
            }
            finally
            {
                Activity.Current = leader;
            }
        }
        // The group's rows left for the end, one statement per table (its outbox rows among them), then its
        // additions to counter rows, summed per row and in lock order, last: concurrent groups share these rows,
        // and taken in one order they cannot deadlock (CounterChanges).
        await atCommit.ApplyAsync(connection, transaction, database.Provider);
        return results;
    }

    /// <summary>The group's inbox rows in one statement (PostgreSQL; InboxClaims.cs says why not SQLite). A failure here is
    /// no one change's: the whole group is retried or fails, as for any statement of its own.</summary>
    private async Task<InboxClaims?> ClaimInboxAsync(List<Pending> group, System.Data.Common.DbConnection connection,
        System.Data.Common.DbTransaction transaction)
    {
        if (database.Provider != DatabaseProvider.Postgres) return null;
        var entries = group.Where(u => u.Inbox is not null).Select(u => (u.Inbox!.Value, u.Now)).ToList();
        return entries.Count == 0 ? null : await InboxClaims.RecordAsync(connection, transaction, entries);
    }

    private sealed class Pending(Func<UnitOfWork<TDatabase>, Task<object?>> work, DateTimeOffset now, Activity? activity, InboxEntry? inbox, Guid? lockOrder)
    {
        public Guid? LockOrder { get; } = lockOrder;
        public InboxEntry? Inbox { get; } = inbox;
        public Func<UnitOfWork<TDatabase>, Task<object?>> Work { get; } = work;
        public DateTimeOffset Now { get; } = now;
        public Activity? Activity { get; } = activity;
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One unit threw: the group's transaction must roll back (PostgreSQL refuses anything more in it)
    /// and the group be run again without that unit. Not transient, so the retry pipeline lets it through.</summary>
    private sealed class UnitFailedException(Pending unit, Exception inner) : Exception("A unit of a group commit failed.", inner)
    {
        public Pending Unit { get; } = unit;
    }
}
