using System.Net;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>Boundaries from GeoJSON, and locating a point in the generated and the imported ones. The
/// imported ones lie in a test township drawn beside the demo county (the county's boundary grown to
/// hold it), so that only they hold the points asked for.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class BoundaryTests(Provider provider) : GridsFixture(provider)
{
    private string _township = null!;

    private static object Rectangle(string code, double south, double west, double north, double east) =>
        BoundaryFeatures.Rectangle(code, south, west, north, east);

    private Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(params object[] features) =>
        PostTextAsync("/grids/import/boundaries", BoundaryFeatures.Collection(features), "application/geo+json", user: "surveyor");

    [OneTimeSetUp]
    public async Task DrawTestTownshipAsync()
    {
        _township = NewCode("t");
        await MustPostAsync("/grids/units", new { code = _township, name = "测试镇", level = "township", parentCode = Demo.County });
        var ((s, w, n, e), (ts, tw, tn, te)) = (BoundaryFeatures.GrownCounty, BoundaryFeatures.TestTownship);
        var (status, body) = await ImportAsync(Rectangle(Demo.County, s, w, n, e), Rectangle(_township, ts, tw, tn, te));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
    }

    [Test]
    public async Task A_point_in_the_demo_county_is_located_in_a_courtyard_with_its_grid_and_village()
    {
        var found = await GetAsync("/grids/locate?lat=30.81&lng=108.39");
        var courtyard = found.GetProperty("courtyard").GetProperty("code").GetString()!;
        var path = Codes(await GetAsync($"/grids/units/{courtyard}/path"));
        Assert.Multiple(() =>
        {
            Assert.That(found.GetProperty("grid").GetProperty("code").GetString(), Is.EqualTo(path[1]));
            Assert.That(found.GetProperty("village").GetProperty("code").GetString(), Is.EqualTo(path[2]));
            Assert.That(found.GetProperty("township").GetProperty("code").GetString(), Is.EqualTo(path[3]));
        });

        var boundary = await GetAsync($"/grids/units/{courtyard}/boundary");
        Assert.That(boundary.GetProperty("geometry").GetProperty("type").GetString(), Is.EqualTo("MultiPolygon"));
    }

    [Test]
    public async Task A_point_outside_every_boundary_is_not_found_and_a_bad_coordinate_is_a_problem()
    {
        Assert.That((await SendAsync(HttpMethod.Get, "/grids/locate?lat=10&lng=10")).Status, Is.EqualTo(HttpStatusCode.NotFound));
        var (status, problem) = await SendAsync(HttpMethod.Get, "/grids/locate?lat=95&lng=108");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "lat" }));
    }

    [Test]
    public async Task Imported_boundaries_locate_their_courtyard_and_a_point_in_the_concave_notch_falls_to_the_neighbour()
    {
        var (village, grid, courtyards) = await NewVillageAsync(courtyards: 2, township: _township);
        // In the test township beside the demo county, so only these boundaries hold the points.
        var lShaped = new
        {
            type = "Feature",
            properties = new { code = courtyards[0] },
            geometry = new
            {
                type = "MultiPolygon",
                coordinates = new[] { new[] { new[] {
                    new[] { 107.00, 29.00 }, new[] { 107.02, 29.00 }, new[] { 107.02, 29.01 }, new[] { 107.01, 29.01 },
                    new[] { 107.01, 29.02 }, new[] { 107.00, 29.02 }, new[] { 107.00, 29.00 } } } },
            },
        };
        var (status, result) = await ImportAsync(
            Rectangle(village, 28.9, 106.9, 29.1, 107.1), Rectangle(grid, 29.0, 107.0, 29.02, 107.08),
            lShaped, Rectangle(courtyards[1], 29.01, 107.01, 29.02, 107.02));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(4));

        var inL = await GetAsync("/grids/locate?lat=29.005&lng=107.005");
        Assert.That((inL.GetProperty("courtyard").GetProperty("code").GetString(), inL.GetProperty("grid").GetProperty("code").GetString(),
            inL.GetProperty("village").GetProperty("code").GetString()), Is.EqualTo((courtyards[0], grid, village)));
        var inNotch = await GetAsync("/grids/locate?lat=29.015&lng=107.015");
        Assert.That(inNotch.GetProperty("courtyard").GetProperty("code").GetString(), Is.EqualTo(courtyards[1]));
        var villageOnly = await GetAsync("/grids/locate?lat=29.05&lng=107.05");
        Assert.That((villageOnly.GetProperty("courtyard").ValueKind, villageOnly.GetProperty("village").GetProperty("code").GetString()),
            Is.EqualTo((JsonValueKind.Null, village)));

        var history = (await GetAsync($"/grids/units/{courtyards[0]}/history")).EnumerateArray().Last();
        Assert.That((history.GetProperty("change").GetString(), history.GetProperty("changedBy").GetString()), Is.EqualTo(("boundary", "surveyor")));

        // Re-importing replaces the boundary: the courtyard moves east, inside its grid.
        var (again, replaced) = await ImportAsync(Rectangle(courtyards[0], 29.0, 107.05, 29.01, 107.06));
        Assert.That(again, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(replaced.GetProperty("updated").GetInt32(), Is.EqualTo(1));
        Assert.That((await GetAsync("/grids/locate?lat=29.005&lng=107.055")).GetProperty("courtyard").GetProperty("code").GetString(), Is.EqualTo(courtyards[0]));
        Assert.That((await GetAsync("/grids/locate?lat=29.005&lng=107.005")).GetProperty("courtyard").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_collection_with_one_bad_feature_stores_nothing_and_names_the_feature_and_part()
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1, township: _township);
        var open = new
        {
            type = "Feature",
            properties = new { code = courtyards[0] },
            geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 107.3, 29.3 }, new[] { 107.4, 29.3 }, new[] { 107.4, 29.4 }, new[] { 107.3, 29.4 } } } },
        };
        var (status, problem) = await ImportAsync(Rectangle(grid, 29.3, 107.3, 29.4, 107.4), open, Rectangle("no-such-unit", 1, 1, 2, 2));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "features[1].geometry.coordinates[0]", "features[2].properties.code" }));
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/units/{grid}/boundary")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        var (notCollection, body) = await PostTextAsync("/grids/import/boundaries", """{"type":"Feature"}""", "application/geo+json");
        Assert.That(notCollection, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(body), Is.EqualTo(new[] { "type" }));
    }
}
