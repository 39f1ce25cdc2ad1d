using System.Data.Common;
using Dapper;

namespace Governance.Infrastructure.Data;

/// <summary>
/// SQLite settings every connection needs: write-ahead logging so readers do not block the writer,
/// a busy timeout so concurrent writers wait instead of failing, and foreign keys on.
/// </summary>
internal static class SqlitePragmas
{
    private const string Sql = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;";

    public static Task ApplyAsync(DbConnection connection, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Sql, cancellationToken: ct));
}
