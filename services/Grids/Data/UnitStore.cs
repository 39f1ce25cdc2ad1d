using Dapper;

namespace Governance.Grids.Data;

/// <summary>The SQL of the unit tree and its history, in one place. Writes take the unit of work; reads
/// any session (in a change, the unit of work: the read is in its transaction). Reads do not lock: a
/// changed unit is written back only if its version is still the one read (<see cref="UpdateAsync"/>).</summary>
public static class UnitStore
{
    private const string UnitColumns =
        "code AS Code, name AS Name, level AS Level, parent_code AS ParentCode, version AS Version, retired_at_ms AS RetiredAtMs";

    private sealed class UnitRow
    {
        public string Code { get; init; } = default!;
        public string Name { get; init; } = default!;
        public short Level { get; init; }
        public string? ParentCode { get; init; }
        public long Version { get; init; }
        public long? RetiredAtMs { get; init; }

        public Unit ToUnit() => new(Code, Name, (UnitLevel)Level, ParentCode, Version,
            RetiredAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private sealed class ChangeRow
    {
        public Guid Id { get; init; }
        public string UnitCode { get; init; } = default!;
        public long Version { get; init; }
        public string Change { get; init; } = default!;
        public string? FromValue { get; init; }
        public string? ToValue { get; init; }
        public string ChangedBy { get; init; } = default!;
        public long ChangedAtMs { get; init; }
    }

    private static readonly string[] InsertColumns = ["code", "name", "level", "parent_code", "version", "retired_at_ms"];
    private static readonly string[] HistoryColumns = ["id", "unit_code", "version", "change", "from_value", "to_value", "changed_by", "changed_at_ms"];

    /// <summary>Inserts units (parents before children) in multi-row batches.</summary>
    public static Task<int> InsertUnitsAsync(UnitOfWork uow, IReadOnlyList<Unit> units) =>
        BulkInsert.RunAsync(uow, "units", InsertColumns, units,
            u => [u.Code, u.Name, (short)u.Level, u.ParentCode, u.Version, u.RetiredAt?.ToUnixTimeMilliseconds()]);

    /// <summary>Writes a changed unit if nobody changed it since it was read (its version then was
    /// <paramref name="readVersion"/>); false if someone did.</summary>
    public static async Task<bool> UpdateAsync(UnitOfWork uow, Unit changed, long readVersion) =>
        await uow.ExecuteAsync("""
            UPDATE units SET name = @Name, parent_code = @ParentCode, version = @Version, retired_at_ms = @RetiredAtMs
            WHERE code = @Code AND version = @ReadVersion
            """, new
        {
            changed.Code, changed.Name, changed.ParentCode, changed.Version, RetiredAtMs = changed.RetiredAt?.ToUnixTimeMilliseconds(), ReadVersion = readVersion,
        }) == 1;

    /// <summary>A change that other services copy but that is not the unit's own record (its boundary):
    /// the versions move on, so that the copies take the announcement that follows.</summary>
    public static async Task BumpVersionsAsync(UnitOfWork uow, IEnumerable<string> codes)
    {
        foreach (var chunk in codes.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            await uow.ExecuteAsync($"UPDATE units SET version = version + 1 WHERE {SqlList.In("code", "c", chunk, parameters)}", parameters);
        }
    }

    public static Task<long> CountUnitsAsync(DbSession session) =>
        session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units");

    public static async Task<IReadOnlyList<Unit>> ListAsync(DbSession session, UnitLevel? level, string? parentCode,
        bool includeRetired, int limit, int offset)
    {
        var sql = $"""
            SELECT {UnitColumns} FROM units
            WHERE (@Level IS NULL OR level = @Level) AND (@ParentCode IS NULL OR parent_code = @ParentCode)
              AND (@IncludeRetired = 1 OR retired_at_ms IS NULL)
            ORDER BY code {Sql.Page(session.Provider, limit, offset)}
            """;
        var rows = await session.QueryAsync<UnitRow>(sql, new { Level = (short?)level, ParentCode = parentCode, IncludeRetired = includeRetired ? 1 : 0 });
        return rows.Select(r => r.ToUnit()).ToList();
    }

    public static async Task<Unit?> FindAsync(DbSession session, string code)
    {
        var row = await session.QuerySingleOrDefaultAsync<UnitRow>($"SELECT {UnitColumns} FROM units WHERE code = @code", new { code });
        return row?.ToUnit();
    }

    /// <summary>The units with these codes (for validating a whole import at once).</summary>
    public static async Task<Dictionary<string, Unit>> FindManyAsync(DbSession session, IEnumerable<string> codes)
    {
        var found = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (var chunk in codes.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            var rows = await session.QueryAsync<UnitRow>($"SELECT {UnitColumns} FROM units WHERE {SqlList.In("code", "c", chunk, parameters)}", parameters);
            foreach (var row in rows) found[row.Code] = row.ToUnit();
        }
        return found;
    }

    /// <summary>A unit's place in the tree, without its name: the whole tree fits in memory at county size.</summary>
    public sealed record TreeNode(string Code, UnitLevel Level, string? ParentCode, bool Retired);

    /// <summary>Every unit's level, parent and whether it is retired (for checks over parents and siblings).</summary>
    public static async Task<Dictionary<string, TreeNode>> TreeAsync(DbSession session) =>
        (await session.QueryAsync<(string Code, short Level, string? ParentCode, long? RetiredAtMs)>(
            "SELECT code, level, parent_code, retired_at_ms FROM units"))
        .ToDictionary(r => r.Code, r => new TreeNode(r.Code, (UnitLevel)r.Level, r.ParentCode, r.RetiredAtMs is not null), StringComparer.Ordinal);

    /// <summary>How many units that are not retired sit directly under this one.</summary>
    public static Task<long> ActiveChildrenAsync(DbSession session, string code) =>
        session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units WHERE parent_code = @code AND retired_at_ms IS NULL", new { code });

    /// <summary>
    /// "WITH RECURSIVE reach_units (code, depth) AS (…)": the given units and every unit below them, to
    /// put before a SELECT that keeps to a caller's units ("unit_code IN (SELECT code FROM reach_units)").
    /// Filtering in SQL, before the page is cut, so that a page holds what the caller may see.
    /// </summary>
    public static string ReachSql(DatabaseProvider provider, IReadOnlyCollection<string> roots, DynamicParameters parameters) => $"""
        {Sql.RecursiveWith(provider)} reach_units (code, depth) AS (
            SELECT code, 0 FROM units WHERE {SqlList.In("code", "reachRoot", roots, parameters)}
            UNION ALL
            SELECT u.code, r.depth + 1 FROM units u JOIN reach_units r ON u.parent_code = r.code
            WHERE r.depth < 8
        )
        """;

    /// <summary>The unit and its ancestors, the unit first and the county last.</summary>
    public static async Task<IReadOnlyList<Unit>> PathAsync(DbSession session, string code) =>
        (await session.QueryAsync<UnitRow>(PathSql(session.Provider), new { code })).Select(r => r.ToUnit()).ToList();

    /// <summary>Public so the SQL Server form can be parsed in tests.</summary>
    public static string PathSql(DatabaseProvider provider) => $"""
        {Sql.RecursiveWith(provider)} chain (code, name, level, parent_code, version, retired_at_ms, depth) AS (
            SELECT code, name, level, parent_code, version, retired_at_ms, 0 FROM units WHERE code = @code
            UNION ALL
            SELECT u.code, u.name, u.level, u.parent_code, u.version, u.retired_at_ms, c.depth + 1
            FROM units u JOIN chain c ON u.code = c.parent_code
            WHERE c.depth < 8
        )
        SELECT {UnitColumns} FROM chain ORDER BY depth
        """;

    /// <summary>All units in pages, for announcing the whole tree (retired ones too: copies need them).</summary>
    public static async Task<IReadOnlyList<Unit>> PageAsync(DbSession session, int limit, int offset)
    {
        var sql = $"SELECT {UnitColumns} FROM units ORDER BY level, code {Sql.Page(session.Provider, limit, offset)}";
        return (await session.QueryAsync<UnitRow>(sql)).Select(r => r.ToUnit()).ToList();
    }

    public static Task<int> AddHistoryAsync(UnitOfWork uow, IReadOnlyList<UnitChange> changes) =>
        BulkInsert.RunAsync(uow, "unit_history", HistoryColumns, changes,
            h => [h.Id, h.UnitCode, h.Version, h.Change, h.From, h.To, h.ChangedBy, h.ChangedAt.ToUnixTimeMilliseconds()]);

    /// <summary>A unit's history, oldest first.</summary>
    public static async Task<IReadOnlyList<UnitChange>> HistoryAsync(DbSession session, string code)
    {
        var rows = await session.QueryAsync<ChangeRow>("""

            SELECT id AS Id, unit_code AS UnitCode, version AS Version, change AS Change, from_value AS FromValue,
                   to_value AS ToValue, changed_by AS ChangedBy, changed_at_ms AS ChangedAtMs
            FROM unit_history WHERE unit_code = @code ORDER BY changed_at_ms, version, id
            """, new { code });
        return rows.Select(r => new UnitChange(r.Id, r.UnitCode, r.Version, r.Change, r.FromValue, r.ToValue, r.ChangedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(r.ChangedAtMs))).ToList();
    }
}
