namespace Governance.Dispatch.Data;

/// <summary>Dispatch's copy of the departments; last version wins.</summary>
public static class DepartmentCopyStore
{
    public static async Task UpsertAsync(UnitOfWork uow, IEnumerable<DepartmentRecord> departments)
    {
        // In one order (by id): two lists upserted at once (a seed and a change) inserting the same departments in
        // different orders deadlocked, each transaction holding a row the other wanted next.
        foreach (var d in departments.OrderBy(d => d.Id))
        {
            var row = new
            {
                Id = CodeOf(d.Id), d.UnitCode, d.NameZh, Categories = string.Join(",", d.Categories.Select(Codes.Of)), d.Version,
                Retired = d.Retired ? 1 : 0,
            };
            var updated = await uow.ExecuteAsync("""
                UPDATE department_copy SET unit_code = @UnitCode, name_zh = @NameZh, categories = @Categories, version = @Version, retired = @Retired
                WHERE id = @Id AND version < @Version
                """, row);
            if (updated == 0)
                await uow.ExecuteAsync(Sql.InsertIfAbsent(uow.Provider, "department_copy", "id, unit_code, name_zh, categories, version, retired",
                    "@Id, @UnitCode, @NameZh, @Categories, @Version, @Retired", "id", "id = @Id"), row);
        }
    }

    /// <summary>A department's code in Dispatch: the id Grids gave it, in its canonical text form.</summary>
    public static string CodeOf(Guid id) => id.ToString("D");

    /// <summary>The canonical code for what a client sent (any of a Guid's text forms), or null when it is no department id.</summary>
    public static string? Normalise(string? text) => Guid.TryParse(text?.Trim(), out var id) ? CodeOf(id) : null;

    /// <summary>A department Dispatch knows of: its unit, Chinese name, and whether it was retired.</summary>
    public sealed record CopiedDepartment(string Code, string UnitCode, string NameZh, bool Retired);

    private sealed class Row
    {
        public string Id { get; init; } = default!;
        public string UnitCode { get; init; } = default!;
        public string NameZh { get; init; } = default!;
        public short Retired { get; init; }
    }

    public static async Task<CopiedDepartment?> FindAsync(DbSession session, string code)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>(
            "SELECT id AS Id, unit_code AS UnitCode, name_zh AS NameZh, retired AS Retired FROM department_copy WHERE id = @code", new { code });
        return row is null ? null : new CopiedDepartment(row.Id, row.UnitCode, row.NameZh, row.Retired != 0);
    }

    /// <summary>The department of <paramref name="unitCode"/> that handles <paramref name="category"/> (e.g. a township's 司法所 for disputes).</summary>
    public static async Task<string?> HandlerOfAsync(DbSession session, string unitCode, Category category)
    {
        var code = Codes.Of(category);
        var candidates = await session.QueryAsync<(string Id, string Categories)>(
            "SELECT id, categories FROM department_copy WHERE unit_code = @unitCode AND retired = 0 ORDER BY id", new { unitCode });
        return candidates.FirstOrDefault(d => d.Categories.Split(',').Contains(code)).Id;
    }
}
