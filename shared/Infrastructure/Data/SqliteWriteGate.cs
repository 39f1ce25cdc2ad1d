using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Governance.Infrastructure.Data;

/// <summary>
/// One queue of writers per SQLite file in this process. SQLite lets one transaction write at a time;
/// a writer that finds the file locked waits in SQLite's busy handler, which polls with sleeps of up to
/// 100 ms, so under load writers spent most of their time asleep while the lock stood free
/// (standalone used one core of two at 240 cases/s: deploy/benchmark-history.md). Here they wait on an
/// async semaphore instead and start the moment the previous one commits. The busy timeout stays as
/// the safety net for writers outside this queue (migrations, another process on the same file).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>The gate the current flow (async call chain) holds, if any.</summary>
    public static readonly AsyncLocal<SemaphoreSlim?> Held = new();

    /// <summary>The gate of the file a connection string names; null for an in-memory database, which
    /// each connection has to itself.</summary>
    public static SemaphoreSlim? For(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file::memory:", StringComparison.Ordinal)) return null;
        return Gates.GetOrAdd(Path.GetFullPath(source), _ => new SemaphoreSlim(1, 1));
    }
}
