namespace Governance.Grids.Handling;

/// <summary>Where a point lies: the courtyard, grid, village and township around it (null where
/// no boundary of that level holds the point).</summary>
public sealed record Location(Unit? Courtyard, Unit? Grid, Unit? Village, Unit? Township);

/// <summary>
/// Finds the units containing a point: the database narrows to boundaries whose bounding box holds
/// it, <see cref="Geometry"/> tests them exactly, deepest level first, and the first that holds the
/// point gives the chain above it (so a courtyard's grid and village are its current parents, even
/// after re-gridding). Every point is in at most one courtyard, by two fixed rules: a point on a border
/// two units share belongs to one of them (edges are half-open: east of a north–south border, north of
/// an east–west one; <see cref="Geometry"/>), and where siblings overlap (reported at import, not
/// refused) the lower code takes the point.
/// </summary>
public static class Locator
{
    public static async Task<Location?> LocateAsync(GridsDatabase db, double lat, double lng)
    {
        await using var c = await db.OpenReadAsync();
        var hit = (await BoundaryStore.CandidatesAsync(c, lat, lng))
            .OrderByDescending(candidate => candidate.Level).ThenBy(candidate => candidate.UnitCode, StringComparer.Ordinal)
            .FirstOrDefault(candidate => Geometry.Contains(candidate.Shape, lat, lng));
        if (hit is null) return null;
        var path = await UnitStore.PathAsync(c, hit.UnitCode);
        Unit? At(UnitLevel level) => path.FirstOrDefault(u => u.Level == level);
        return new Location(At(UnitLevel.Courtyard), At(UnitLevel.Grid), At(UnitLevel.Village), At(UnitLevel.Township));
    }
}
