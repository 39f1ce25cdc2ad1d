namespace Governance.Grids.Data;

/// <summary>The SQL of the full-coverage check (网格全域覆盖): each gap is one query.</summary>
public static class CoverageStore
{
    private const string Columns =
        "u.code AS Code, u.name AS Name, u.level AS Level, u.parent_code AS ParentCode, u.version AS Version";

    private sealed class Row
    {
        public string Code { get; init; } = default!;
        public string Name { get; init; } = default!;
        public short Level { get; init; }
        public string? ParentCode { get; init; }
        public long Version { get; init; }

        public Unit ToUnit() => new(Code, Name, (Contracts.UnitLevel)Level, ParentCode, Version);
    }

    /// <summary>Villages (and communities) with no grid that is not retired.</summary>
    public static async Task<IReadOnlyList<Unit>> VillagesWithoutGridsAsync(DbSession session) =>
        (await session.QueryAsync<Row>($"""
            SELECT {Columns} FROM units u
            WHERE u.level = 3 AND u.retired_at_ms IS NULL
              AND NOT EXISTS (SELECT 1 FROM units g WHERE g.parent_code = u.code AND g.level = 4 AND g.retired_at_ms IS NULL)
            ORDER BY u.code
            """)).Select(r => r.ToUnit()).ToList();

    /// <summary>Grids where no grid worker (full- or part-time, not left) is on duty at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<Unit>> GridsWithoutGridWorkerAsync(DbSession session, DateTimeOffset now) =>
        (await session.QueryAsync<Row>($"""
            SELECT {Columns} FROM units u
            WHERE u.level = 4 AND u.retired_at_ms IS NULL
              AND NOT EXISTS (
                SELECT 1 FROM duty_assignments d JOIN staff s ON s.id = d.staff_id
                WHERE d.unit_code = u.code AND d.role IN ({GridWorkerRoles}) AND s.left_at_ms IS NULL
                  AND d.from_ms <= @now AND (d.until_ms IS NULL OR d.until_ms > @now))
            ORDER BY u.code
            """, new { now = now.ToUnixTimeMilliseconds() })).Select(r => r.ToUnit()).ToList();

    // Constants of our own, not input: safe to write into the SQL.
    private static readonly string GridWorkerRoles = string.Join(", ", StaffRoles.GridWorkers.Select(r => $"'{r}'"));

    /// <summary>Courtyards whose parent is not a grid in service (its grid was retired, or the data is broken).</summary>
    public static async Task<IReadOnlyList<Unit>> CourtyardsWithoutGridAsync(DbSession session) =>
        (await session.QueryAsync<Row>($"""

            SELECT {Columns} FROM units u
            LEFT JOIN units g ON g.code = u.parent_code AND g.level = 4 AND g.retired_at_ms IS NULL
            WHERE u.level = 5 AND u.retired_at_ms IS NULL AND g.code IS NULL
            ORDER BY u.code
            """)).Select(r => r.ToUnit()).ToList();
}
