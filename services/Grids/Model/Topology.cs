using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Operation.Valid;
using NetTopologySuite.Simplify;
using Nts = NetTopologySuite.Geometries;

namespace Governance.Grids.Model;

/// <summary>
/// Boundaries as NetTopologySuite geometries (x = longitude, y = latitude, WGS-84): validity, parents
/// and siblings, simplification. Distances and areas are converted from degrees at the shape's
/// latitude, which is exact enough at the size of a county. Locating a point does not come here: it
/// keeps its own half-open ray casting (<see cref="Geometry"/>), the rule for shared borders.
/// </summary>
public static class Topology
{
    /// <summary>Metres in a degree of latitude (and of longitude at the equator).</summary>
    public const double MetresPerDegree = 111_320;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static MultiPolygon ToGeometry(Shape shape) => Factory.CreateMultiPolygon(shape.Polygons.Select(p =>
    {
        var rings = p.Rings.Select(r => Factory.CreateLinearRing(r.Select(pos => new Coordinate(pos.Lng, pos.Lat)).ToArray())).ToList();
        return Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray());
    }).ToArray());

    /// <summary>The polygons of a polygonal geometry (a Polygon or a MultiPolygon); anything else is empty.</summary>
    public static Shape ToShape(Nts.Geometry geometry) => new(Enumerable.Range(0, geometry.NumGeometries)
        .Select(geometry.GetGeometryN).OfType<Nts.Polygon>().Where(p => !p.IsEmpty)
        .Select(p => new Polygon(new[] { p.ExteriorRing }.Concat(p.InteriorRings)
            .Select(r => (IReadOnlyList<Position>)r.Coordinates.Select(c => new Position(c.X, c.Y)).ToList()).ToList()))
        .ToList());

    /// <summary>Why a shape cannot be a unit's boundary on its own (not valid, not simple, too wide); null if it can.
    /// What a user reads is said from it by the import (GridsTexts), in the caller's language.</summary>
    public static ShapeProblem? ProblemAlone(Shape shape, BoundaryOptions options)
    {
        var geometry = ToGeometry(shape);
        var invalid = new IsValidOp(geometry).ValidationError;
        if (invalid is not null)
            return new ShapeProblem(ShapeFault.NotValid, invalid.Message, invalid.Coordinate.X, invalid.Coordinate.Y, Invalidity: invalid.ErrorType);
        if (!geometry.IsSimple) return new ShapeProblem(ShapeFault.NotSimple);
        var box = Geometry.BoxOf(shape);
        var (wide, high) = Kilometres(box);
        if (Math.Max(wide, high) > options.MaxExtentKilometres)
            return new ShapeProblem(ShapeFault.TooWide, Kilometres: Math.Max(wide, high), MostKilometres: options.MaxExtentKilometres);
        return null;
    }

    /// <summary>East–west and north–south size of a box, in kilometres.</summary>
    public static (double Wide, double High) Kilometres(BoundingBox box) =>
        ((box.MaxLng - box.MinLng) * MetresPerDegree * Math.Cos(Radians((box.MinLat + box.MaxLat) / 2)) / 1000,
         (box.MaxLat - box.MinLat) * MetresPerDegree / 1000);

    /// <summary>A shape grown by <paramref name="metres"/>, ready for many containment tests. The
    /// longitude degree is the shorter one at this latitude, so the margin is at least that everywhere.</summary>
    public static IPreparedGeometry Grown(Shape shape, double metres)
    {
        var geometry = ToGeometry(shape);
        var latitude = geometry.EnvelopeInternal.Centre.Y;
        var degrees = metres / (MetresPerDegree * Math.Max(0.01, Math.Cos(Radians(latitude))));
        return PreparedGeometryFactory.Prepare(degrees > 0 ? geometry.Buffer(degrees) : geometry);
    }

    /// <summary>The area two shapes share, in square metres (0 when they only touch).</summary>
    public static double SharedSquareMetres(Nts.Geometry a, Nts.Geometry b) =>
        !a.EnvelopeInternal.Intersects(b.EnvelopeInternal) ? 0 : SquareMetres(OverlayNGRobust.Overlay(a, b, SpatialFunction.Intersection));

    /// <summary>The area of <paramref name="parent"/> that none of <paramref name="children"/> covers, in square metres.</summary>
    public static double UncoveredSquareMetres(Nts.Geometry parent, IReadOnlyCollection<Nts.Geometry> children) =>
        children.Count == 0 ? SquareMetres(parent)
            : SquareMetres(OverlayNGRobust.Overlay(parent, CascadedPolygonUnion.Union(children.ToList()), SpatialFunction.Difference));

    public static double SquareMetres(Nts.Geometry geometry) =>
        geometry.IsEmpty ? 0
            : geometry.Area * MetresPerDegree * MetresPerDegree * Math.Cos(Radians(geometry.EnvelopeInternal.Centre.Y));

    /// <summary>The shape drawn with fewer positions (Douglas-Peucker): no position moves more than
    /// <paramref name="metres"/>. A part smaller than that would vanish; then the shape is served as it is.</summary>
    public static Shape Simplified(Shape shape, double metres)
    {
        if (metres <= 0) return shape;
        var geometry = ToGeometry(shape);
        var simplified = DouglasPeuckerSimplifier.Simplify(geometry, metres / MetresPerDegree);
        var result = ToShape(simplified);
        return result.Polygons.Count == shape.Polygons.Count ? result : shape;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}

/// <summary>What is wrong with a shape as a boundary: not a valid geometry, a ring that crosses or touches itself, wider
/// or higher than a unit may be (most likely latitude and longitude swapped).</summary>
public enum ShapeFault { NotValid, NotSimple, TooWide }

/// <summary>Why a shape cannot be a unit's boundary on its own (<see cref="Topology.ProblemAlone"/>): for NotValid the
/// geometry library's reason (in English, as it gives it) and where; for TooWide its span and the most allowed.</summary>
public sealed record ShapeProblem(ShapeFault Fault, string? Reason = null, double Lng = 0, double Lat = 0, double Kilometres = 0, double MostKilometres = 0,
    TopologyValidationErrors? Invalidity = null);
