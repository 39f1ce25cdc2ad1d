namespace Governance.Grids.Data;

/// <summary>The SQL of unit boundaries: GeoJSON coordinates as text and a bounding box in indexed
/// columns. The database narrows by box; the exact test is <see cref="Geometry"/>'s, in code.</summary>
public static class BoundaryStore
{
    private static readonly string[] Columns = ["unit_code", "geometry_json", "min_lat", "min_lng", "max_lat", "max_lng", "updated_at_ms"];

    private sealed class CandidateRow
    {
        public string UnitCode { get; init; } = default!;
        public short Level { get; init; }
        public string GeometryJson { get; init; } = default!;
    }

    /// <summary>A boundary whose box holds the point: its unit, level and shape (read from its text
    /// only when asked: the deepest candidate usually answers, and a county's shape is the largest).</summary>
    public sealed record Candidate(string UnitCode, UnitLevel Level, string GeometryJson)
    {
        public Shape Shape => Geometry.FromJson(GeometryJson);
    }

    public static Task<int> InsertAsync(UnitOfWork uow, IReadOnlyList<UnitBoundary> boundaries, DateTimeOffset at) =>
        BulkInsert.RunAsync(uow, "unit_boundaries", Columns, boundaries, b =>
        {
            var box = Geometry.BoxOf(b.Shape);
            return [b.UnitCode, Geometry.ToJson(b.Shape), box.MinLat, box.MinLng, box.MaxLat, box.MaxLng, at.ToUnixTimeMilliseconds()];
        });

    /// <summary>Replaces the boundaries of these units (an import sets them whole).</summary>
    public static async Task ReplaceAsync(UnitOfWork uow, IReadOnlyList<UnitBoundary> boundaries, DateTimeOffset at)
    {
        foreach (var chunk in boundaries.Select(b => b.UnitCode).Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            await uow.ExecuteAsync($"DELETE FROM unit_boundaries WHERE {SqlList.In("unit_code", "c", chunk, parameters)}", parameters);
        }
        await InsertAsync(uow, boundaries, at);
    }

    /// <summary>The bounding boxes these units have now (for the history of an import).</summary>
    public static async Task<Dictionary<string, BoundingBox>> BoxesAsync(DbSession session, IEnumerable<string> codes)
    {
        var boxes = new Dictionary<string, BoundingBox>(StringComparer.Ordinal);
        foreach (var chunk in codes.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            var rows = await session.QueryAsync<(string, double, double, double, double)>(
                $"SELECT unit_code, min_lat, min_lng, max_lat, max_lng FROM unit_boundaries WHERE {SqlList.In("unit_code", "c", chunk, parameters)}", parameters);
            foreach (var (code, minLat, minLng, maxLat, maxLng) in rows) boxes[code] = new BoundingBox(minLat, minLng, maxLat, maxLng);
        }
        return boxes;
    }

    /// <summary>The boundaries these units have now (for checking an import against parents and siblings).</summary>
    public static async Task<Dictionary<string, Shape>> ShapesAsync(DbSession session, IEnumerable<string> codes)
    {
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var chunk in codes.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            var rows = await session.QueryAsync<(string, string)>(
                $"SELECT unit_code, geometry_json FROM unit_boundaries WHERE {SqlList.In("unit_code", "c", chunk, parameters)}", parameters);
            foreach (var (code, json) in rows) shapes[code] = Geometry.FromJson(json);
        }
        return shapes;
    }

    public static async Task<Shape?> FindAsync(DbSession session, string code)
    {
        var json = await session.ExecuteScalarAsync<string?>("SELECT geometry_json FROM unit_boundaries WHERE unit_code = @code", new { code });
        return json is null ? null : Geometry.FromJson(json);
    }

    /// <summary>Boundaries of units that are not retired whose bounding box holds the point.</summary>
    public static async Task<IReadOnlyList<Candidate>> CandidatesAsync(DbSession session, double lat, double lng)
    {
        var rows = await session.QueryAsync<CandidateRow>("""
            SELECT b.unit_code AS UnitCode, u.level AS Level, b.geometry_json AS GeometryJson
            FROM unit_boundaries b JOIN units u ON u.code = b.unit_code
            WHERE b.min_lat <= @lat AND b.max_lat >= @lat AND b.min_lng <= @lng AND b.max_lng >= @lng
              AND u.retired_at_ms IS NULL
            """, new { lat, lng });
        return rows.Select(r => new Candidate(r.UnitCode, (UnitLevel)r.Level, r.GeometryJson)).ToList();
    }

    public static Task<long> CountAsync(DbSession session) => session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unit_boundaries");

}
