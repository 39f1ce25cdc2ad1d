using System.ComponentModel.DataAnnotations;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Handling;

/// <summary>How far outside its unit a filing's location may lie (configuration "Incidents:Location").</summary>
public sealed class LocationOptions
{
    /// <summary>Metres beyond the box of the unit's boundary: a phone's fix is off by tens of metres, a
    /// courtyard's box is coarse, and a worker files from the lane outside; another township is not that close.</summary>
    [Range(0, 1_000_000)]
    public double ToleranceMeters { get; set; } = 2000;
}

/// <summary>
/// A filing's location (docs/coordinates.md; already WGS-84: Apis converts GCJ-02 input) lies near its unit — within the tolerance of the box of
/// the nearest unit in the place's chain that has a boundary (Grids announces each unit's box). A
/// place none of whose units has a boundary is not checked.
/// </summary>
public static class FilingLocation
{
    /// <summary>Adds an error naming <c>location</c> when it lies farther from its unit than the tolerance.</summary>
    public static void CheckNear(Location location, IReadOnlyList<CopiedUnit> chain, LocationOptions options, FieldErrors errors)
    {
        if (chain.FirstOrDefault(u => u.Extent is not null) is not { Extent: { } box } unit) return;
        var metres = Coordinates.MetresOutside(location.Lat, location.Lng, box);
        if (metres > options.ToleranceMeters)
            errors.Add("location", IncidentsTexts.LocationOutside(metres, Codes.Of(unit.Level), unit.Code, unit.Name, options.ToleranceMeters));
    }

}
