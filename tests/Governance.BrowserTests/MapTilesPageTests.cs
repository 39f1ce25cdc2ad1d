using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// A county that configures map tiles (Map:TileUrl, docs/coordinates.md "The base map"): the county map
/// loads them from that host — which the page's CSP allows, so no violation is logged — and shows the
/// provider's credit line as text. The tile server is played by the browser's request routing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MapTilesPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;
    private const string Credit = "© 示范测绘 <img src=x onerror=\"window.__xss=1\">";

    // A 1×1 grey PNG.
    private static readonly byte[] Tile = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4DwABAQEAG0VOzwAAAABJRU5ErkJggg==");

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Map:TileUrl"] = "https://{s}.tiles.example.cn/{z}/{x}/{y}.png", ["Map:Attribution"] = Credit, ["Map:TileCrs"] = "gcj02",
    };

    [Test]
    public async Task The_county_map_draws_the_configured_tiles_with_their_credit_as_text()
    {
        var page = await Browser.OpenAsync("county-map-tiles", 1440, 1000);
        var tiles = new List<string>();
        await page.RouteAsync(url => url.Contains(".tiles.example.cn/", StringComparison.Ordinal), async route =>
        {
            tiles.Add(route.Request.Url);
            await route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Tile });
        });
        await SignInAsync(page, CountySupervisor, "/county");

        var map = page.Locator(".chart.map");
        await Expect(map.Locator("svg path.map-area").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(map.Locator("img.leaflet-tile-loaded").First).ToBeAttachedAsync();
        Assert.That(tiles, Has.Some.Match(@"^https://[abc]\.tiles\.example\.cn/\d+/\d+/\d+\.png$"), "tiles from the configured host and sub-domains");
        var credit = map.Locator(".leaflet-control-attribution");
        await Expect(credit).ToHaveTextAsync(Credit);
        Assert.That(await credit.Locator("img").CountAsync(), Is.Zero, "the credit line is text, not HTML");
        Assert.That(await page.EvaluateAsync<bool>("() => window.__xss === undefined"), Is.True);
        await Browser.ScreenshotAsync(page, "county-map-tiles");
    }
}
