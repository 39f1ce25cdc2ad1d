using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Web;
using Governance.BrowserTests.Support;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The county dashboard's additions (issue #15): times to accept and resolve (their distributions drawn from the API's
/// buckets), 比学赶超, repeat places, and the exports, downloaded from the page with the officer's identity (统计报表 as
/// CSV: UTF-8 with its byte-order mark; every panel's view as XLSX and CSV).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CountyReportsPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    [Test]
    public async Task The_county_reads_durations_rankings_and_repeat_places_and_downloads_the_monthly_report()
    {
        // A repeat place: three environment cases at one courtyard (the default threshold is 3).
        for (var i = 0; i < 3; i++)
        {
            var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category = "environment", grade = "III", title = $"垃圾堆放 {i}", description = "d" });
            Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        }
        var courtyard = (await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/units/{Demo.Courtyard}")).GetProperty("name").GetString()!;

        var page = await Browser.OpenAsync("county-reports", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        await Expect(page.Locator("[data-duration='accept']")).ToContainTextAsync("签收时长");
        await Expect(page.Locator("[data-section='rankings'] table.rankings tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("[data-section='rankings']")).ToContainTextAsync("比学赶超");
        await Expect(page.Locator("[data-section='repeat-places'] li").First).ToContainTextAsync($"{courtyard} · 环境卫生 · 3");

        var download = await page.RunAndWaitForDownloadAsync(async () =>
            await page.Locator("[data-section='exports'] button", new() { HasText = "CSV" }).First.ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a byte-order mark");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.That(text, Does.StartWith("\"单位代码 Unit code\""));
        Assert.That(text, Does.Contain(Demo.County));
        Assert.That(download.SuggestedFilename, Does.StartWith("report-").And.EndWith(".csv"));
        await Browser.ScreenshotAsync(page, "county-reports");
    }

    [Test]
    public async Task The_distributions_of_the_times_to_accept_and_resolve_are_drawn_with_the_APIs_bucket_counts()
    {
        // One case accepted and closed now (a category no repeat place counts), so both distributions hold a case.
        await FileAndCloseAsync("facilities");
        // The page's default period: the last 30 days, China time.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var period = $"unitCode={Demo.County}&from={today.AddDays(-29):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var durations = await Eventually.GetAsync(() => Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/dashboard/durations?{period}"),
            d => d.GetProperty("accept").GetProperty("cases").GetInt64() > 0 && d.GetProperty("resolve").GetProperty("cases").GetInt64() > 0,
            TimeSpan.FromSeconds(30), "the case in the durations");
        var page = await Browser.OpenAsync("county-durations", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        Assert.That(await PeriodAsync(page), Is.EqualTo(period), "the page shows the period read above");

        foreach (var measure in new[] { "accept", "resolve" })
        {
            var buckets = durations.GetProperty(measure).GetProperty("buckets").EnumerateArray().ToList();
            var counts = buckets.Select(b => b.GetProperty("cases").GetInt64().ToString()).ToList();
            var block = page.Locator($"[data-section='durations'] [data-duration='{measure}']");
            // The chart is given the API's counts, bucket for bucket, and the table beside it says the same.
            await Expect(block.Locator(".chart.distribution")).ToHaveAttributeAsync("data-counts", string.Join(",", counts));
            await Expect(block.Locator(".chart.distribution svg path").First).ToBeAttachedAsync();
            var rows = block.Locator($"table[data-buckets='{measure}'] tbody tr");
            Assert.That(await rows.Locator("td").AllTextContentsAsync(), Is.EqualTo(counts), measure);
            Assert.That(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.upTo)"),
                Is.EqualTo(buckets.Select(b => b.GetProperty("upToMinutes").ValueKind == JsonValueKind.Null ? "" : b.GetProperty("upToMinutes").GetInt32().ToString())),
                "a row per bucket, in the API's order");
            // Labels in human units from the API's bounds (5, 10, … minutes; … 60 days; above).
            var labels = await rows.Locator("th").AllTextContentsAsync();
            Assert.That(labels[0], Is.EqualTo("5 分钟以内"));
            Assert.That(labels, Does.Contain("30 分钟–1 小时").And.Contain("1–2 小时").And.Contain("12 小时–1 天").And.Contain("1–2 天"));
            Assert.That(labels[^1], Is.EqualTo("60 天以上"));
        }
        await Expect(page.Locator("[data-duration='accept'] [data-median]")).ToContainTextAsync("中位数");
        Assert.That(await Axe.ViolationsAsync(page, "/county durations"), Is.Empty);
        await page.Locator("[data-section='durations']").ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, "county-durations");
    }

    /// <summary>Each view's sheet name and its file's first row (headers Chinese then English, DashboardRows and RankingRows).</summary>
    private static readonly Dictionary<string, (string Sheet, string[] Header)> Views = new()
    {
        ["summary"] = ("汇总", new[] {"单位代码 Unit code", "起 From", "止 To", "受理 Filed", "办结 Closed", "小事不出村率 Closed in village",
            "大事不出镇率 Closed in township", "按期办结率 On-time rate", "核查满意率 Staff-recorded satisfied", "群众满意率 Residents satisfied",
            "在办:院落 Open courtyard", "在办:村 Open village", "在办:镇 Open township", "在办:县 Open county",
            "超期:院落 Overdue courtyard", "超期:村 Overdue village", "超期:镇 Overdue township", "超期:县 Overdue county"}),
        ["trend"] = ("趋势", new[] {"日期 Day", "受理 Filed", "办结 Closed"}),
        ["escalations"] = ("上移原因", new[] {"维度 By", "代码 Code", "名称 Name", "上移 Escalations"}),
        ["children"] = ("下级单位", new[] {"单位代码 Unit code", "单位 Unit", "受理 Filed", "办结 Closed", "小事不出村率 Closed in village",
            "大事不出镇率 Closed in township", "在办 Open", "超期 Overdue"}),
        ["durations"] = ("时长分布", new[] {"指标 Measure", "上限(分钟) Up to minutes", "件数 Cases"}),
        ["rankings"] = ("比学赶超", new[] {"类别 Kind", "代码 Code", "名称 Name", "办结 Closed", "按期办结率 On-time rate", "当前超期 Overdue now",
            "核查满意率 Staff-recorded satisfied", "群众满意率 Residents satisfied", "按期排名 On-time rank", "超期排名 Overdue rank", "满意排名 Satisfaction rank"}),
        ["repeat-places"] = ("重复发生点位", new[] {"地点代码 Place code", "地点 Place", "类别 Category", "件数 Cases", "最近上报 Last filed"}),
        ["in-hand"] = ("包案", new[] {"包案 Taken", "办理中 Working", "待签字 Awaiting sign-off", "已签字 Signed off", "签字且满意 Signed off satisfied",
            "已合并 Merged"}),
    };

    [Test]
    public async Task Every_panel_downloads_its_view_as_XLSX_and_CSV_for_the_unit_and_period_shown()
    {
        var page = await Browser.OpenAsync("county-view-exports", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        await Expect(page.Locator("table.children tbody tr")).Not.ToHaveCountAsync(0);
        var query = HttpUtility.ParseQueryString(await PeriodAsync(page));
        var (from, to) = (query["from"]!.Replace("-", ""), query["to"]!.Replace("-", ""));

        // The panel each view's buttons sit in (the summary's: the tiers' card), and the panels showing part of a view
        // another panel exports too.
        var panels = new Dictionary<string, string>
        {
            ["summary"] = ".dash-grid", ["trend"] = "[data-section='trend']", ["escalations"] = "[data-section='by-reason']",
            ["children"] = "[data-section='children']", ["durations"] = "[data-section='durations']", ["rankings"] = "[data-section='rankings']",
            ["repeat-places"] = "[data-section='repeat-places']", ["in-hand"] = "[data-section='in-hand']",
        };
        await Expect(page.Locator("[data-section='by-township'] [data-view='escalations'] button")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-section='map'] [data-view='children'] button")).ToHaveCountAsync(2);
        foreach (var (view, (sheet, header)) in Views)
        {
            var group = page.Locator($"{panels[view]} [data-view='{view}']");
            foreach (var format in new[] { "xlsx", "csv" })
            {
                var download = await DownloadAsync(page, group, format, view);
                Assert.That(download.SuggestedFilename, Is.EqualTo($"dashboard-{view}-{Demo.County}-{from}-{to}.{format}"));
                var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
                if (format == "csv")
                {
                    var first = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r');
                    Assert.That(first.Split(',').Select(c => c.Trim('"')), Is.EqualTo(header), $"{view}.csv's first row");
                }
                else
                {
                    var (sheets, strings) = ReadXlsx(bytes);
                    Assert.That(sheets, Does.Contain(sheet), $"{view}.xlsx's sheet");
                    Assert.That(strings.Take(header.Length), Is.EqualTo(header), $"{view}.xlsx's first row");
                }
            }
        }
        Assert.That(await page.Locator("[data-view] [aria-live]").AllTextContentsAsync(), Has.None.Contains("导出失败"));
    }

    /// <summary>Presses a panel's format button and waits for its file. The export is read, built and fetched
    /// before the browser sees a download; with every test project running at once on two cores (CI) that took
    /// longer than the default 15 s, so it waits longer, and when no file comes it says which and what the panel
    /// wrote (its failure line) instead of a bare timeout. Pressed once more, as a person would, when no file came
    /// within 20 s: on a quiet machine, with the buttons pressed one after another within milliseconds, Chromium
    /// now and then saw no download from a press whose export the server had answered (about one run in two here,
    /// each time the rankings' XLSX, right after the durations' CSV; not understood, noted for the team). The log
    /// says when the second press was needed.</summary>
    private static async Task<IDownload> DownloadAsync(IPage page, ILocator group, string format, string view)
    {
        var button = group.GetByRole(AriaRole.Button, new() { Name = format.ToUpperInvariant(), Exact = true });
        try
        {
            return await page.RunAndWaitForDownloadAsync(async () => await button.ClickAsync(), new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            await TestContext.Progress.WriteLineAsync($"{view}.{format}: no download within 20 s of the first press; pressed again");
        }
        try
        {
            return await page.RunAndWaitForDownloadAsync(async () => await button.ClickAsync(), new() { Timeout = 40_000 });
        }
        catch (TimeoutException)
        {
            var said = await group.Locator("[aria-live]").AllTextContentsAsync();
            Assert.Fail($"{view}.{format}: no download after two presses (60 s); the panel said: '{string.Join(" | ", said)}'");
            throw;
        }
    }

    /// <summary>The page's own period, as its address says it (the query the views are read with).</summary>
    private static async Task<string> PeriodAsync(IPage page)
    {
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("from=.*&to="));
        var query = HttpUtility.ParseQueryString(new Uri(page.Url).Query);
        return $"unitCode={Demo.County}&from={query["from"]}&to={query["to"]}";
    }

    /// <summary>An XLSX's sheet names and its first sheet's first row, as text (shared strings or inline).</summary>
    private static (List<string> Sheets, List<string> FirstRow) ReadXlsx(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        System.Xml.Linq.XDocument Xml(string name) => System.Xml.Linq.XDocument.Load(zip.GetEntry(name)!.Open());
        System.Xml.Linq.XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheets = Xml("xl/workbook.xml").Descendants(ns + "sheet").Select(s => (string)s.Attribute("name")!).ToList();
        var shared = zip.GetEntry("xl/sharedStrings.xml") is null ? [] : Xml("xl/sharedStrings.xml").Descendants(ns + "si").Select(si => si.Value).ToList();
        var row = Xml("xl/worksheets/sheet1.xml").Descendants(ns + "row").First().Elements(ns + "c").Select(c =>
            (string?)c.Attribute("t") == "s" ? shared[int.Parse(c.Element(ns + "v")!.Value)] : c.Value).ToList();
        return (sheets, row);
    }

    /// <summary>Files a case, and its holder accepts and resolves it and someone above verifies it: closed now.</summary>
    private async Task FileAndCloseAsync(string category)
    {
        var http = Env.Host.Http;
        var filed = await http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Courtyard, category, grade = "III", title = "路灯不亮", description = "d" });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = Guid.Parse((await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        await Eventually.GetAsync(() => Env.Host.IncidentAsync(id), i => i?.Status == "assigned", TimeSpan.FromSeconds(30), "the case routed");
        foreach (var (action, body) in new (string, object)[] { ("accept", new { }), ("resolve", new { note = "已修复" }) })
        {
            var response = await http.PostAsJsonAsync($"/incidents/{id}/{action}", body, "handler");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }
        var verified = await http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction = "satisfied" },
            TestTokens.Bearer("verifier", Roles.GridWorkerFullTime, Demo.County));
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
    }
}
