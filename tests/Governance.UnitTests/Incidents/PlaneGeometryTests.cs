using Governance.Grids.Model;
using Governance.Infrastructure.UnitCopy;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>
/// Incidents places a hotline call with its copy's boundaries (<see cref="PlaneGeometry"/>); Grids' /grids/locate
/// with its own shapes (<see cref="Geometry"/>). Both must put every point, borders included, in the same unit.
/// </summary>
[TestFixture]
public class PlaneGeometryTests
{
    // Two courtyards side by side sharing the border lng 108.01, and one with a hole, written by hand.
    private static readonly Shape West = Geometry.Rectangle(new BoundingBox(30.50, 108.00, 30.51, 108.01));
    private static readonly Shape East = Geometry.Rectangle(new BoundingBox(30.50, 108.01, 30.51, 108.02));
    private static readonly Shape Ring = new([new Polygon(
    [
        [new Position(108.0, 30.6), new Position(108.1, 30.6), new Position(108.1, 30.7), new Position(108.0, 30.7), new Position(108.0, 30.6)],
        [new Position(108.04, 30.64), new Position(108.06, 30.64), new Position(108.06, 30.66), new Position(108.04, 30.66), new Position(108.04, 30.64)],
    ])]);

    [TestCase(30.505, 108.005, true, false, TestName = "Inside the west courtyard")]
    [TestCase(30.505, 108.01, false, true, TestName = "On the shared north-south border: the east one's")]
    [TestCase(30.50, 108.005, true, false, TestName = "On the south edge: inside (the north of an east-west border)")]
    [TestCase(30.51, 108.005, false, false, TestName = "On the north edge: outside (it belongs to whatever lies north)")]
    [TestCase(30.52, 108.005, false, false, TestName = "North of both")]
    public void A_point_lies_in_the_unit_Grids_would_locate_it_in(double lat, double lng, bool west, bool east)
    {
        Assert.Multiple(() =>
        {
            Assert.That(PlaneGeometry.Contains(Geometry.Coordinates(West), lat, lng), Is.EqualTo(west), "west, copy");
            Assert.That(PlaneGeometry.Contains(Geometry.Coordinates(East), lat, lng), Is.EqualTo(east), "east, copy");
            Assert.That(Geometry.Contains(West, lat, lng), Is.EqualTo(west), "west, Grids");
            Assert.That(Geometry.Contains(East, lat, lng), Is.EqualTo(east), "east, Grids");
        });
    }

    [TestCase(30.61, 108.01, true, TestName = "In the ring")]
    [TestCase(30.65, 108.05, false, TestName = "In the hole")]
    [TestCase(30.75, 108.05, false, TestName = "Outside the ring")]
    public void A_hole_is_not_part_of_the_unit(double lat, double lng, bool inside)
    {
        Assert.That(PlaneGeometry.Contains(Geometry.Coordinates(Ring), lat, lng), Is.EqualTo(inside));
        Assert.That(Geometry.Contains(Ring, lat, lng), Is.EqualTo(inside));
    }

    [TestCase("  幸福村3组 12号院 ", "幸福村3组 12号院")]
    [TestCase("幸福村3组\u3000\u300012号院", "幸福村3组 12号院")]
    [TestCase("幸福村\t3组\n12号院", "幸福村 3组 12号院")]
    [TestCase("幸福村3组12号院", "幸福村3组12号院")]
    public void An_alias_is_compared_with_its_white_space_normalised_and_nothing_else(string given, string normalised)
    {
        Assert.That(UnitPlaces.NormalizeAlias(given), Is.EqualTo(normalised));
    }
}
