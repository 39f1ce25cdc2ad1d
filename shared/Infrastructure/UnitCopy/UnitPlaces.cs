using System.Text.Json;
using Governance.Contracts;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;

namespace Governance.Infrastructure.UnitCopy;

/// <summary>A grid or courtyard whose boundary's box holds a point: its code, level and boundary.</summary>
public sealed record PlaceCandidate(string Code, UnitLevel Level, double[][][][] Boundary);

/// <summary>
/// What a copy of the unit tree knows to place a point or an address on a unit (issue #14, docs/intake.md):
/// the boundaries of grids and courtyards and the addresses (aliases) the county registered for units, as
/// Grids announces them with each unit.
/// </summary>
public static class UnitPlaces
{
    private sealed class CandidateRow
    {
        public string Code { get; init; } = default!;
        public short Level { get; init; }
        public string Json { get; init; } = default!;
    }

    public static string? ToJson(double[][][][]? boundary) => boundary is null ? null : JsonSerializer.Serialize(boundary);

    /// <summary>An address as aliases are compared: trimmed, every run of white space (the ideographic space
    /// too) one plain space. Nothing else is changed: no guessing from names.</summary>
    public static string NormalizeAlias(string alias) =>
        string.Join(' ', alias.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Sets the aliases of the units whose record this batch applied (last-version-wins, as the
    /// units themselves: an older record that arrives late leaves the newer aliases alone).</summary>
    public static async Task ReplaceAliasesAsync(UnitOfWork uow, IReadOnlyList<UnitRecord> units)
    {
        foreach (var chunk in units.Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            var stored = (await uow.QueryAsync<(string Code, long Version)>(
                $"SELECT code, version FROM unit_copy WHERE {SqlList.In("code", "c", chunk.Select(u => u.Code).ToList(), parameters)}", parameters))
                .ToDictionary(r => r.Code, r => r.Version);
            var applied = chunk.Where(u => stored.TryGetValue(u.Code, out var version) && version == u.Version).ToList();
            if (applied.Count == 0) continue;
            var deletes = SqlList.With();
            await uow.ExecuteAsync(
                $"DELETE FROM unit_alias_copy WHERE {SqlList.In("unit_code", "d", applied.Select(u => u.Code).ToList(), deletes)}", deletes);
            var rows = applied.SelectMany(u => (u.Aliases ?? []).Select(NormalizeAlias).Where(a => a.Length > 0).Distinct()
                .Select(alias => new { u.Code, Alias = alias })).ToList();
            if (rows.Count > 0) await uow.ExecuteAsync("INSERT INTO unit_alias_copy (unit_code, alias) VALUES (@Code, @Alias)", rows);
        }
    }

    /// <summary>Grids and courtyards in service whose boundary's box holds the point (the exact test is
    /// <see cref="PlaneGeometry.Contains"/>'s, in code).</summary>
    public static async Task<IReadOnlyList<PlaceCandidate>> CandidatesAsync(DbSession session, double lat, double lng)
    {
        var rows = await session.QueryAsync<CandidateRow>("""
            SELECT code AS Code, level AS Level, boundary_json AS Json FROM unit_copy
            WHERE boundary_json IS NOT NULL AND retired = 0
              AND min_lat <= @lat AND max_lat >= @lat AND min_lng <= @lng AND max_lng >= @lng
            """, new { lat, lng });
        return rows.Select(r => new PlaceCandidate(r.Code, (UnitLevel)r.Level,
            JsonSerializer.Deserialize<double[][][][]>(r.Json) ?? [])).ToList();
    }

    /// <summary>The units in service that registered this address (normalised first); more than one only
    /// for a moment while an alias moves between units.</summary>
    public static async Task<IReadOnlyList<string>> UnitsWithAliasAsync(DbSession session, string alias) =>
        (await session.QueryAsync<string>("""
            SELECT a.unit_code FROM unit_alias_copy a JOIN unit_copy u ON u.code = a.unit_code
            WHERE a.alias = @alias AND u.retired = 0
            ORDER BY a.unit_code
            """, new { alias = NormalizeAlias(alias) })).ToList();

    /// <summary>The aliases a unit has in the copy (for reading back what was registered).</summary>
    public static async Task<IReadOnlyList<string>> AliasesOfAsync(DbSession session, string code) =>
        (await session.QueryAsync<string>("SELECT alias FROM unit_alias_copy WHERE unit_code = @code ORDER BY alias", new { code })).ToList();
}
