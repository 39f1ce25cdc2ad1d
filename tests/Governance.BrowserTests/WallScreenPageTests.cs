using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The county page and the township board on wall screens (issue #17 item 7): the county page says what its
/// escalations chart counts, names the unit it shows in its heading, keeps a unit's name on one line and
/// fills every row of its grid; the township's board shows the township at a glance with the API's figures.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WallScreenPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;

    /// <summary>Each name of the units-below table with the lines it takes ("name: n"): one per distinct top of its text's line boxes.</summary>
    private const string NameLines = """
        () => [...document.querySelectorAll('table.children tbody th[scope=row] button')].map((b) => {
          const range = document.createRange();
          range.selectNodeContents(b);
          return `${b.textContent}: ${new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size}`;
        })
        """;

    /// <summary>Rows of the dashboard's grid whose last card stops short of the grid's right edge (an empty slot).</summary>
    private const string RowsWithGaps = """
        () => {
          const grid = document.querySelector('.dash-grid');
          const right = grid.getBoundingClientRect().right;
          const rows = new Map();
          for (const card of grid.children) {
            const box = card.getBoundingClientRect();
            const top = Math.round(box.top);
            rows.set(top, Math.max(rows.get(top) ?? 0, box.right));
          }
          return [...rows].filter(([, end]) => right - end > 4).map(([top]) => top);
        }
        """;

    [Test]
    public async Task The_county_page_names_what_it_counts_and_shows_a_drilled_township_under_its_own_title_on_full_rows()
    {
        var township = (await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/units/{Demo.Township}")).GetProperty("name").GetString()!;
        var page = await Browser.OpenAsync("county-wall", 1600, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        await Expect(page.Locator("table.children tbody tr")).Not.ToHaveCountAsync(0);

        // The chart counts every move up from any tier (rollup_escalations_daily), and says so.
        await Expect(page.Locator("[data-section='by-township'] h2")).ToHaveTextAsync("各镇街升级次数（各层级）");
        await Expect(page.Locator("#dash-title")).ToContainTextAsync("区县治理看板");
        await AssertNamesOnOneLineAndRowsFullAsync(page, "the county at 1600 px");

        await page.Locator($"table.children [data-drill='{Demo.Township}']").ClickAsync();
        await Expect(page.Locator("#dash-title")).ToHaveTextAsync($"{township} · 镇街治理看板");
        await Expect(page.Locator("[data-section='by-township']")).ToHaveCountAsync(0);
        await Expect(page.Locator("table.children tbody tr")).Not.ToHaveCountAsync(0);
        await AssertNamesOnOneLineAndRowsFullAsync(page, "a township at 1600 px");
        await Browser.ScreenshotAsync(page, "county-township-1600");

        await page.SetViewportSizeAsync(1920, 1080);
        await AssertNamesOnOneLineAndRowsFullAsync(page, "a township at 1920 px");
    }

    private static async Task AssertNamesOnOneLineAndRowsFullAsync(IPage page, string where)
    {
        var names = await page.EvaluateAsync<string[]>(NameLines);
        Assert.That(names, Is.Not.Empty, where);
        Assert.That(names.Where(n => !n.EndsWith(": 1", StringComparison.Ordinal)), Is.Empty, $"{where}: a unit's name takes more than one line");
        Assert.That(await page.EvaluateAsync<int[]>(RowsWithGaps), Is.Empty, $"{where}: a row of the dashboard ends in an empty slot");
    }

    /// <summary>Widths of the map's dots (Leaflet's circle markers, filled with one of the glance's mark colours).</summary>
    private const string DotSizes = """
        () => [...document.querySelectorAll('.glance-map svg path.map-spot')]
          .filter((p) => ['#b91c1c', '#eab308', '#6b7280', '#2563eb', '#15803d'].includes(p.getAttribute('fill')))
          .map((p) => p.getBoundingClientRect().width)
        """;

    [Test]
    public async Task The_township_board_shows_the_township_at_a_glance_with_the_figures_the_API_gives()
    {
        // Two hazards with a location (work safety: the township's, 安监站) and one without, at the demo courtyard.
        var http = Env.Host.Http;
        var (lat, lng) = await InsideAsync(Demo.Courtyard);
        var ids = new List<Guid>();
        foreach (var located in new[] { true, true, false })
        {
            var filing = await http.PostAsJsonAsync("/incidents", new
            {
                unitCode = Demo.Courtyard, category = "work-safety", grade = "IV", title = $"消防通道堵塞 {Guid.NewGuid().ToString()[..4]}",
                description = "楼道堆放杂物", location = located ? new { lat, lng } : null,
            });
            Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filing.Content.ReadAsStringAsync());
            ids.Add((await filing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        }
        foreach (var id in ids)
            await Eventually.GetAsync(() => http.GetFromJsonAsync<JsonElement?>($"/incidents/{id}"),
                i => i!.Value.GetProperty("tier").GetString() == "township", TimeSpan.FromSeconds(20), "the hazard to reach the township");

        var board = await Browser.OpenAsync("board-glance", 1920, 1080);
        await SignInAsync(board, Dispatcher, "/command-centre");
        var figures = board.Locator(".glance-figures");
        await Expect(figures.Locator("[data-glance='open'] .value")).ToBeVisibleAsync();
        var day = await figures.GetAttributeAsync("data-day");
        Assert.That(day, Does.Match(@"^\d{4}-\d{2}-\d{2}$"));

        // The figures follow the cases a moment after Dispatch and Incidents have heard (the read model, the
        // board's reading): compare until both sides agree, or show the last difference.
        var (expected, shown) = (new Dictionary<string, int>(), new Dictionary<string, int>());
        for (var attempt = 0; attempt < 60; attempt++)
        {
            expected = await ApiFiguresAsync(day!);
            shown = new Dictionary<string, int>();
            foreach (var key in expected.Keys.Where(k => k != "points"))
                shown[key] = int.Parse(await figures.Locator($"[data-glance='{key}'] .value").InnerTextAsync());
            shown["points"] = int.Parse(await board.Locator(".glance-map").GetAttributeAsync("data-points") ?? "-1");
            if (expected.All(e => shown[e.Key] == e.Value)) break;
            await board.WaitForTimeoutAsync(500);
        }
        Assert.That(shown, Is.EquivalentTo(expected), "the glance shows the API's figures");
        Assert.That(expected["points"], Is.GreaterThanOrEqualTo(2), "the hazards filed with a location are on the map");
        Assert.That(expected["filed"], Is.GreaterThanOrEqualTo(3), "today's filings count the three hazards");
        await Expect(board.Locator("[data-glance-note]")).ToContainTextAsync($"地图标注 {expected["points"]} 件");
        await Expect(board.Locator(".glance-legend [data-mark='waiting']")).ToBeVisibleAsync();
        // Each located case is a dot one can see on a wall (not still growing in from nothing).
        var dots = await board.EvaluateAsync<double[]>(DotSizes);
        Assert.That(dots, Has.Length.EqualTo(expected["points"]), "one dot per located open case");
        Assert.That(dots, Has.All.GreaterThanOrEqualTo(10), "dots at least 10 px across");
        await Browser.ScreenshotAsync(board, "board-glance-1920");
    }

    /// <summary>What the glance should show, from the API: the township's figures of the day (the dashboard), its
    /// board's red and yellow cards (the queue), and its open cases with a location (the case list).</summary>
    private async Task<Dictionary<string, int>> ApiFiguresAsync(string day)
    {
        var http = Env.Host.Http;
        var summary = await http.GetFromJsonAsync<JsonElement>($"/incidents/dashboard/summary?unitCode={Demo.Township}&from={day}&to={day}");
        var queue = await http.GetFromJsonAsync<JsonElement>($"/dispatch/command-centres/{Demo.Township}/queue?limit=500");
        var open = await http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Township}&open=true&limit=1000");
        int Sum(string name) => summary.GetProperty(name).EnumerateObject().Sum(p => p.Value.GetInt32());
        int Cards(string warning) => queue.GetProperty("items").EnumerateArray()
            .Count(i => i.GetProperty("warning").ValueKind == JsonValueKind.String && i.GetProperty("warning").GetString() == warning);
        return new Dictionary<string, int>
        {
            ["open"] = Sum("open"), ["overdue"] = Sum("overdue"), ["red"] = Cards("red"), ["yellow"] = Cards("yellow"),
            ["filed"] = summary.GetProperty("filed").GetInt32(), ["closed"] = summary.GetProperty("closed").GetInt32(),
            ["points"] = open.EnumerateArray().Count(i => i.GetProperty("location").ValueKind == JsonValueKind.Object),
        };
    }

    /// <summary>A point inside the unit: the mean of its outline's corners (the demo's outlines are convex).</summary>
    private async Task<(double Lat, double Lng)> InsideAsync(string unitCode)
    {
        var shape = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/units/{unitCode}/boundary");
        var ring = shape.GetProperty("geometry").GetProperty("coordinates")[0][0].EnumerateArray().Select(p => (Lng: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        return (ring.Average(p => p.Lat), ring.Average(p => p.Lng));
    }
}
