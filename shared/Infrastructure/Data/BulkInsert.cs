using System.Data.Common;

namespace Governance.Infrastructure.Data;

/// <summary>
/// Inserts many rows with multi-row INSERT … VALUES statements instead of a round trip per row:
/// seeding a county of 45,000 units and 50,000 people becomes a few hundred statements; the rows a group
/// commit's units leave for its end (<see cref="RowsAtCommit"/>) go in one statement per table. A write, so it
/// runs in a transaction: the unit of work's, or the one about to commit.
/// </summary>
public static class BulkInsert
{
    // SQL Server takes at most 2,100 parameters and 1,000 rows per VALUES list, and SQLite finds a
    // parameter by scanning the statement's names, so binding costs grow with the square of their
    // number: a few hundred per statement is the sweet spot for all three dialects.
    private const int MaxParameters = 250;
    private const int MaxRows = 1_000;

    public static Task<int> RunAsync<T>(Messaging.UnitOfWork uow, string table, string[] columns,
        IReadOnlyList<T> rows, Func<T, object?[]> values) =>
        RunAsync(uow.Connection, uow.Transaction, table, columns, rows, values);

    public static async Task<int> RunAsync<T>(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<T> rows, Func<T, object?[]> values)
    {
        var perStatement = RowsPerStatement(columns.Count);
        var inserted = 0;
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - start);
                // Full batches share one command (text and parameters built once); only the values change.
                var command = count == perStatement
                    ? full ??= Create(connection, transaction, table, columns, count)
                    : Create(connection, transaction, table, columns, count);
                for (var r = 0; r < count; r++)
                {
                    var row = values(rows[start + r]);
                    if (row.Length != columns.Count)
                        throw new ArgumentException($"{table}: {row.Length} values for {columns.Count} columns.", nameof(values));
                    for (var col = 0; col < row.Length; col++)
                        command.Parameters[r * columns.Count + col].Value = row[col] ?? DBNull.Value;
                }
                inserted += await command.ExecuteNonQueryAsync();
                if (command != full) await command.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
        return inserted;
    }

    // Parameters are created once per command and then only given values: Dapper's DynamicParameters
    // looks each name up in the collection as it adds it, which is quadratic at a thousand parameters.
    private static DbCommand Create(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;

        command.CommandText = Statement(table, columns, rows);
        for (var i = 0; i < rows * columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }
        return command;
    }

    public static int RowsPerStatement(int columns) => Math.Min(MaxRows, MaxParameters / columns);

    /// <summary>The statement's shape for <paramref name="rows"/> rows (for parsing the SQL Server form in tests).</summary>
    public static string Statement(string table, IReadOnlyList<string> columns, int rows) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES " + string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", columns.Select((_, col) => $"@p{r * columns.Count + col}")) + ")"));
}
