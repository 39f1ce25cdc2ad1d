using System.Data.Common;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace Governance.Infrastructure.Data;

/// <summary>Transitional (issue 12): a connection and transaction passed by hand, wrapped as a session for
/// the overloads that services not yet moved to sessions still call. Removed once they are.</summary>
public sealed class ConnectionSession(DbConnection connection, DbTransaction? transaction) : DbSession
{
    public override DbConnection Connection => connection;
    public override DbTransaction? Transaction => transaction;
    public override DatabaseProvider Provider => connection switch
    {
        NpgsqlConnection => DatabaseProvider.Postgres,
        SqlConnection => DatabaseProvider.SqlServer,
        _ => DatabaseProvider.Sqlite,
    };
}
