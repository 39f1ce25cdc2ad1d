using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.Security;

/// <summary>One line of the audit log.</summary>
public sealed record AuditEntry(long Seq, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string? Remote,
    string PrevHash, string Hash);

/// <summary>What verifying the chain found: intact, or the first row that does not match.</summary>
public sealed record AuditVerification(bool Intact, long Rows, long? FirstBrokenSeq);

/// <summary>
/// The append-only audit log of one service's database (个人信息保护法: who read whose data, who
/// changed what, when, from where). Rows form a hash chain: each hash covers the row and the previous
/// hash, so altering or removing a row is detected by <see cref="VerifyAsync"/>. The database refuses
/// updates and deletes (a trigger), so only someone who bypasses it can alter rows — and then the
/// chain shows it.
/// </summary>
public static class AuditLog
{
    private const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private sealed class Row
    {
        public long Seq { get; init; }
        public long AtMs { get; init; }
        public string Actor { get; init; } = default!;
        public string Action { get; init; } = default!;
        public string? Target { get; init; }
        public string? Detail { get; init; }
        public string? Remote { get; init; }
        public string PrevHash { get; init; } = default!;
        public string Hash { get; init; } = default!;

        public AuditEntry ToEntry() => new(Seq, DateTimeOffset.FromUnixTimeMilliseconds(AtMs), Actor, Action, Target, Detail, Remote, PrevHash, Hash);
    }

    private const string Columns = "seq AS Seq, at_ms AS AtMs, actor AS Actor, action AS Action, target AS Target, detail AS Detail, remote AS Remote, prev_hash AS PrevHash, hash AS Hash";

    private static readonly ConditionalWeakTable<Database, AuditAppender> Appenders = new();

    /// <summary>Appends an entry and returns once it is committed. Appends are serialised (a lock on
    /// the table) so the chain has one order; concurrent appends share one transaction (<see cref="AuditAppender"/>).</summary>
    public static Task AppendAsync(Database database, DateTimeOffset at, string actor, string action, string? target, string? detail, string? remote,
        CancellationToken ct = default) =>
        Appenders.GetValue(database, db => new AuditAppender(db)).AppendAsync(new AuditAppender.Draft(
            at.ToUnixTimeMilliseconds(), Cut(actor, 100)!, Cut(action, 200)!, Cut(target, 200), Cut(detail, 1000), Cut(remote, 64)));

    /// <summary>Locks the log against other appenders and reads its last row, which the next rows chain from: its
    /// sequence number and hash (0 and the genesis hash on an empty log).</summary>
    internal static async Task<(long Seq, string Hash)> LockHeadAsync(DbConnection c, DbTransaction t, DatabaseProvider provider)
    {
        var head = $"SELECT seq, hash FROM audit_log ORDER BY seq DESC {Sql.Page(provider, 1)}";
        switch (provider)
        {
            // One round trip: the lock returns no rows, so the reader's first result is the head's.
            case DatabaseProvider.Postgres:
                head = Sql.Batch(provider, "LOCK TABLE audit_log IN EXCLUSIVE MODE", head);
                break;
            case DatabaseProvider.SqlServer:
                await c.ExecuteAsync("SELECT TOP (1) seq FROM audit_log WITH (TABLOCKX, HOLDLOCK)", transaction: t);
                break;
            // SQLite: one writer at a time already.
        }
        var last = await c.QueryFirstOrDefaultAsync<(long Seq, string? Hash)>(head, transaction: t);
        return last.Hash is null ? (0, Genesis) : (last.Seq, last.Hash);
    }

    public static async Task<IReadOnlyList<AuditEntry>> RecentAsync(DbConnection c, DatabaseProvider provider, int limit) =>
        (await c.QueryAsync<Row>($"SELECT {Columns} FROM audit_log ORDER BY seq DESC {Sql.Page(provider, limit)}")).Select(r => r.ToEntry()).ToList();

    /// <summary>Walks the whole chain in order (streamed, in pages) and reports the first row that does not match.</summary>
    public static async Task<AuditVerification> VerifyAsync(DbConnection c, DatabaseProvider provider, CancellationToken ct = default)
    {
        var expectedPrev = Genesis;
        long expectedSeq = 1, rows = 0;
        for (long after = 0; ; )
        {
            var page = (await c.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM audit_log WHERE seq > @after ORDER BY seq {Sql.Page(provider, 5000)}", new { after }, cancellationToken: ct))).ToList();
            if (page.Count == 0) return new AuditVerification(true, rows, null);
            foreach (var r in page)
            {
                rows++;
                if (r.Seq != expectedSeq || r.PrevHash != expectedPrev
                    || r.Hash != Hash(r.Seq, r.AtMs, r.Actor, r.Action, r.Target, r.Detail, r.Remote, r.PrevHash))
                    return new AuditVerification(false, rows, expectedSeq);
                expectedPrev = r.Hash;
                expectedSeq++;
                after = r.Seq;
            }
        }
    }

    internal static string Hash(long seq, long atMs, string actor, string action, string? target, string? detail, string? remote, string prev)
    {
        // Length-prefixed fields: no two different rows can serialise to the same text.
        var text = new StringBuilder();
        foreach (var field in new[] { seq.ToString(), atMs.ToString(), actor, action, target ?? "\u0000", detail ?? "\u0000", remote ?? "\u0000", prev })
            text.Append(field.Length).Append(':').Append(field).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string? Cut(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
