using System.Text.Json;
using Governance.Grids.Import;
using Governance.Grids.Model;
using Governance.Infrastructure.Hosting;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class GeoJsonGeometryTests
{
    private static (Shape? Shape, IReadOnlyCollection<string> Keys) Read(string geometry)
    {
        var errors = new FieldErrors();
        using var document = JsonDocument.Parse(geometry);
        var shape = BoundaryImport.ReadGeometry(document.RootElement, "features[0].geometry", errors);
        IReadOnlyCollection<string> keys = errors.Any ? errors.ToProblem().ProblemDetails.Errors.Keys.ToList() : [];
        return (shape, keys);
    }

    [Test]
    public void A_polygon_reads_as_a_one_part_shape_with_longitude_first()
    {
        var (shape, keys) = Read("""{"type":"Polygon","coordinates":[[[108.1,30.6],[108.2,30.6],[108.2,30.7],[108.1,30.7],[108.1,30.6]]]}""");
        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.Empty);
            Assert.That(shape!.Polygons, Has.Count.EqualTo(1));
            Assert.That(Geometry.Contains(shape, 30.65, 108.15), Is.True);
        });
    }

    [Test]
    public void A_multipolygon_reads_every_part()
    {
        var (shape, keys) = Read("""
            {"type":"MultiPolygon","coordinates":[
              [[[0,0],[1,0],[1,1],[0,1],[0,0]]],
              [[[5,5],[6,5],[6,6],[5,6],[5,5]]]]}
            """);
        Assert.Multiple(() =>
        {
            Assert.That(keys, Is.Empty);
            Assert.That(shape!.Polygons, Has.Count.EqualTo(2));
        });
    }

    [TestCase("""{"type":"Point","coordinates":[108.1,30.6]}""", "features[0].geometry.type")]
    [TestCase("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0.5]]]}""", "features[0].geometry.coordinates[0]")]
    [TestCase("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}""", "features[0].geometry.coordinates[0]")]
    [TestCase("""{"type":"Polygon","coordinates":[[[30.6,108.1],[30.7,108.1],[30.7,108.2],[30.6,108.1]]]}""", "features[0].geometry.coordinates[0]")]
    [TestCase("""{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[["a",0]]]]}""", "features[0].geometry.coordinates[1][0]")]
    [TestCase("""{"type":"MultiPolygon","coordinates":[]}""", "features[0].geometry.coordinates")]
    public void A_broken_geometry_is_refused_with_the_path_of_the_broken_part(string geometry, string key)
    {
        var (shape, keys) = Read(geometry);
        Assert.Multiple(() =>
        {
            Assert.That(shape, Is.Null);
            Assert.That(keys, Is.EqualTo(new[] { key }));
        });
    }
}
