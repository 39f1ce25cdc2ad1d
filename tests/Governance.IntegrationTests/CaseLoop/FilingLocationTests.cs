using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Incidents.Model;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// A filing's location agrees with its unit (issue #13): WGS-84, or GCJ-02 converted on the way in;
/// farther than the tolerance (here configured to 500 m) outside the box of the nearest unit in its
/// chain that has a boundary — which Grids announces with each unit — is a 400 naming <c>location</c>.
/// And a duplicate hint never names a case the filer may not read.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FilingLocationTests : StandaloneFixture
{
    // Demo courtyard 500101001001001001 spans 30.5–30.5375 N, 108.0–108.05 E (DemoCounty's tiling).
    private const string Courtyard = Demo.Courtyard;

    // Either side of the border between township 1 (west of 108.4) and township 2 (east of it).
    private const string WestOfBorder = "500101001002002002"; // 30.5–30.5375 N, 108.35–108.4 E
    private const string WestGrid = "500101001002002";
    private const string EastOfBorder = "500101002001001001"; // 30.5–30.5375 N, 108.4–108.45 E
    private const string EastGrid = "500101002001001";

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Incidents:Location:ToleranceMeters"] = "500" };

    private async Task<(HttpStatusCode Status, JsonElement Body)> FileAsync(string unitCode, object? location, string category = "environment",
        System.Net.Http.Headers.AuthenticationHeaderValue? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/incidents")
        {
            Content = JsonContent.Create(new { unitCode, category, grade = "IV", title = "垃圾堆放", description = "路边垃圾", location }),
        };
        if (token is not null) request.Headers.Authorization = token;
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static void AssertNamesLocation((HttpStatusCode Status, JsonElement Body) answer, string field = "location")
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Body.ToString());
        Assert.That(answer.Body.GetProperty("errors").TryGetProperty(field, out _), Is.True, answer.Body.ToString());
    }

    [Test]
    public async Task A_location_inside_or_near_the_unit_is_taken_and_one_farther_than_the_tolerance_is_refused()
    {
        Assert.That((await FileAsync(Courtyard, new { lat = 30.52, lng = 108.02 })).Status, Is.EqualTo(HttpStatusCode.Created));
        // 0.003° (about 330 m) south of the courtyard: within 500 m.
        Assert.That((await FileAsync(Courtyard, new { lat = 30.497, lng = 108.02 })).Status, Is.EqualTo(HttpStatusCode.Created));
        // 0.01° (about 1.1 km) south: beyond it.
        var refused = await FileAsync(Courtyard, new { lat = 30.49, lng = 108.02 });
        AssertNamesLocation(refused);
        Assert.That(refused.Body.GetProperty("errors").GetProperty("location")[0].GetString(), Does.Contain("1.1 km outside courtyard"));
        // Another township's coordinates, as the probe sent them.
        AssertNamesLocation(await FileAsync(Courtyard, new { lat = 30.81, lng = 108.39 }));
    }

    [Test]
    public async Task GCJ02_coordinates_are_converted_to_WGS84_as_they_are_stored()
    {
        var (gcjLat, gcjLng) = Gcj02.FromWgs84(30.52, 108.02);
        var (status, body) = await FileAsync(Courtyard, new { lat = gcjLat, lng = gcjLng, crs = "gcj02" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        Assert.That(body.GetProperty("location").GetProperty("lat").GetDouble(), Is.EqualTo(30.52).Within(1e-7));
        Assert.That(body.GetProperty("location").GetProperty("lng").GetDouble(), Is.EqualTo(108.02).Within(1e-7));
        AssertNamesLocation(await FileAsync(Courtyard, new { lat = 30.52, lng = 108.02, crs = "bd09" }), "location.crs");
    }

    [Test]
    public async Task A_unit_without_a_boundary_is_held_to_the_nearest_unit_above_it_and_a_new_boundary_reaches_Incidents()
    {
        var courtyard = $"{Demo.Grid}9{Random.Shared.Next(10, 99)}";
        using (var created = await Http.PostAsJsonAsync("/grids/units", new { code = courtyard, name = "新建院落", level = "courtyard", parentCode = Demo.Grid }))
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        // Its grid spans 30.5–30.575 N, 108.0–108.1 E: a point in the grid's east is fine while the courtyard has no boundary.
        var (status, body) = await Eventually.GetAsync(async () => await FileAsync(courtyard, new { lat = 30.56, lng = 108.09 }),
            a => a.Status != HttpStatusCode.BadRequest || !a.Body.ToString().Contains("not a known unit"), TimeSpan.FromSeconds(30), "Incidents to know the courtyard");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        AssertNamesLocation(await FileAsync(courtyard, new { lat = 30.65, lng = 108.09 }));

        // Its own boundary, in the grid's west: Grids announces its box, and the grid's east is now too far.
        using var imported = await Http.PostAsync("/grids/import/boundaries", new StringContent(
            """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"COURTYARD"},"geometry":{"type":"Polygon","coordinates":[[[108.0,30.54],[108.01,30.54],[108.01,30.55],[108.0,30.55],[108.0,30.54]]]}}]}"""
                .Replace("COURTYARD", courtyard), System.Text.Encoding.UTF8, "application/geo+json"));
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await imported.Content.ReadAsStringAsync());
        var refused = await Eventually.GetAsync(async () => await FileAsync(courtyard, new { lat = 30.56, lng = 108.09 }),
            a => a.Status == HttpStatusCode.BadRequest, TimeSpan.FromSeconds(30), "the courtyard's box to reach Incidents");
        AssertNamesLocation(refused);
        Assert.That((await FileAsync(courtyard, new { lat = 30.545, lng = 108.005 })).Status, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task A_duplicate_hint_never_names_a_case_of_another_jurisdiction()
    {
        var eastWorker = TestTokens.Bearer("gw-east", Roles.GridWorkerFullTime, EastGrid);
        var westWorker = TestTokens.Bearer("gw-west", Roles.GridWorkerFullTime, WestGrid);
        // About 100 m apart across the township border: within the 150 m that makes a likely duplicate.
        var east = new { lat = 30.52, lng = 108.4005 };
        var west = new { lat = 30.52, lng = 108.3995 };

        var (filedEast, eastCase) = await FileAsync(EastOfBorder, east, "public-security", eastWorker);
        Assert.That(filedEast, Is.EqualTo(HttpStatusCode.Created), eastCase.ToString());
        var (filedWest, westCase) = await FileAsync(WestOfBorder, west, "public-security", westWorker);
        Assert.That(filedWest, Is.EqualTo(HttpStatusCode.Created), westCase.ToString());
        Assert.That(westCase.GetProperty("possibleDuplicateOf").ValueKind, Is.EqualTo(JsonValueKind.Null), "the west worker may not read the east case");

        // A county supervisor reads both sides: the same situation gives him the hint.
        var (_, eastAgain) = await FileAsync(EastOfBorder, east, "livelihood", eastWorker);
        var (_, county) = await FileAsync(WestOfBorder, west, "livelihood", TestTokens.Bearer("supervisor-county", Roles.CountySupervisor));
        Assert.That(county.GetProperty("possibleDuplicateOf").GetGuid(), Is.EqualTo(eastAgain.GetProperty("id").GetGuid()));

        // A hotline call through Open311 at the west courtyard is the west township's: no hint of the east case.
        var (_, eastThird) = await FileAsync(EastOfBorder, east, "facilities", eastWorker);
        using var hotline = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "facilities", ["attribute[unitCode]"] = WestOfBorder, ["attribute[grade]"] = "IV",
            ["description"] = "路灯不亮", ["lat"] = "30.52", ["long"] = "108.3995",
        }));
        Assert.That(hotline.StatusCode, Is.EqualTo(HttpStatusCode.Created), await hotline.Content.ReadAsStringAsync());
        var id = (await hotline.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString();
        var filed = await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        Assert.That(filed.GetProperty("possibleDuplicateOf").ValueKind, Is.EqualTo(JsonValueKind.Null), $"not {eastThird.GetProperty("id")}");
    }
}
