using System.Data.Common;
using Dapper;

namespace Governance.IntegrationTests.Migrations.Schema;

/// <summary>A migrated SQLite database's schema, read from its catalog (sqlite_master and the pragmas).</summary>
public static class SqliteCatalog
{
    public static async Task<SchemaFacts> ReadAsync(DbConnection c)
    {
        var facts = new SchemaFacts();
        var tables = await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
        foreach (var table in tables)
        {
            facts.Table(table);
            var columns = (await c.QueryAsync<(string Name, long Pk, long NotNull)>("SELECT name, pk, \"notnull\" FROM pragma_table_info(@table)", new { table })).ToList();
            foreach (var column in columns)
            {
                facts.Column(table, column.Name);
                if (column.NotNull == 1) facts.NotNull(table, column.Name);
            }
            if (columns.Any(x => x.Pk > 0)) facts.PrimaryKey(table, columns.Where(x => x.Pk > 0).OrderBy(x => x.Pk).Select(x => x.Name));
            var indexes = await c.QueryAsync<(string Name, long Unique, string Origin, long Partial)>("SELECT name, \"unique\", origin, partial FROM pragma_index_list(@table)", new { table });
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                // An expression column has no name here (cid -2): it still counts, as "(expression)".
                var keys = (await c.QueryAsync<string?>("SELECT name FROM pragma_index_info(@name) ORDER BY seqno", new { name = index.Name }))
                    .Select(k => k ?? "(expression)");
                if (index.Origin == "u") facts.UniqueConstraint(table, keys);
                else facts.Index(table, index.Name, index.Unique == 1, keys, index.Partial == 1);
            }
        }
        return facts;
    }
}
