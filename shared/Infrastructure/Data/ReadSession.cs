using System.Data.Common;

namespace Governance.Infrastructure.Data;

/// <summary>
/// Work that changes nothing (a GET, a permission check, a look-up before a change): a connection of
/// its own, no transaction. It never queues at SQLite's writer gate (<see cref="SqliteWriteGate"/>):
/// in WAL mode a reader sees the last commit while a writer works, so a page of cases is not held
/// up by a burst of filings. Opened by <see cref="Database.OpenReadAsync"/>; its user disposes it.
/// </summary>
public sealed class ReadSession(DbConnection connection, DatabaseProvider provider) : DbSession, IAsyncDisposable
{
    public override DbConnection Connection => connection;
    public override DbTransaction? Transaction => null;
    public override DatabaseProvider Provider => provider;

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
