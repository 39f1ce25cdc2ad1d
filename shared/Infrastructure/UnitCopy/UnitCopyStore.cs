using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;

namespace Governance.Infrastructure.UnitCopy;

/// <summary>A unit as a copy keeps it, and the chain from a place up to the county. A retired unit
/// stays readable (old cases point at it) but takes no new cases. <paramref name="Extent"/>: the box of
/// its boundary, null while it has none.</summary>
public sealed record CopiedUnit(string Code, string Name, UnitLevel Level, string? ParentCode, bool Retired = false, UnitExtent? Extent = null);

/// <summary>
/// Reads and writes a service's copy of the unit tree. Writes are last-version-wins, so batches that
/// arrive twice or out of order leave the newest state.
/// </summary>
public static class UnitCopyStore
{
    private sealed class Row
    {
        public string Code { get; init; } = default!;
        public string Name { get; init; } = default!;
        public short Level { get; init; }
        public string? ParentCode { get; init; }
        public short Retired { get; init; }
        public double? MinLat { get; init; }
        public double? MinLng { get; init; }
        public double? MaxLat { get; init; }
        public double? MaxLng { get; init; }

        public CopiedUnit ToUnit() => new(Code, Name, (UnitLevel)Level, ParentCode, Retired != 0,
            MinLat is { } s && MinLng is { } w && MaxLat is { } n && MaxLng is { } e ? new UnitExtent(s, w, n, e) : null);
    }

    private const string Columns = "code AS Code, name AS Name, level AS Level, parent_code AS ParentCode, retired AS Retired, " +
        "min_lat AS MinLat, min_lng AS MinLng, max_lat AS MaxLat, max_lng AS MaxLng";

    public static async Task UpsertAsync(UnitOfWork uow, IEnumerable<UnitRecord> units)
    {
        var list = units as IReadOnlyList<UnitRecord> ?? units.ToList();
        await uow.ExecuteAsync(UpsertSql(uow.Provider),
            list.Select(u => new
            {
                u.Code, u.Name, Level = (short)u.Level, u.ParentCode, u.Version, Retired = (short)(u.Retired ? 1 : 0),
                MinLat = u.Extent?.MinLat, MinLng = u.Extent?.MinLng, MaxLat = u.Extent?.MaxLat, MaxLng = u.Extent?.MaxLng,
                BoundaryJson = UnitPlaces.ToJson(u.Boundary),
            }));
        await UnitPlaces.ReplaceAliasesAsync(uow, list);
    }

    /// <summary>Last-version-wins upsert of one unit (public so the SQL Server form can be parsed in tests).</summary>
    public static string UpsertSql(DatabaseProvider provider) => provider == DatabaseProvider.SqlServer
            ? """
              MERGE unit_copy AS t USING (SELECT @Code AS code) AS s ON t.code = s.code
              WHEN MATCHED AND t.version < @Version THEN UPDATE SET name = @Name, level = @Level, parent_code = @ParentCode, version = @Version, retired = @Retired,
                  min_lat = @MinLat, min_lng = @MinLng, max_lat = @MaxLat, max_lng = @MaxLng, boundary_json = @BoundaryJson
              WHEN NOT MATCHED THEN INSERT (code, name, level, parent_code, version, retired, min_lat, min_lng, max_lat, max_lng, boundary_json)
                  VALUES (@Code, @Name, @Level, @ParentCode, @Version, @Retired, @MinLat, @MinLng, @MaxLat, @MaxLng, @BoundaryJson);
              """
            : """
              INSERT INTO unit_copy (code, name, level, parent_code, version, retired, min_lat, min_lng, max_lat, max_lng, boundary_json)
              VALUES (@Code, @Name, @Level, @ParentCode, @Version, @Retired, @MinLat, @MinLng, @MaxLat, @MaxLng, @BoundaryJson)
              ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent_code = excluded.parent_code, version = excluded.version, retired = excluded.retired,
                  min_lat = excluded.min_lat, min_lng = excluded.min_lng, max_lat = excluded.max_lat, max_lng = excluded.max_lng, boundary_json = excluded.boundary_json
              WHERE unit_copy.version < excluded.version
              """;

    public static async Task<CopiedUnit?> FindAsync(DbSession session, string code)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM unit_copy WHERE code = @code", new { code });
        return row?.ToUnit();
    }

    /// <summary>The place and its ancestors, place first, county last; empty if the place is unknown.</summary>
    public static async Task<IReadOnlyList<CopiedUnit>> ChainAsync(DbSession session, string code)
    {
        var sql = $"""
            {Sql.RecursiveWith(session.Provider)} chain (code, name, level, parent_code, retired, min_lat, min_lng, max_lat, max_lng, depth) AS (
                SELECT code, name, level, parent_code, retired, min_lat, min_lng, max_lat, max_lng, 0 FROM unit_copy WHERE code = @code
                UNION ALL
                SELECT u.code, u.name, u.level, u.parent_code, u.retired, u.min_lat, u.min_lng, u.max_lat, u.max_lng, c.depth + 1
                FROM unit_copy u JOIN chain c ON u.code = c.parent_code
                WHERE c.depth < 8
            )
            SELECT {Columns} FROM chain ORDER BY depth
            """;
        var rows = await session.QueryAsync<Row>(sql, new { code });
        return rows.Select(r => r.ToUnit()).ToList();
    }

    /// <summary>The county (the root of the tree).</summary>
    public static async Task<CopiedUnit?> CountyAsync(DbSession session)
    {
        var code = await session.QueryFirstOrDefaultAsync<string>("SELECT code FROM unit_copy WHERE level = @level ORDER BY code", new { level = (short)UnitLevel.County });
        return code is null ? null : await FindAsync(session, code);
    }

    public static Task<long> CountAsync(DbSession session) =>
        session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unit_copy");

    /// <summary>Every unit's name by its code (an export names the places of many cases; a county has thousands of units, not millions).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(DbSession session) =>
        (await session.QueryAsync<Row>($"SELECT {Columns} FROM unit_copy")).ToDictionary(r => r.Code, r => r.Name);

    /// <summary>The units of these levels that are not retired (a report's townships and villages, zeros included).</summary>
    public static async Task<IReadOnlyList<CopiedUnit>> AtLevelsAsync(DbSession session, params UnitLevel[] levels)
    {
        var parameters = SqlList.With();
        var sql = $"SELECT {Columns} FROM unit_copy WHERE retired = 0 AND {SqlList.In("level", "l", levels.Select(l => (short)l).ToList(), parameters)}";
        return (await session.QueryAsync<Row>(sql, parameters)).Select(r => r.ToUnit()).ToList();
    }
}
