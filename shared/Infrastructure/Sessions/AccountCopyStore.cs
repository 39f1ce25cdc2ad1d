using System.Data.Common;
using Dapper;
using Governance.Contracts;
using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.Sessions;

/// <summary>What a service knows of an account: its current security stamp and whether it left
/// (a person) or was revoked (a service account).</summary>
public sealed record AccountStanding(string Stamp, bool Left);

/// <summary>
/// Reads and writes a service's copy of the accounts' standing (account_copy). Writes are
/// last-version-wins, so batches that arrive twice or out of order leave the newest state.
/// </summary>
public static class AccountCopyStore
{
    private sealed class Row
    {
        public string Stamp { get; init; } = default!;
        public short LeftService { get; init; }
    }

    public static Task UpsertAsync(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, IEnumerable<AccountAccess> accounts) =>
        connection.ExecuteAsync(UpsertSql(provider),
            accounts.Select(a => new { a.AccountId, a.Stamp, Left = (short)(a.Left ? 1 : 0), a.Version }), transaction);

    /// <summary>Last-version-wins upsert of one account (public so the SQL Server form can be parsed in tests).</summary>
    public static string UpsertSql(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer
        ? """
          MERGE account_copy AS t USING (SELECT @AccountId AS account_id) AS s ON t.account_id = s.account_id
          WHEN MATCHED AND t.version < @Version THEN UPDATE SET stamp = @Stamp, left_service = @Left, version = @Version
          WHEN NOT MATCHED THEN INSERT (account_id, stamp, left_service, version) VALUES (@AccountId, @Stamp, @Left, @Version);
          """
        : """
          INSERT INTO account_copy (account_id, stamp, left_service, version) VALUES (@AccountId, @Stamp, @Left, @Version)
          ON CONFLICT (account_id) DO UPDATE SET stamp = excluded.stamp, left_service = excluded.left_service, version = excluded.version
          WHERE account_copy.version < excluded.version
          """;

    public static async Task<AccountStanding?> FindAsync(DbConnection connection, string accountId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            "SELECT stamp AS Stamp, left_service AS LeftService FROM account_copy WHERE account_id = @accountId", new { accountId });
        return row is null ? null : new AccountStanding(row.Stamp, row.LeftService != 0);
    }
}
