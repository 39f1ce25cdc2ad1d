namespace Governance.Infrastructure.UnitCopy;

/// <summary>
/// Point in a GeoJSON MultiPolygon ([[[[lng, lat], …] outer ring, holes…], …]) by the rule Grids' /grids/locate
/// uses (services/Grids/Model/Geometry.cs; docs/coordinates.md "Borders"): ray casting towards the east with
/// half-open edges, so a point on a border two units share lies in exactly one of them. A copy must place a
/// point where Grids would, so the rule is the same one, not a library's (NetTopologySuite counts a point on
/// a border as inside both); <c>PlaneGeometryTests</c> holds the two to the same answers.
/// </summary>
public static class PlaneGeometry
{
    public static bool Contains(double[][][][] multiPolygon, double lat, double lng) =>
        multiPolygon.Any(polygon => polygon.Length > 0 && RingContains(polygon[0], lat, lng)
            && !polygon.Skip(1).Any(hole => RingContains(hole, lat, lng)));

    /// <summary>Even-odd rule: a ray from the point towards +longitude crosses the ring an odd number of times
    /// if and only if the point is inside.</summary>
    public static bool RingContains(double[][] ring, double lat, double lng)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (aLng, aLat, bLng, bLat) = (ring[i][0], ring[i][1], ring[j][0], ring[j][1]);
            if ((aLat > lat) != (bLat > lat) && lng < (bLng - aLng) * (lat - aLat) / (bLat - aLat) + aLng)
                inside = !inside;
        }
        return inside;
    }
}
