using System.Data.Common;
using Dapper;

namespace Governance.IntegrationTests.Migrations.Schema;

/// <summary>A migrated PostgreSQL database's schema, read from its catalog (information_schema, pg_index).</summary>
public static class PostgresCatalog
{
    public static async Task<SchemaFacts> ReadAsync(DbConnection c)
    {
        var facts = new SchemaFacts();
        foreach (var table in await c.QueryAsync<string>(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'"))
            facts.Table(table);
        foreach (var (table, column, nullable) in await c.QueryAsync<(string, string, string)>(
                     "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations'"))
        {
            facts.Column(table, column);
            if (nullable == "NO") facts.NotNull(table, column);
        }
        const string indexes = """
            SELECT t.relname AS "Table", i.relname AS "Name", ix.indisunique AS "Unique", ix.indisprimary AS "Primary",
                   COALESCE(con.contype = 'u', false) AS "Constraint", ix.indpred IS NOT NULL AS "Partial",
                   ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnkeyatts) k ORDER BY k) AS "Keys"
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = t.oid
            WHERE n.nspname = 'public' AND t.relname <> 'schema_migrations'
            """;
        foreach (var index in await c.QueryAsync<IndexRow>(indexes))
        {
            // A key that is not a plain column (lower(name), ...) is an expression, as SQLite reports it.
            var keys = index.Keys.Select(k => k.All(ch => char.IsLetterOrDigit(ch) || ch == '_' || ch == '"') ? k : "(expression)");
            if (index.Primary) facts.PrimaryKey(index.Table, keys);
            else if (index.Constraint) facts.UniqueConstraint(index.Table, keys);
            else facts.Index(index.Table, index.Name, index.Unique, keys, index.Partial);
        }
        return facts;
    }

    private sealed class IndexRow
    {
        public string Table { get; init; } = "";
        public string Name { get; init; } = "";
        public bool Unique { get; init; }
        public bool Primary { get; init; }
        public bool Constraint { get; init; }
        public bool Partial { get; init; }
        public string[] Keys { get; init; } = [];
    }
}
