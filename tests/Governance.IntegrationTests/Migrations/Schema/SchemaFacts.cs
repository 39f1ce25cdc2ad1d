namespace Governance.IntegrationTests.Migrations.Schema;

/// <summary>
/// What a dialect's migrations leave behind, as lines that can be compared across dialects: its tables,
/// their columns and which of them refuse NULL, primary keys, unique constraints and indexes (by name,
/// with their key columns in order, and whether they are partial). Types, defaults, sort orders, the conditions of partial
/// indexes and INCLUDE columns are left out:
/// they are spelt differently in each dialect on purpose.
/// </summary>
public sealed class SchemaFacts
{
    private readonly SortedSet<string> _facts = new(StringComparer.Ordinal);

    public IReadOnlySet<string> All => _facts;

    public void Table(string table) => _facts.Add($"table {N(table)}");

    public void Column(string table, string column) => _facts.Add($"column {N(table)}.{N(column)}");

    public void NotNull(string table, string column) => _facts.Add($"not null {N(table)}.{N(column)}");

    /// <summary>A primary key's columns refuse NULL in PostgreSQL and SQL Server whether declared or not; SQLite
    /// reports only what was declared (and, for old compatibility, lets a non-integer key hold NULL), so the
    /// key's columns count as NOT NULL everywhere and a missing NOT NULL on a key is not a difference.</summary>
    public void PrimaryKey(string table, IEnumerable<string> columns)
    {
        var keys = columns.ToList();
        _facts.Add($"primary key {N(table)} ({Join(keys)})");
        foreach (var key in keys) NotNull(table, key);
    }

    /// <summary>A UNIQUE constraint of a table: the name each engine gives it is its own, so it is left out.</summary>
    public void UniqueConstraint(string table, IEnumerable<string> columns) => _facts.Add($"unique {N(table)} ({Join(columns)})");

    public void Index(string table, string name, bool unique, IEnumerable<string> columns, bool partial) =>
        _facts.Add($"{(unique ? "unique index" : "index")} {N(name)} on {N(table)} ({Join(columns)}){(partial ? " where …" : "")}");

    /// <summary>Forgets a table and everything on it (DROP TABLE).</summary>
    public void DropTable(string table) => _facts.RemoveWhere(f => f.Contains($" {N(table)} ") || f.EndsWith($" {N(table)}") || f.Contains($" {N(table)}."));

    public void DropColumn(string table, string column)
    {
        _facts.Remove($"column {N(table)}.{N(column)}");
        _facts.Remove($"not null {N(table)}.{N(column)}");
    }

    public void DropIndex(string name) => _facts.RemoveWhere(f => f.StartsWith($"index {N(name)} on ") || f.StartsWith($"unique index {N(name)} on "));

    private static string N(string identifier) => identifier.Trim('"', '[', ']', '`').ToLowerInvariant();

    private static string Join(IEnumerable<string> columns) => string.Join(", ", columns.Select(N));
}
