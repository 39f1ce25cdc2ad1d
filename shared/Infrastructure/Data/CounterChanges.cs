using System.Globalization;
using Dapper;

namespace Governance.Infrastructure.Data;

/// <summary>
/// A table of counters a change adds to (the dashboard's rollups): one row per key, whose counters only ever
/// grow or shrink by what changes add. <paramref name="LockRank"/> places its rows in the one order every
/// transaction takes counter rows in.
/// </summary>
public sealed record CounterTable(int LockRank, string Table, IReadOnlyList<string> Keys, IReadOnlyList<string> Counters,
    IReadOnlyList<string>? Attributes = null);

/// <summary>
/// What one transaction adds to counter rows, applied just before it commits: the same row's additions summed
/// (one upsert per row however many changes of a group commit touched it), and the rows upserted in one order
/// for every transaction — by table rank, then key. Counter rows are the rows concurrent transactions share
/// most (a township's figures for a category on a day), and a transaction holds their locks until it commits:
/// taken last they are held the shortest, and taken in one order two transactions may wait on each other but
/// never in a circle. A group commit of filings in different villages, upserting as it went, took them in
/// the order its filings came and deadlocked with the group beside it (PostgreSQL's log: 391 in 20 s).
/// Nothing reads these rows inside the transaction that adds to them: readers see them once committed.
/// </summary>
public sealed class CounterChanges
{
    /// <summary>Statements per command: ~15 parameters each stays far below SQL Server's 2,100.</summary>
    private const int StatementsPerCommand = 100;

    private readonly Dictionary<(CounterTable Table, string Key), Row> _rows = [];

    private sealed record Row(CounterTable Table, string Key, IReadOnlyDictionary<string, object?> Values, long[] Sums);

    public bool IsEmpty => _rows.Count == 0;

    /// <summary>Adds <paramref name="values"/>' counters to the row its keys name (its attributes: the first change's).</summary>
    public void Add(CounterTable table, IReadOnlyDictionary<string, object?> values)
    {
        var key = string.Join('\u001f', table.Keys.Select(k => Convert.ToString(values[k], CultureInfo.InvariantCulture)));
        if (!_rows.TryGetValue((table, key), out var row))
            _rows[(table, key)] = row = new Row(table, key, values, new long[table.Counters.Count]);
        for (var i = 0; i < table.Counters.Count; i++) row.Sums[i] += Convert.ToInt64(values[table.Counters[i]], CultureInfo.InvariantCulture);
    }

    /// <summary>Upserts every row, in lock order, in as few commands as the parameter limit allows.</summary>
    public async Task ApplyAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, DatabaseProvider provider)
    {
        var ordered = _rows.Values.OrderBy(r => r.Table.LockRank).ThenBy(r => r.Table.Table, StringComparer.Ordinal)
            .ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        foreach (var chunk in ordered.Chunk(StatementsPerCommand))
        {
            var statements = new string[chunk.Length];
            var args = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                var prefix = $"c{i}_";
                statements[i] = Sql.Increment(provider, row.Table.Table, row.Table.Keys, row.Table.Counters, row.Table.Attributes, prefix);
                foreach (var column in row.Table.Keys.Concat(row.Table.Attributes ?? [])) args.Add(prefix + column, row.Values[column]);
                for (var c = 0; c < row.Table.Counters.Count; c++) args.Add(prefix + row.Table.Counters[c], row.Sums[c]);
            }
            await connection.ExecuteAsync(Sql.Batch(provider, statements), args, transaction);
        }
        _rows.Clear();
    }
}
