using Governance.Contracts;
using Governance.Grids.Data;
using Governance.Grids.Model;
using Governance.Infrastructure.Data;

namespace Governance.Grids.Handling;

/// <summary>Where a point lies: the courtyard, grid, village and township around it (null where
/// no boundary of that level holds the point).</summary>
public sealed record Location(Unit? Courtyard, Unit? Grid, Unit? Village, Unit? Township);

/// <summary>
/// Finds the units containing a point: the database narrows to boundaries whose bounding box holds
/// it, <see cref="Geometry"/> tests each exactly, and the deepest unit that matches gives the chain
/// above it (so a courtyard's grid and village are its current parents, even after re-gridding).
/// </summary>
public static class Locator
{
    public static async Task<Location?> LocateAsync(GridsDatabase db, double lat, double lng)
    {
        await using var c = await db.OpenAsync();
        var hits = (await BoundaryStore.CandidatesAsync(c, lat, lng))
            .Where(candidate => Geometry.Contains(candidate.Shape, lat, lng))
            .OrderByDescending(candidate => candidate.Level).ThenBy(candidate => candidate.UnitCode, StringComparer.Ordinal)
            .ToList();
        if (hits.Count == 0) return null;
        var path = await UnitStore.PathAsync(c, db.Provider, hits[0].UnitCode);
        Unit? At(UnitLevel level) => path.FirstOrDefault(u => u.Level == level);
        return new Location(At(UnitLevel.Courtyard), At(UnitLevel.Grid), At(UnitLevel.Village), At(UnitLevel.Township));
    }
}
