namespace Governance.Grids.Data;

/// <summary>The SQL of departments and the categories they handle, in one place.</summary>
public static class DepartmentStore
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string UnitCode { get; init; } = default!;
        public string NameZh { get; init; } = default!;
        public string NameEn { get; init; } = default!;
        public long Version { get; init; }
    }

    private sealed class CategoryRow
    {
        public Guid DepartmentId { get; init; }
        public string Category { get; init; } = default!;
    }

    private static readonly string[] Columns = ["id", "unit_code", "name_zh", "name_en", "version", "created_at_ms"];

    public static async Task InsertAsync(UnitOfWork uow, IReadOnlyList<Department> departments, DateTimeOffset at)
    {
        await BulkInsert.RunAsync(uow, "departments", Columns, departments,
            d => [d.Id, d.UnitCode, d.NameZh, d.NameEn, d.Version, at.ToUnixTimeMilliseconds()]);
        var categories = departments.SelectMany(d => d.Categories.Select(category => (d.Id, Category: Codes.Of(category)))).ToList();
        await BulkInsert.RunAsync(uow, "department_categories", ["department_id", "category"], categories, x => [x.Id, x.Category]);
    }

    public static Task<bool> ExistsAsync(DbSession session, Guid id) =>
        session.ExecuteScalarAsync<bool>("SELECT CASE WHEN EXISTS (SELECT 1 FROM departments WHERE id = @id) THEN 1 ELSE 0 END", new { id });

    /// <summary>Departments of a unit and/or handling a category, by unit then Chinese name.</summary>
    public static async Task<IReadOnlyList<Department>> ListAsync(DbSession session, string? unitCode, Category? category)
    {
        var rows = (await session.QueryAsync<Row>("""
            SELECT d.id AS Id, d.unit_code AS UnitCode, d.name_zh AS NameZh, d.name_en AS NameEn, d.version AS Version
            FROM departments d
            WHERE (@unitCode IS NULL OR d.unit_code = @unitCode)
              AND (@category IS NULL OR EXISTS (SELECT 1 FROM department_categories dc WHERE dc.department_id = d.id AND dc.category = @category))
            ORDER BY d.unit_code, d.name_zh
            """, new { unitCode, category = category is { } k ? Codes.Of(k) : null })).ToList();
        var categories = new List<CategoryRow>();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            categories.AddRange(await session.QueryAsync<CategoryRow>(
                $"SELECT department_id AS DepartmentId, category AS Category FROM department_categories WHERE {SqlList.In("department_id", "d", chunk, parameters)}",
                parameters));
        }
        var byDepartment = categories.ToLookup(x => x.DepartmentId);
        return rows.Select(r => new Department(r.Id, r.UnitCode, r.NameZh, r.NameEn,
            byDepartment[r.Id].Select(x => Parse(x.Category)).Order().ToList(), r.Version)).ToList();
    }

    public static async Task<Department?> FindAsync(DbSession session, Guid id)
    {
        var unitCode = await session.ExecuteScalarAsync<string?>("SELECT unit_code FROM departments WHERE id = @id", new { id });
        return unitCode is null ? null : (await ListAsync(session, unitCode, null)).FirstOrDefault(d => d.Id == id);

    }

    private static Category Parse(string code) =>
        Codes.TryParse<Category>(code, out var category) ? category : throw new InvalidOperationException($"Stored category '{code}' is unknown");
}
