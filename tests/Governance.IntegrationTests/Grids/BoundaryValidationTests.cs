using System.Net;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// Boundaries are checked with NetTopologySuite before they are stored (issue #13): a geometry bomb
/// (500,000 positions, or more than the 10,000 allowed), a self-intersecting ring, a shape wider than a
/// county, a unit outside the boundary above it — each refused with a problem naming the feature's
/// geometry, nothing stored, locating unchanged. Overlapping siblings and gaps are reported, not refused.
/// Boundaries are served simplified; locating keeps one courtyard per point, shared borders included.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class BoundaryValidationTests(Provider provider) : GridsFixture(provider)
{
    private string _township = null!;

    private Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(params object[] features) =>
        PostTextAsync("/grids/import/boundaries", BoundaryFeatures.Collection(features), "application/geo+json", user: "surveyor");

    [OneTimeSetUp]
    public async Task DrawTestTownshipAsync()
    {
        _township = NewCode("t");
        await MustPostAsync("/grids/units", new { code = _township, name = "测试镇", level = "township", parentCode = Demo.County });
        var ((s, w, n, e), (ts, tw, tn, te)) = (BoundaryFeatures.GrownCounty, BoundaryFeatures.TestTownship);
        var (status, body) = await ImportAsync(BoundaryFeatures.Rectangle(Demo.County, s, w, n, e), BoundaryFeatures.Rectangle(_township, ts, tw, tn, te));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
    }

    /// <summary>A ring of <paramref name="count"/> positions (the last repeats the first) around a centre.</summary>
    private static IEnumerable<double[]> Circle(double lat, double lng, double radiusDegrees, int count) =>
        Enumerable.Range(0, count - 1).Select(i => 2 * Math.PI * i / (count - 1))
            .Select(a => new[] { lng + radiusDegrees * Math.Cos(a), lat + radiusDegrees * Math.Sin(a) })
            .Append([lng + radiusDegrees, lat]);

    private async Task AssertRefusedAsync(string why, object feature, string courtyard)
    {
        var (status, problem) = await ImportAsync(feature);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), why);
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "features[0].geometry" }), $"{why}: {problem}");
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/units/{courtyard}/boundary")).Status, Is.EqualTo(HttpStatusCode.NotFound), $"{why}: nothing stored");
    }

    [Test]
    public async Task Geometry_bombs_are_refused_naming_the_geometry_and_locating_is_unchanged()
    {
        var (_, _, courtyards) = await NewVillageAsync(courtyards: 1, township: _township);
        var before = await GetAsync("/grids/locate?lat=30.81&lng=108.39");

        // 500,000 positions: about 10 MB of GeoJSON, over the 2 MB a boundary may be.
        await AssertRefusedAsync("500,000 positions", BoundaryFeatures.Polygon(courtyards[0], Circle(29.2, 107.2, 0.01, 500_000)), courtyards[0]);
        // 10,001 positions in a few hundred kB: over the 10,000 a boundary may have.
        var (status, problem) = await ImportAsync(BoundaryFeatures.Polygon(courtyards[0], Circle(29.2, 107.2, 0.01, 10_001)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").GetProperty("features[0].geometry")[0].GetString(), Does.Contain("10000 positions"));
        // A bow tie: the ring crosses itself.
        await AssertRefusedAsync("self-intersecting", BoundaryFeatures.Polygon(courtyards[0],
            [[107.20, 29.20], [107.21, 29.21], [107.21, 29.20], [107.20, 29.21], [107.20, 29.20]]), courtyards[0]);
        // The county drawn as the whole world.
        var (world, worldProblem) = await ImportAsync(BoundaryFeatures.Rectangle(Demo.County, -89, -179, 89, 179));
        Assert.That(world, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(worldProblem.GetProperty("errors").GetProperty("features[0].geometry")[0].GetString(), Does.Contain("km"));

        Assert.That((await GetAsync("/grids/locate?lat=30.81&lng=108.39")).ToString(), Is.EqualTo(before.ToString()));
        Assert.That((await GetAsync("/grids/locate?lat=29.2&lng=107.2")).GetProperty("township").GetProperty("code").GetString(), Is.EqualTo(_township));
    }

    [Test]
    public async Task A_unit_outside_the_boundary_above_it_is_refused_and_one_within_the_tolerance_is_taken()
    {
        var (village, grid, courtyards) = await NewVillageAsync(courtyards: 1, township: _township);
        // The township ends at longitude 107.5; a village reaching 0.01° (about 1 km) beyond is refused.
        await AssertRefusedAsync("outside the township", BoundaryFeatures.Rectangle(village, 29.3, 107.4, 29.4, 107.51), village);
        var (_, problem) = await ImportAsync(BoundaryFeatures.Rectangle(village, 29.3, 107.4, 29.4, 107.51));
        Assert.That(problem.GetProperty("errors").GetProperty("features[0].geometry")[0].GetString(), Does.Contain(_township));
        // A courtyard under a grid without a boundary is held to the nearest boundary above it: the township's.
        await AssertRefusedAsync("outside the township, two levels up", BoundaryFeatures.Rectangle(courtyards[0], 29.3, 107.49, 29.31, 107.52), courtyards[0]);

        // 10 m beyond the township's edge is within the 20 m a survey may differ by.
        var tenMetres = 10 / (111_320 * Math.Cos(29.35 * Math.PI / 180));
        var (status, result) = await ImportAsync(BoundaryFeatures.Rectangle(village, 29.3, 107.4, 29.4, 107.5 + tenMetres),
            BoundaryFeatures.Rectangle(grid, 29.3, 107.4, 29.35, 107.45));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
    }

    [Test]
    public async Task Overlapping_siblings_and_gaps_are_reported_but_taken()
    {
        var (village, grid, courtyards) = await NewVillageAsync(courtyards: 2, township: _township);
        var (status, result) = await ImportAsync(
            BoundaryFeatures.Rectangle(village, 29.1, 107.1, 29.2, 107.2),
            BoundaryFeatures.Rectangle(grid, 29.1, 107.1, 29.2, 107.2),
            // The two courtyards overlap by 0.001° of longitude (97 m) × 0.05° of latitude (5.6 km) and leave the grid's north half uncovered.
            BoundaryFeatures.Rectangle(courtyards[0], 29.1, 107.1, 29.15, 107.151),
            BoundaryFeatures.Rectangle(courtyards[1], 29.1, 107.15, 29.15, 107.2));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var warnings = result.GetProperty("warnings").EnumerateArray().ToList();
        var overlap = warnings.Single(w => w.GetProperty("kind").GetString() == "overlap");
        Assert.That(overlap.GetProperty("units").EnumerateArray().Select(u => u.GetString()), Is.EquivalentTo(courtyards));
        Assert.That(overlap.GetProperty("areaSquareMetres").GetDouble(), Is.InRange(500_000, 600_000));
        var gap = warnings.Single(w => w.GetProperty("kind").GetString() == "gap" && w.GetProperty("units")[0].GetString() == grid);
        Assert.That(gap.GetProperty("areaSquareMetres").GetDouble(), Is.GreaterThan(20_000_000));
        // Taken: the overlap's points go to the lower code, by the fixed rule.
        var inOverlap = await GetAsync("/grids/locate?lat=29.12&lng=107.1505");
        Assert.That(inOverlap.GetProperty("courtyard").GetProperty("code").GetString(), Is.EqualTo(courtyards.Min(StringComparer.Ordinal)));
    }

    [Test]
    public async Task A_point_on_a_shared_border_is_in_exactly_one_courtyard_east_or_north_of_it()
    {
        var (_, _, courtyards) = await NewVillageAsync(courtyards: 3, township: _township);
        // West, east and north of a common corner at (29.45, 107.45).
        var (status, result) = await ImportAsync(
            BoundaryFeatures.Rectangle(courtyards[0], 29.44, 107.44, 29.45, 107.45),
            BoundaryFeatures.Rectangle(courtyards[1], 29.44, 107.45, 29.45, 107.46),
            BoundaryFeatures.Rectangle(courtyards[2], 29.45, 107.44, 29.46, 107.46));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        async Task<string?> CourtyardAt(double lat, double lng) =>
            (await GetAsync(FormattableString.Invariant($"/grids/locate?lat={lat:R}&lng={lng:R}"))).GetProperty("courtyard") is { ValueKind: JsonValueKind.Object } c
                ? c.GetProperty("code").GetString() : null;
        var (onNorthSouthBorder, onEastWestBorder, onCorner, onSouthEdge, onEastEdge) = (await CourtyardAt(29.445, 107.45),
            await CourtyardAt(29.45, 107.445), await CourtyardAt(29.45, 107.45), await CourtyardAt(29.44, 107.445), await CourtyardAt(29.445, 107.46));
        Assert.Multiple(() =>
        {
            Assert.That(onNorthSouthBorder, Is.EqualTo(courtyards[1]), "a north–south border: the east side");
            Assert.That(onEastWestBorder, Is.EqualTo(courtyards[2]), "an east–west border: the north side");
            Assert.That(onCorner, Is.EqualTo(courtyards[2]), "the corner: north, then east");
            Assert.That(onSouthEdge, Is.EqualTo(courtyards[0]), "the outer south edge belongs in");
            Assert.That(onEastEdge, Is.Null, "the outer east edge does not");
        });
    }

    [Test]
    public async Task A_boundary_is_served_simplified_and_located_as_stored()
    {
        var (_, _, courtyards) = await NewVillageAsync(courtyards: 1, township: _township);
        // A square drawn with 401 positions, each edge a line of 100 points wobbling 0.5 m off it.
        var wobble = 0.5 / 111_320;
        IEnumerable<double[]> Edge(double fromLng, double fromLat, double toLng, double toLat) => Enumerable.Range(0, 100)
            .Select(i => new[] { fromLng + (toLng - fromLng) * i / 100 + (i % 2) * wobble, fromLat + (toLat - fromLat) * i / 100 + (i % 2) * wobble });
        var ring = Edge(107.3, 29.0, 107.31, 29.0).Concat(Edge(107.31, 29.0, 107.31, 29.01))
            .Concat(Edge(107.31, 29.01, 107.3, 29.01)).Concat(Edge(107.3, 29.01, 107.3, 29.0)).Append([107.3, 29.0]).ToList();
        Assert.That(ring, Has.Count.EqualTo(401));
        var (status, result) = await ImportAsync(BoundaryFeatures.Polygon(courtyards[0], ring));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());

        var served = (await GetAsync($"/grids/units/{courtyards[0]}/boundary")).GetProperty("geometry").GetProperty("coordinates")[0][0];
        Assert.That(served.GetArrayLength(), Is.InRange(4, 10), "the wobbles are gone, the corners stay");
        Assert.That((await GetAsync("/grids/locate?lat=29.005&lng=107.305")).GetProperty("courtyard").GetProperty("code").GetString(), Is.EqualTo(courtyards[0]));
    }
}
