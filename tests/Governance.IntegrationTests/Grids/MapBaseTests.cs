using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// GET /grids/map (issue #17 item 5): the base map a county configures (Map:TileUrl, Map:Attribution,
/// Map:TileCrs) is read by anyone signed in (read-directory), by nobody anonymous, and its tile host is
/// the one the pages may load images from. Without a setting the answer is "no tiles": the browser
/// tests (MapPageTests) check that no tile request then goes out.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MapBaseTests : StandaloneFixture
{
    private const string TileUrl = "https://{s}.tiles.example.cn/vec/{z}/{x}/{y}.png";

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Map:TileUrl"] = TileUrl, ["Map:Attribution"] = "© 示范测绘 <b>院</b>", ["Map:TileCrs"] = "gcj02", ["Map:Subdomains"] = "1234",
    };

    [Test]
    public async Task A_grid_worker_reads_the_county_base_map_as_configured()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/grids/map");
        request.Headers.Authorization = TestTokens.Bearer("map-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
        using var answer = await Http.SendAsync(request);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var map = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(map.GetProperty("tileUrl").GetString(), Is.EqualTo(TileUrl));
            Assert.That(map.GetProperty("attribution").GetString(), Is.EqualTo("© 示范测绘 <b>院</b>"), "given as typed; the page shows it as text");
            Assert.That(map.GetProperty("tileCrs").GetString(), Is.EqualTo("gcj02"));
            Assert.That(map.GetProperty("subdomains").GetString(), Is.EqualTo("1234"));
        });
    }

    [Test]
    public async Task Nobody_signed_out_reads_the_base_map()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/grids/map");
        request.Headers.Authorization = null;
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress }.InEnglish();
        using var answer = await anonymous.SendAsync(request);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_pages_may_load_images_from_the_tile_host_and_its_sub_domains_only()
    {
        using var answer = await Http.GetAsync("/grids/map");
        var csp = answer.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("img-src 'self' data: blob: https://*.tiles.example.cn;"));
    }
}
