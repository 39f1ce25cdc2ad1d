using System.Text.Json;

namespace Governance.Grids.Model;

/// <summary>A point as GeoJSON orders it: longitude first.</summary>
public readonly record struct Position(double Lng, double Lat);

/// <summary>The smallest latitude/longitude rectangle around a shape: stored in indexed columns so
/// the database can discard most boundaries before the exact test runs.</summary>
public readonly record struct BoundingBox(double MinLat, double MinLng, double MaxLat, double MaxLng)
{
    public bool Contains(double lat, double lng) => lat >= MinLat && lat <= MaxLat && lng >= MinLng && lng <= MaxLng;

    public override string ToString() => FormattableString.Invariant($"[{MinLat},{MinLng} .. {MaxLat},{MaxLng}]");
}

/// <summary>A polygon: the first ring is the outer boundary, any further rings are holes. Rings are
/// closed (the last position repeats the first), as GeoJSON requires.</summary>
public sealed record Polygon(IReadOnlyList<IReadOnlyList<Position>> Rings);

/// <summary>A unit's area: one or more polygons (a GeoJSON MultiPolygon; a Polygon is one of them).</summary>
public sealed record Shape(IReadOnlyList<Polygon> Polygons);

/// <summary>
/// Point-in-polygon by ray casting, in plain code so that the three databases need no spatial
/// extension (SQLite has none by default). Edges are half-open — a point on the edge shared by two
/// neighbouring tiles falls into exactly one of them — so a tiling locates every point once.
/// Coordinates are treated as a plane, which is exact enough at the size of a courtyard.
/// </summary>
public static class Geometry
{
    public static bool Contains(Shape shape, double lat, double lng) =>
        shape.Polygons.Any(p => Contains(p, lat, lng));

    public static bool Contains(Polygon polygon, double lat, double lng) =>
        polygon.Rings.Count > 0
        && RingContains(polygon.Rings[0], lat, lng)
        && !polygon.Rings.Skip(1).Any(hole => RingContains(hole, lat, lng));

    /// <summary>Even-odd rule: a ray from the point towards +longitude crosses the ring an odd
    /// number of times if and only if the point is inside.</summary>
    public static bool RingContains(IReadOnlyList<Position> ring, double lat, double lng)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var (a, b) = (ring[i], ring[j]);
            if ((a.Lat > lat) != (b.Lat > lat)
                && lng < (b.Lng - a.Lng) * (lat - a.Lat) / (b.Lat - a.Lat) + a.Lng)
                inside = !inside;
        }
        return inside;
    }

    public static BoundingBox BoxOf(Shape shape)
    {
        var positions = shape.Polygons.SelectMany(p => p.Rings).SelectMany(r => r).ToList();
        if (positions.Count == 0) throw new ArgumentException("A shape needs at least one position.", nameof(shape));
        return new BoundingBox(positions.Min(p => p.Lat), positions.Min(p => p.Lng), positions.Max(p => p.Lat), positions.Max(p => p.Lng));
    }

    /// <summary>An axis-aligned rectangle, as the generated demo county tiles its units.</summary>
    public static Shape Rectangle(BoundingBox box) => new([new Polygon([
    [
        new Position(box.MinLng, box.MinLat), new Position(box.MaxLng, box.MinLat), new Position(box.MaxLng, box.MaxLat),
        new Position(box.MinLng, box.MaxLat), new Position(box.MinLng, box.MinLat),
    ]])]);

    /// <summary>The MultiPolygon coordinates, [[[[lng, lat], …], …], …], as stored and as GeoJSON shows them.</summary>
    public static string ToJson(Shape shape) => JsonSerializer.Serialize(Coordinates(shape));

    public static double[][][][] Coordinates(Shape shape) =>
        shape.Polygons.Select(p => p.Rings.Select(r => r.Select(pos => new[] { pos.Lng, pos.Lat }).ToArray()).ToArray()).ToArray();

    public static Shape FromJson(string json)
    {
        var coordinates = JsonSerializer.Deserialize<double[][][][]>(json)
            ?? throw new FormatException("Stored geometry is empty.");
        return new Shape(coordinates.Select(p => new Polygon(
            p.Select(r => (IReadOnlyList<Position>)r.Select(pos => new Position(pos[0], pos[1])).ToList()).ToList())).ToList());
    }
}
