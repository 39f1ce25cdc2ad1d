using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class TilingTests
{
    private static readonly BoundingBox Parent = new(30.5, 108.0, 31.1, 108.8);

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(7)]
    [TestCase(13)]
    [TestCase(14)]
    [TestCase(30)]
    public void Splitting_gives_the_asked_number_of_tiles_inside_the_parent_that_add_up_to_its_area(int count)
    {
        var tiles = Tiling.Split(Parent, count);
        double Area(BoundingBox b) => (b.MaxLat - b.MinLat) * (b.MaxLng - b.MinLng);

        Assert.Multiple(() =>
        {
            Assert.That(tiles, Has.Count.EqualTo(count));
            Assert.That(tiles.All(t => t.MinLat >= Parent.MinLat && t.MaxLat <= Parent.MaxLat && t.MinLng >= Parent.MinLng && t.MaxLng <= Parent.MaxLng));
            Assert.That(tiles.All(t => t.MinLat < t.MaxLat && t.MinLng < t.MaxLng), "no empty tile");
            Assert.That(tiles.Sum(Area), Is.EqualTo(Area(Parent)).Within(1e-9));
        });
    }

    [Test]
    public void Every_point_of_a_sample_lies_in_exactly_one_tile()
    {
        var shapes = Tiling.Split(Parent, 13).Select(Geometry.Rectangle).ToList();
        var random = new Random(5);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var (lat, lng) = (30.5 + random.NextDouble() * 0.6, 108.0 + random.NextDouble() * 0.8);
                Assert.That(shapes.Count(s => Geometry.Contains(s, lat, lng)), Is.EqualTo(1), $"{lat},{lng}");
            }
        });
    }
}
