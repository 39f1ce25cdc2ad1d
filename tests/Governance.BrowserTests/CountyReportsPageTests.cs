using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The county dashboard's additions (issue #15): times to accept and resolve, 比学赶超, repeat places, and the
/// exports, downloaded from the page with the officer's identity (统计报表 as CSV: UTF-8 with its byte-order mark).
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
}
