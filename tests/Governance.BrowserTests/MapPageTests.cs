using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The county's map (issue #17 item 5): Leaflet drawing SVG, the townships' real boundaries as areas and
/// the cases with a location as dots coloured by status; with no tiles configured (the default) the
/// page asks nobody but us for anything.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MapPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    [Test]
    public async Task The_county_map_draws_every_township_and_the_cases_with_no_tiles()
    {
        var http = Env.Host.Http;
        var courtyard = await http.GetFromJsonAsync<JsonElement>($"/grids/units/{Demo.Courtyard}/boundary");
        var ring = courtyard.GetProperty("geometry").GetProperty("coordinates")[0][0].EnumerateArray().Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        var (lng, lat) = (ring.Average(p => p.Lng), ring.Average(p => p.Lat));
        var title = $"井盖缺失 {Guid.NewGuid().ToString()[..4]}";
        var filed = await http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "facilities", grade = "IV", title, description = "路口井盖缺失", location = new { lat, lng },
        });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var townships = (await http.GetFromJsonAsync<JsonElement>($"/grids/units?parentCode={Demo.County}&level=township")).GetArrayLength();

        var page = await Browser.OpenAsync("county-map", 1440, 1000);
        var elsewhere = new List<string>();
        var origin = new Uri(Env.Host.Http.BaseAddress!, "/").ToString();
        page.Request += (_, request) => { if (!request.Url.StartsWith(origin, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) elsewhere.Add(request.Url); };
        await SignInAsync(page, CountySupervisor, "/county");

        var map = page.Locator(".chart.map");
        await Expect(map.Locator("svg path.map-area")).ToHaveCountAsync(townships, new() { Timeout = 20_000 });
        var spot = map.Locator($"svg path.map-spot[data-case='{id}']");
        await Expect(spot).ToHaveCountAsync(1);
        Assert.That(await spot.GetAttributeAsync("data-status"), Is.Not.Null.And.Not.Empty);
        await Expect(page.Locator("[data-map-note]")).ToContainTextAsync("有位置的案件");
        await spot.HoverAsync(new() { Force = true });
        await Expect(map.Locator(".chart-tip", new() { HasText = title })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "county-map");

        Assert.That(await map.Locator("img, canvas").CountAsync(), Is.Zero, "no tiles and no canvas: boundaries drawn as SVG only");
        Assert.That(elsewhere, Is.Empty, "no request left for a tile server or anywhere else");

        // Down to the township: its map draws its villages.
        await page.Locator($"[data-drill='{Demo.Township}']").ClickAsync();
        await Expect(page.Locator(".crumbs [aria-current]")).Not.ToHaveTextAsync("示范县");
        await Expect(map.Locator($"svg path.map-area[data-unit='{Demo.Village}']")).ToHaveCountAsync(1);
    }
}
