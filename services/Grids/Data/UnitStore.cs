using System.Data.Common;
using Dapper;
using Governance.Contracts;
using Governance.Grids.Model;
using Governance.Infrastructure.Data;

namespace Governance.Grids.Data;

/// <summary>The SQL of the unit tree and staff, in one place.</summary>
public static class UnitStore
{
    private const string UnitColumns = "code AS Code, name AS Name, level AS Level, parent_code AS ParentCode, version AS Version";

    private sealed class UnitRow
    {
        public string Code { get; init; } = default!;
        public string Name { get; init; } = default!;
        public short Level { get; init; }
        public string? ParentCode { get; init; }
        public long Version { get; init; }

        public Unit ToUnit() => new(Code, Name, (UnitLevel)Level, ParentCode, Version);
    }

    public static Task InsertUnitsAsync(DbConnection c, DbTransaction t, IEnumerable<Unit> units) =>
        c.ExecuteAsync("INSERT INTO units (code, name, level, parent_code, version) VALUES (@Code, @Name, @Level, @ParentCode, @Version)",
            units.Select(u => new { u.Code, u.Name, Level = (short)u.Level, u.ParentCode, u.Version }), t);

    public static Task InsertStaffAsync(DbConnection c, DbTransaction t, IEnumerable<StaffMember> staff) =>
        c.ExecuteAsync("INSERT INTO staff (id, name, role, unit_code) VALUES (@Id, @Name, @Role, @UnitCode)", staff, t);

    public static Task<long> CountUnitsAsync(DbConnection c, DbTransaction? t = null) =>
        c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units", transaction: t);

    public static async Task<IReadOnlyList<Unit>> ListAsync(DbConnection c, DatabaseProvider provider, UnitLevel? level, string? parentCode, int limit, int offset)
    {
        var sql = $"""
            SELECT {UnitColumns} FROM units
            WHERE (@Level IS NULL OR level = @Level) AND (@ParentCode IS NULL OR parent_code = @ParentCode)
            ORDER BY code {Sql.Page(provider, limit, offset)}
            """;
        var rows = await c.QueryAsync<UnitRow>(sql, new { Level = (short?)level, ParentCode = parentCode });
        return rows.Select(r => r.ToUnit()).ToList();
    }

    public static async Task<Unit?> FindAsync(DbConnection c, string code)
    {
        var row = await c.QuerySingleOrDefaultAsync<UnitRow>($"SELECT {UnitColumns} FROM units WHERE code = @code", new { code });
        return row?.ToUnit();
    }

    /// <summary>The unit and its ancestors, the unit first and the county last.</summary>
    public static async Task<IReadOnlyList<Unit>> PathAsync(DbConnection c, DatabaseProvider provider, string code)
    {
        var sql = $"""
            {Sql.RecursiveWith(provider)} chain (code, name, level, parent_code, version, depth) AS (
                SELECT code, name, level, parent_code, version, 0 FROM units WHERE code = @code
                UNION ALL
                SELECT u.code, u.name, u.level, u.parent_code, u.version, c.depth + 1
                FROM units u JOIN chain c ON u.code = c.parent_code
                WHERE c.depth < 8
            )
            SELECT {UnitColumns} FROM chain ORDER BY depth
            """;
        return (await c.QueryAsync<UnitRow>(sql, new { code })).Select(r => r.ToUnit()).ToList();
    }

    /// <summary>All units in pages, for announcing the whole tree.</summary>
    public static async Task<IReadOnlyList<Unit>> PageAsync(DbConnection c, DbTransaction t, DatabaseProvider provider, int limit, int offset)
    {
        var sql = $"SELECT {UnitColumns} FROM units ORDER BY level, code {Sql.Page(provider, limit, offset)}";
        return (await c.QueryAsync<UnitRow>(sql, transaction: t)).Select(r => r.ToUnit()).ToList();
    }

    public static async Task<IReadOnlyList<StaffMember>> StaffAsync(DbConnection c, string? unitCode, string? role)
    {
        const string sql = """
            SELECT id AS Id, name AS Name, role AS Role, unit_code AS UnitCode FROM staff
            WHERE (@unitCode IS NULL OR unit_code = @unitCode) AND (@role IS NULL OR role = @role)
            ORDER BY unit_code, role, id
            """;
        return (await c.QueryAsync<StaffMember>(sql, new { unitCode, role })).ToList();
    }
}
