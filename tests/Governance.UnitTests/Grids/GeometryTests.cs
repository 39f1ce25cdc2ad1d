using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class GeometryTests
{
    private static IReadOnlyList<Position> Ring(params (double Lng, double Lat)[] points) =>
        points.Select(p => new Position(p.Lng, p.Lat)).ToList();

    private static readonly Shape Square = Geometry.Rectangle(new BoundingBox(30.0, 108.0, 31.0, 109.0));

    // An L: the square 0..2 x 0..2 without its upper right quarter (lat 1..2, lng 1..2).
    private static readonly Shape LShape = new([new Polygon([Ring((0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2), (0, 0))])]);

    // A square 0..4 with a square hole 1..3 (a courtyard around a pond that belongs to no one).
    private static readonly Shape WithHole = new([new Polygon([
        Ring((0, 0), (4, 0), (4, 4), (0, 4), (0, 0)),
        Ring((1, 1), (3, 1), (3, 3), (1, 3), (1, 1)),
    ])]);

    [Test]
    public void A_point_inside_a_rectangle_is_contained_and_one_outside_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Geometry.Contains(Square, 30.5, 108.5), Is.True);
            Assert.That(Geometry.Contains(Square, 31.5, 108.5), Is.False);
            Assert.That(Geometry.Contains(Square, 30.5, 107.9), Is.False);
        });
    }

    [Test]
    public void The_notch_of_a_concave_polygon_is_outside_even_though_its_bounding_box_holds_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Geometry.BoxOf(LShape).Contains(1.5, 1.5), Is.True);
            Assert.That(Geometry.Contains(LShape, 1.5, 1.5), Is.False);
            Assert.That(Geometry.Contains(LShape, 0.5, 1.5), Is.True);
            Assert.That(Geometry.Contains(LShape, 1.5, 0.5), Is.True);
        });
    }

    [Test]
    public void A_point_in_a_hole_is_outside_and_a_point_in_the_ring_around_it_inside()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Geometry.Contains(WithHole, 2, 2), Is.False);
            Assert.That(Geometry.Contains(WithHole, 0.5, 0.5), Is.True);
            Assert.That(Geometry.Contains(WithHole, 3.5, 2), Is.True);
        });
    }

    [Test]
    public void A_multipolygon_contains_points_of_each_of_its_parts_and_none_between_them()
    {
        var islands = new Shape([
            new Polygon([Ring((0, 0), (1, 0), (1, 1), (0, 1), (0, 0))]),
            new Polygon([Ring((5, 5), (6, 5), (6, 6), (5, 6), (5, 5))]),
        ]);
        Assert.Multiple(() =>
        {
            Assert.That(Geometry.Contains(islands, 0.5, 0.5), Is.True);
            Assert.That(Geometry.Contains(islands, 5.5, 5.5), Is.True);
            Assert.That(Geometry.Contains(islands, 3, 3), Is.False);
        });
    }

    [Test]
    public void A_triangle_with_a_slanted_edge_is_tested_against_the_edge_not_the_box()
    {
        var triangle = new Shape([new Polygon([Ring((0, 0), (4, 0), (0, 4), (0, 0))])]);
        Assert.Multiple(() =>
        {
            Assert.That(Geometry.Contains(triangle, 1, 1), Is.True);
            Assert.That(Geometry.Contains(triangle, 3, 3), Is.False);
            Assert.That(Geometry.Contains(triangle, 1.9, 1.9), Is.True);
            Assert.That(Geometry.Contains(triangle, 2.1, 2.1), Is.False);
        });
    }

    [Test]
    public void A_point_on_the_edge_two_neighbours_share_belongs_to_exactly_one_of_them()
    {
        var west = Geometry.Rectangle(new BoundingBox(0, 0, 1, 1));
        var east = Geometry.Rectangle(new BoundingBox(0, 1, 1, 2));
        var south = Geometry.Rectangle(new BoundingBox(-1, 0, 0, 1));
        Assert.Multiple(() =>
        {
            Assert.That(new[] { west, east }.Count(s => Geometry.Contains(s, 0.5, 1.0)), Is.EqualTo(1), "shared vertical edge");
            Assert.That(new[] { west, south }.Count(s => Geometry.Contains(s, 0.0, 0.5)), Is.EqualTo(1), "shared horizontal edge");
        });
    }

    [Test]
    public void The_bounding_box_spans_every_position_of_every_polygon()
    {
        var box = Geometry.BoxOf(WithHole);
        Assert.That(box, Is.EqualTo(new BoundingBox(0, 0, 4, 4)));
    }

    [Test]
    public void A_shape_survives_the_round_trip_through_its_stored_json()
    {
        var json = Geometry.ToJson(WithHole);
        var back = Geometry.FromJson(json);
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.StartWith("[[[[0,0],[4,0]"), "GeoJSON order: longitude first");
            Assert.That(Geometry.ToJson(back), Is.EqualTo(json));
            Assert.That(Geometry.Contains(back, 2, 2), Is.False);
        });
    }
}
