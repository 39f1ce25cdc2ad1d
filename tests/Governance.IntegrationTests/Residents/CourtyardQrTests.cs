using System.Net;
using System.Xml.Linq;
using Governance.IntegrationTests.Support;
using Governance.Infrastructure.Security;

namespace Governance.IntegrationTests.Residents;

/// <summary>
/// The courtyards' QR codes (issue #16): the PNG and the SVG read back (ZXing) as the page's link with the courtyard's
/// code and key; the key opens the courtyard's public page and nothing else; a re-issue makes the old code dead; the
/// grid's printable sheet is for those who may read the grid's work.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CourtyardQrTests
{
    private const string OtherGrid = "500101001001002";
    private ResidentHarness _h = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ResidentHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [Test]
    public async Task The_png_and_the_svg_carry_the_courtyards_link_and_its_key_opens_the_courtyards_page()
    {
        var key = await _h.CourtyardKeyAsync();
        Assert.That(key, Does.Match(@"^\d{18}\.[A-Za-z0-9_-]{22}$"));

        var svg = await _h.GetAsync($"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/qr.svg", ResidentHarness.Worker);
        Assert.That(svg.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
        var text = await svg.Content.ReadAsStringAsync();
        Assert.That(QrDecoding.FromSvg(text), Is.EqualTo(ResidentHarness.PageBase + key), "the SVG is the same code");

        var page = await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, key);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), await page.Content.ReadAsStringAsync());
        var json = await ResidentHarness.JsonAsync(page);
        Assert.That(json.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.Courtyard));
        var name = json.GetProperty("name").GetString();
        Assert.That(name, Is.Not.Empty);
        Assert.That(XDocument.Parse(text).Descendants().Single(e => e.Name.LocalName == "text").Value, Is.EqualTo(name), "the SVG names the courtyard");
        Assert.That(json.GetProperty("categories").GetArrayLength(), Is.GreaterThan(5));

        // The same code with another key, or another courtyard's code with this key: nothing.
        var wrongKey = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        Assert.That((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, wrongKey)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var otherCourtyard = Demo.Courtyard[..^1] + "2" + key[Demo.Courtyard.Length..];
        Assert.That((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, otherCourtyard)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, Demo.Courtyard)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_reissued_key_makes_the_old_sheet_dead_and_only_the_county_administrator_reissues()
    {
        var before = await _h.CourtyardKeyAsync();
        Assert.That(await _h.CourtyardKeyAsync(), Is.EqualTo(before), "printing again prints the same code");
        var byWorker = await _h.Http.PostAsJsonAsync($"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/reissue", new { }, ResidentHarness.Worker);
        Assert.That(byWorker.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var reissued = await _h.Http.PostAsJsonAsync($"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/reissue", new { },
            TestTokens.Bearer("admin-qr", Roles.CountyAdministrator, Demo.County));
        Assert.That(reissued.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reissued.Content.ReadAsStringAsync());

        var after = await _h.CourtyardKeyAsync();
        Assert.That(after, Is.Not.EqualTo(before));
        Assert.That((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, before)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await _h.SendAsync(HttpMethod.Get, "/incidents/resident/courtyard", null, after)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_grids_sheet_shows_each_courtyard_and_is_refused_to_a_worker_of_another_grid()
    {
        var sheet = await _h.GetAsync($"/incidents/courtyard-qr/grids/{Demo.Grid}/sheet", ResidentHarness.Worker);
        Assert.That(sheet.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sheet.Content.ReadAsStringAsync());
        Assert.That(sheet.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        var html = await sheet.Content.ReadAsStringAsync();
        var key = await _h.CourtyardKeyAsync();
        Assert.That(html, Does.Contain(Demo.Courtyard).And.Contain("<svg"));
        var cards = html.Split("<figure").Length - 1;
        Assert.That(cards, Is.GreaterThan(0));
        Assert.That(html.Split("<svg").Length - 1, Is.EqualTo(cards), "one code per courtyard");
        Assert.That(QrDecoding.FromSvg(html[html.IndexOf("<svg", StringComparison.Ordinal)..html.IndexOf("</svg>", StringComparison.Ordinal)]),
            Is.EqualTo(ResidentHarness.PageBase + key), "the first card is the first courtyard's code");

        var otherWorker = TestTokens.Bearer("gw-other-grid", Roles.GridWorkerFullTime, OtherGrid);
        Assert.That((await _h.GetAsync($"/incidents/courtyard-qr/grids/{OtherGrid}/sheet", otherWorker)).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "his own grid's sheet");
        Assert.That((await _h.GetAsync($"/incidents/courtyard-qr/grids/{Demo.Grid}/sheet", otherWorker)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _h.GetAsync($"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/qr.png", otherWorker)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _h.GetAsync($"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/qr.svg", otherWorker)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var village = TestTokens.Bearer("vh-qr", Roles.VillageHandler, Demo.Village);
        Assert.That((await _h.GetAsync($"/incidents/courtyard-qr/grids/{Demo.Grid}/sheet", village)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the village above");
        var notAGrid = await _h.GetAsync($"/incidents/courtyard-qr/grids/{Demo.Courtyard}/sheet", ResidentHarness.Worker);
        Assert.That(notAGrid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await notAGrid.Content.ReadAsStringAsync(), Does.Contain("unitCode"));
    }
}
