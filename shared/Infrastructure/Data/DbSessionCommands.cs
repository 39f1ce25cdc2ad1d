using Dapper;

namespace Governance.Infrastructure.Data;

/// <summary>
/// Dapper's calls on a session: the same names and arguments, with the session's transaction passed
/// on every statement. Stores use these, never the connection, so no statement of a change can run
/// outside its transaction (on PostgreSQL it would still see the transaction, but a
/// <see cref="Sql.SelectForUpdate"/> would not lock: the lost updates that rule is about).
/// </summary>
public static class DbSessionCommands
{
    public static Task<int> ExecuteAsync(this DbSession session, string sql, object? param = null) =>
        session.Connection.ExecuteAsync(sql, param, session.Transaction);

    public static Task<T?> ExecuteScalarAsync<T>(this DbSession session, string sql, object? param = null) =>
        session.Connection.ExecuteScalarAsync<T>(sql, param, session.Transaction);

    public static Task<IEnumerable<T>> QueryAsync<T>(this DbSession session, string sql, object? param = null) =>
        session.Connection.QueryAsync<T>(sql, param, session.Transaction);

    public static Task<T> QuerySingleAsync<T>(this DbSession session, string sql, object? param = null) =>
        session.Connection.QuerySingleAsync<T>(sql, param, session.Transaction);

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this DbSession session, string sql, object? param = null) =>
        session.Connection.QuerySingleOrDefaultAsync<T>(sql, param, session.Transaction);

    public static Task<T?> QueryFirstOrDefaultAsync<T>(this DbSession session, string sql, object? param = null) =>
        session.Connection.QueryFirstOrDefaultAsync<T>(sql, param, session.Transaction);

    /// <summary>Rows one by one as the database sends them, not gathered first (an export of a million rows):
    /// the connection stays busy until the enumeration ends or is disposed.</summary>
    public static IEnumerable<T> QueryUnbuffered<T>(this DbSession session, string sql, object? param = null) =>
        session.Connection.Query<T>(sql, param, session.Transaction, buffered: false);
}
