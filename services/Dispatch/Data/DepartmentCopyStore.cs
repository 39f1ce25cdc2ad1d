using System.Data.Common;
using Dapper;
using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;

namespace Governance.Dispatch.Data;

/// <summary>Dispatch's copy of the departments; last version wins.</summary>
public static class DepartmentCopyStore
{
    public static async Task UpsertAsync(DbConnection c, DbTransaction t, DatabaseProvider provider, IEnumerable<DepartmentRecord> departments)
    {
        foreach (var d in departments)
        {
            var row = new { Id = d.Id.ToString(), d.UnitCode, d.NameZh, Categories = string.Join(",", d.Categories.Select(Codes.Of)), d.Version };
            var updated = await c.ExecuteAsync("""
                UPDATE department_copy SET unit_code = @UnitCode, name_zh = @NameZh, categories = @Categories, version = @Version
                WHERE id = @Id AND version < @Version
                """, row, t);
            if (updated == 0)
                await c.ExecuteAsync(Sql.InsertIfAbsent(provider, "department_copy", "id, unit_code, name_zh, categories, version",
                    "@Id, @UnitCode, @NameZh, @Categories, @Version", "id", "id = @Id"), row, t);
        }
    }

    /// <summary>The department of <paramref name="unitCode"/> that handles <paramref name="category"/> (e.g. a township's 司法所 for disputes).</summary>
    public static async Task<string?> HandlerOfAsync(DbConnection c, DbTransaction t, string unitCode, Category category)
    {
        var code = Codes.Of(category);
        var candidates = await c.QueryAsync<(string Id, string Categories)>(
            "SELECT id, categories FROM department_copy WHERE unit_code = @unitCode ORDER BY id", new { unitCode }, t);
        return candidates.FirstOrDefault(d => d.Categories.Split(',').Contains(code)).Id;
    }
}
