using System.Collections.Concurrent;
using System.Text;
using Dapper;
using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.Security;

/// <summary>
/// Group commit for one database's audit log. The chain needs one order, so appends are serialised
/// by a table lock; taking that lock once per entry made every state change of a service queue behind
/// every other (deploy/benchmark-history.md). Here the callers that arrive while a batch is being
/// written queue up, and whoever holds the writer next writes all of them in one transaction: one
/// lock, one read of the chain's head, one INSERT, one commit. Each caller still returns only after its
/// own entry is committed, so nothing is acknowledged before it is durable.
/// </summary>
internal sealed class AuditAppender(Database database)
{
    /// <summary>Nine parameters a row: SQL Server allows 2,100 in one statement.</summary>
    private const int MaxBatch = 200;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    internal sealed record Draft(long AtMs, string Actor, string Action, string? Target, string? Detail, string? Remote);

    private sealed class Pending(Draft draft)
    {
        public Draft Draft { get; } = draft;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task AppendAsync(Draft draft)
    {
        var mine = new Pending(draft);
        _queue.Enqueue(mine);
        // Not cancellable: once queued, the entry is written by whoever writes next, so a caller that
        // stopped waiting would still have its entry appended; it waits for that instead of lying.
        while (!mine.Done.Task.IsCompleted)
        {
            await _writer.WaitAsync();
            try
            {
                if (mine.Done.Task.IsCompleted) break;
                var batch = new List<Pending>(Math.Min(_queue.Count, MaxBatch));
                while (batch.Count < MaxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
                try
                {
                    await WriteAsync(batch);
                    foreach (var p in batch) p.Done.TrySetResult();
                }
                catch (Exception ex)
                {
                    foreach (var p in batch) p.Done.TrySetException(ex);
                }
            }
            finally
            {
                _writer.Release();
            }
        }
        await mine.Done.Task;
    }

    private Task WriteAsync(IReadOnlyList<Pending> batch) => database.InTransactionAsync(async (c, t) =>
    {
        var (lastSeq, lastHash) = await AuditLog.LockHeadAsync(c, t, database.Provider);
        var sql = new StringBuilder("INSERT INTO audit_log (seq, at_ms, actor, action, target, detail, remote, prev_hash, hash) VALUES ");
        var args = new DynamicParameters();
        for (var i = 0; i < batch.Count; i++)
        {
            var d = batch[i].Draft;
            var seq = lastSeq + 1 + i;
            var hash = AuditLog.Hash(seq, d.AtMs, d.Actor, d.Action, d.Target, d.Detail, d.Remote, lastHash);
            if (i > 0) sql.Append(", ");
            sql.Append($"(@s{i}, @at{i}, @ac{i}, @an{i}, @tg{i}, @dt{i}, @rm{i}, @pv{i}, @h{i})");
            args.Add($"s{i}", seq);
            args.Add($"at{i}", d.AtMs);
            args.Add($"ac{i}", d.Actor);
            args.Add($"an{i}", d.Action);
            args.Add($"tg{i}", d.Target);
            args.Add($"dt{i}", d.Detail);
            args.Add($"rm{i}", d.Remote);
            args.Add($"pv{i}", lastHash);
            args.Add($"h{i}", hash);
            lastHash = hash;
        }
        await c.ExecuteAsync(sql.ToString(), args, t);
    });
}
