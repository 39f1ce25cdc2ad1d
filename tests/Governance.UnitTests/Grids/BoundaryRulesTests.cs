using Governance.Contracts;
using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>
/// The rules a boundary is held to: every point of the county in exactly one courtyard, borders
/// included (half-open edges: a border belongs to the unit east or north of it); what NetTopologySuite
/// refuses on its own (not valid, not simple, too wide); simplification that keeps the shape.
/// </summary>
[TestFixture]
public class BoundaryRulesTests
{
    private static readonly DemoCountyData County = DemoCounty.Generate(DemoCountySize.Demo);

    private static IReadOnlyList<Shape> Courtyards => County.Boundaries
        .Where(b => County.Units.Single(u => u.Code == b.UnitCode).Level == UnitLevel.Courtyard).Select(b => b.Shape).ToList();

    [Test]
    public void Every_corner_and_border_point_of_the_demo_county_lies_in_exactly_one_courtyard_unless_on_its_east_or_north_edge()
    {
        var courtyards = Courtyards;
        var extent = DemoCounty.Extent;
        var points = courtyards.SelectMany(s => s.Polygons[0].Rings[0].Zip(s.Polygons[0].Rings[0].Skip(1)))
            .SelectMany(edge => new[] { edge.First, new Position((edge.First.Lng + edge.Second.Lng) / 2, (edge.First.Lat + edge.Second.Lat) / 2) })
            .Distinct().ToList();
        Assert.That(points, Has.Count.GreaterThan(400));
        foreach (var p in points)
        {
            var holders = courtyards.Count(s => Geometry.Contains(s, p.Lat, p.Lng));
            var onOuterEastOrNorth = p.Lng == extent.MaxLng || p.Lat == extent.MaxLat;
            Assert.That(holders, Is.EqualTo(onOuterEastOrNorth ? 0 : 1), $"[{p.Lng}, {p.Lat}]");
        }
    }

    [Test]
    public void A_bow_tie_is_not_valid_and_the_world_is_too_wide_and_a_courtyard_is_fine()
    {
        var options = new BoundaryOptions();
        Shape Ring(params (double Lng, double Lat)[] ring) => new([new Polygon([ring.Select(p => new Position(p.Lng, p.Lat)).ToList()])]);
        var bowTie = Ring((108.0, 30.0), (108.1, 30.1), (108.1, 30.0), (108.0, 30.1), (108.0, 30.0));
        Assert.That(Topology.ProblemAlone(bowTie, options), Has.Property("Fault").EqualTo(ShapeFault.NotValid).And.Property("Reason").StartsWith("Self-intersection"));
        var world = Geometry.Rectangle(new BoundingBox(-80, -170, 80, 170));
        Assert.That(Topology.ProblemAlone(world, options), Has.Property("Fault").EqualTo(ShapeFault.TooWide).And.Property("MostKilometres").EqualTo(options.MaxExtentKilometres));
        Assert.That(Topology.ProblemAlone(Courtyards[0], options), Is.Null);
    }

    [Test]
    public void Simplifying_drops_positions_within_the_tolerance_and_keeps_a_shape_smaller_than_it()
    {
        // A rectangle with a point 1 m off the middle of its south edge.
        var bumped = new Shape([new Polygon([[
            new Position(108.0, 30.0), new Position(108.005, 30.0 - 1 / Topology.MetresPerDegree), new Position(108.01, 30.0),
            new Position(108.01, 30.01), new Position(108.0, 30.01), new Position(108.0, 30.0)]])]);
        Assert.That(Topology.Simplified(bumped, 10).Polygons[0].Rings[0], Has.Count.EqualTo(5));
        Assert.That(Topology.Simplified(bumped, 0), Is.SameAs(bumped));
        var tiny = Geometry.Rectangle(new BoundingBox(30.0, 108.0, 30.00001, 108.00001)); // about 1 m across
        Assert.That(Topology.Simplified(tiny, 10), Is.SameAs(tiny), "a shape smaller than the tolerance is served as it is");
    }
}
