namespace Governance.Infrastructure.Data;

/// <summary>
/// The few places where the three SQL dialects differ, named. Everything else is written once in
/// portable SQL with bound parameters (@Name).
/// </summary>
public static class Sql
{
    /// <summary>"Take at most n rows and lock them so another instance skips them": the claim of
    /// an outbox batch or of due deadlines when several instances run at once.</summary>
    public static string ClaimRows(DatabaseProvider provider, string columns, string table, string where, string orderBy, int limit) => provider switch
    {
        DatabaseProvider.Postgres => $"SELECT {columns} FROM {table} WHERE {where} ORDER BY {orderBy} LIMIT {limit} FOR UPDATE SKIP LOCKED",
        DatabaseProvider.SqlServer => $"SELECT TOP ({limit}) {columns} FROM {table} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {where} ORDER BY {orderBy}",
        // SQLite has one writer at a time: the transaction itself is the lock.
        _ => $"SELECT {columns} FROM {table} WHERE {where} ORDER BY {orderBy} LIMIT {limit}",
    };

    /// <summary>
    /// Reads one row by key. Inside a transaction the row is locked until the transaction ends
    /// (PostgreSQL <c>FOR UPDATE</c>, SQL Server <c>UPDLOCK</c>): whoever reads a row in a
    /// transaction reads it to write it back, and two such writers (two consumers of one case's
    /// messages, a consumer and the deadline sweeper, an API action and a consumer) must take turns.
    /// Unlocked, the later one writes back the row as it was before the earlier one committed: an
    /// escalation undone (and then done a second time), a newer assignment or an overdue flag lost.
    /// The fault tests (tests/Governance.FaultTests, scenario g) showed both. SQLite needs no lock:
    /// its transactions take the database's write lock at BEGIN (Microsoft.Data.Sqlite begins them
    /// IMMEDIATE), so two writers never interleave. In a read session (no transaction): a plain read.
    /// The session decides, so a store cannot forget: given the unit of work it locks.
    /// </summary>
    public static string SelectForUpdate(DbSession session, string columns, string table, string where) =>
        session.Transaction is null ? $"SELECT {columns} FROM {table} WHERE {where}" : LockingSelect(session.Provider, columns, table, where);

    /// <summary>One dialect's locking read (public so the SQL Server form can be parsed in tests).</summary>
    public static string LockingSelect(DatabaseProvider provider, string columns, string table, string where) => provider switch
    {
        DatabaseProvider.Postgres => $"SELECT {columns} FROM {table} WHERE {where} FOR UPDATE",
        DatabaseProvider.SqlServer => $"SELECT {columns} FROM {table} WITH (UPDLOCK, ROWLOCK) WHERE {where}",
        _ => $"SELECT {columns} FROM {table} WHERE {where}",
    };

    /// <summary>"<paramref name="column"/> is one of the list <paramref name="parameter"/>": PostgreSQL takes the list as one
    /// array parameter (Dapper passes an array whole to Npgsql, so <c>IN @ids</c> would read <c>IN $1</c>, a syntax error
    /// there); the others get Dapper's expansion into one parameter per item.</summary>
    public static string In(DatabaseProvider provider, string column, string parameter) => provider switch
    {
        DatabaseProvider.Postgres => $"{column} = ANY(@{parameter})",
        _ => $"{column} IN @{parameter}",
    };

    /// <summary>Insert a row unless its key exists; the affected-row count says which happened.</summary>
    public static string InsertIfAbsent(DatabaseProvider provider, string table, string columns, string values, string keyColumns, string keyMatch) => provider switch
    {
        DatabaseProvider.SqlServer =>
            $"INSERT INTO {table} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {table} WITH (UPDLOCK, HOLDLOCK) WHERE {keyMatch})",
        _ => $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING",
    };

    /// <summary>Paging clause at the end of an ordered query.</summary>
    public static string Page(DatabaseProvider provider, int limit, int offset = 0) => provider switch
    {
        DatabaseProvider.SqlServer => $"OFFSET {offset} ROWS FETCH NEXT {limit} ROWS ONLY",
        _ => $"LIMIT {limit} OFFSET {offset}",
    };

    /// <summary>At most <paramref name="limit"/> rows, in no particular order: SQL Server takes a limit only
    /// after an ORDER BY, and (SELECT NULL) orders by nothing.</summary>
    public static string AnyFirst(DatabaseProvider provider, int limit) => provider switch
    {
        DatabaseProvider.SqlServer => $"ORDER BY (SELECT NULL) OFFSET 0 ROWS FETCH NEXT {limit} ROWS ONLY",
        _ => $"LIMIT {limit}",
    };

    /// <summary>A recursive common table expression: SQL Server has no RECURSIVE keyword.</summary>
    public static string RecursiveWith(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? "WITH" : "WITH RECURSIVE";

    /// <summary>Adds to counters of the row with the given key, creating it at zero first: the
    /// read models' upsert. <paramref name="attributes"/> are written when the row is created (they
    /// follow from the key). Parameters are named after the columns, after <paramref name="parameterPrefix"/>
    /// (several rows in one command).</summary>
    public static string Increment(DatabaseProvider provider, string table, IReadOnlyList<string> keys, IReadOnlyList<string> counters,
        IReadOnlyList<string>? attributes = null, string parameterPrefix = "")
    {
        var columns = keys.Concat(attributes ?? []).Concat(counters).ToList();
        var p = parameterPrefix;
        if (provider == DatabaseProvider.SqlServer)
            return $"""
                MERGE {table} WITH (HOLDLOCK) AS t USING (SELECT {string.Join(", ", keys.Select(k => $"@{p}{k} AS {k}"))}) AS s
                ON {string.Join(" AND ", keys.Select(k => $"t.{k} = s.{k}"))}
                WHEN MATCHED THEN UPDATE SET {string.Join(", ", counters.Select(c => $"{c} = t.{c} + @{p}{c}"))}
                WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => $"@{p}{c}"))});
                """;
        return $"""
            INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => $"@{p}{c}"))})
            ON CONFLICT ({string.Join(", ", keys)}) DO UPDATE SET {string.Join(", ", counters.Select(c => $"{c} = {table}.{c} + excluded.{c}"))}
            """;
    }

    /// <summary>Several statements as one command: one round trip. The SQL Server forms end in ";"
    /// already (MERGE must); the others are separated here.</summary>
    public static string Batch(DatabaseProvider provider, params string[] statements) =>
        string.Join(provider == DatabaseProvider.SqlServer ? "\n" : ";\n", statements.Select(s => s.Trim()));
}
