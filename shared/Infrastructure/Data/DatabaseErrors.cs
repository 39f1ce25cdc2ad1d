using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Governance.Infrastructure.Data;

/// <summary>What a database's error means, the same way for every provider.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index refused a second row with the same key: someone else wrote it first.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555, // CONSTRAINT_UNIQUE, _PRIMARYKEY
        SqlException sql => sql.Number is 2601 or 2627,
        _ => exception.InnerException is not null && IsUniqueViolation(exception.InnerException),
    };
}
