using System.Data.Common;

namespace Governance.Infrastructure.Data;

/// <summary>A table whose rows a change may leave for its transaction's end (<see cref="RowsAtCommit"/>): the
/// columns, in the order each row's values come.</summary>
public sealed record InsertTable(string Table, IReadOnlyList<string> Columns);

/// <summary>
/// Rows a transaction inserts just before it commits, many per statement (<see cref="BulkInsert"/>): a group
/// commit of 64 filings writes its 64 outbox rows in one statement instead of 64 round trips (issue #19). Only
/// for rows nothing reads inside the transaction that writes them and whose keys are fresh (the outbox, a
/// timeline entry): they are not there to be read until the commit, and a unique violation at the end could
/// not be laid at one unit's door. Tables are written in the order they were first given, so a table whose
/// rows refer to another's comes after it, as the changes wrote them.
/// </summary>
public sealed class RowsAtCommit
{
    private readonly List<(InsertTable Table, List<object?[]> Rows)> _tables = [];

    public bool IsEmpty => _tables.Count == 0;

    public void Add(InsertTable table, object?[] values)
    {
        if (values.Length != table.Columns.Count)
            throw new ArgumentException($"{table.Table}: {values.Length} values for {table.Columns.Count} columns.", nameof(values));
        foreach (var (known, rows) in _tables)
            if (known == table)
            {
                rows.Add(values);
                return;
            }
        _tables.Add((table, [values]));
    }

    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction)
    {
        foreach (var (table, rows) in _tables)
            await BulkInsert.RunAsync(connection, transaction, table.Table, table.Columns, rows, row => row);
    }
}

/// <summary>
/// What a transaction writes last, just before it commits, for all the changes in it (one, or a group commit's):
/// the rows left for the end, then the additions to counter rows — last of all, since those rows are shared
/// and their locks are best held the shortest (<see cref="CounterChanges"/>).
/// </summary>
public sealed class AtCommit
{
    public RowsAtCommit Rows { get; } = new();
    public CounterChanges Counters { get; } = new();
    public ReadsOnce Reads { get; } = new();

    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction, DatabaseProvider provider)
    {
        await Rows.ApplyAsync(connection, transaction);
        await Counters.ApplyAsync(connection, transaction, provider);
    }
}
