namespace Governance.Grids.Data;

/// <summary>The SQL of unit aliases (migration 0004): addresses the county registered for a unit, stored
/// normalised (<see cref="Infrastructure.UnitCopy.UnitPlaces.NormalizeAlias"/>), each belonging to one unit.</summary>
public static class UnitAliasStore
{
    /// <summary>The aliases of these units, in order; a unit without any is left out.</summary>
    public static async Task<Dictionary<string, List<string>>> OfAsync(DbSession session, IEnumerable<string> codes)
    {
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in codes.Distinct().Chunk(SqlList.ChunkSize))
        {
            var parameters = SqlList.With();
            var rows = await session.QueryAsync<(string Code, string Alias)>(
                $"SELECT unit_code, alias FROM unit_aliases WHERE {SqlList.In("unit_code", "c", chunk, parameters)} ORDER BY alias", parameters);
            foreach (var (code, alias) in rows)
            {
                if (!aliases.TryGetValue(code, out var list)) aliases[code] = list = [];
                list.Add(alias);
            }
        }
        return aliases;
    }

    /// <summary>Which unit holds each of these aliases now (those no unit holds are left out).</summary>
    public static async Task<Dictionary<string, string>> OwnersAsync(DbSession session, IReadOnlyCollection<string> aliases)
    {
        var parameters = SqlList.With();
        var rows = aliases.Count == 0 ? [] : await session.QueryAsync<(string Alias, string Code)>(
            $"SELECT alias, unit_code FROM unit_aliases WHERE {SqlList.In("alias", "a", aliases, parameters)}", parameters);
        return rows.ToDictionary(r => r.Alias, r => r.Code, StringComparer.Ordinal);
    }

    /// <summary>Sets a unit's aliases whole.</summary>
    public static async Task ReplaceAsync(UnitOfWork uow, string code, IReadOnlyList<string> aliases, string actor)
    {
        await uow.ExecuteAsync("DELETE FROM unit_aliases WHERE unit_code = @code", new { code });
        if (aliases.Count == 0) return;
        var at = uow.Now.ToUnixTimeMilliseconds();
        await uow.ExecuteAsync("INSERT INTO unit_aliases (alias, unit_code, added_by, added_at_ms) VALUES (@alias, @code, @actor, @at)",
            aliases.Select(alias => new { alias, code, actor, at }));
    }
}
