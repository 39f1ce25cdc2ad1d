using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.Grids.Data;
using Dapper;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>The patrol log on the grid worker's phone page: start a patrol where the browser gives a
/// position, the first point is recorded, end it; the month's count and his own assessment show it.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PatrolPageTests : BrowserFixture
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;
    private const string VillageHandler = "village-handler-" + Demo.Village;

    [Test]
    public async Task A_grid_worker_starts_and_ends_a_patrol_on_his_page()
    {
        var page = await Browser.OpenAsync("patrol", 400, 860, phone: true);
        await page.Context.GrantPermissionsAsync(["geolocation"]);
        await page.Context.SetGeolocationAsync(new Geolocation { Latitude = 29.5630f, Longitude = 106.5510f });
        await SignInAsync(page, GridWorker, "/worker");

        var card = page.Locator("section[aria-labelledby=patrol-h]");
        var status = card.Locator("[data-patrol-status]");
        await Expect(status).ToHaveTextAsync("当前未在巡查。", new() { Timeout = 20_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = "开始巡查" }).ClickAsync();
        await Expect(status).ToContainTextAsync("巡查中");
        await Expect(status).ToContainTextAsync("已记录位置 1 个", new() { Timeout = 20_000 });
        await Browser.ScreenshotAsync(page, "patrol-on");

        await card.GetByRole(AriaRole.Button, new() { Name = "结束巡查" }).ClickAsync();
        await Expect(status).ToHaveTextAsync("当前未在巡查。");
        await Expect(card.Locator("[data-patrol-month]")).ToContainTextAsync("共 1 次");
        await Expect(page.Locator("section[aria-labelledby=score-h] tr[data-item=patrolDays] td").First).ToHaveTextAsync("1");

        var patrols = (await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>($"/grids/patrols?unitCode={Demo.Grid}"))!;
        Assert.That(patrols, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(patrols[0].GetProperty("personId").GetString(), Is.EqualTo(GridWorker));
            Assert.That(patrols[0].GetProperty("pointCount").GetInt32(), Is.EqualTo(1));
            Assert.That(patrols[0].GetProperty("endedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        });

        // The village above reads the month: its grid's row and the worker's count a patrol day, and the map says so.
        var village = await Browser.OpenAsync("patrol-village", 1280, 900);
        await SignInAsync(village, VillageHandler, "/village");
        var section = village.Locator("section[aria-labelledby=assessment-h]");
        await Expect(section.Locator($"tr[data-unit='{Demo.Grid}']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(section.Locator($"tr[data-person='{GridWorker}'] td").First).ToHaveTextAsync("1");
        await Expect(section.Locator("[data-patrol-tracks]")).ToHaveTextAsync("本月巡查 1 次，其中 1 次有位置记录（最多显示最近 100 次）。");
        // Drawn on the map (Leaflet, SVG): the village's grids as areas, the patrol's first point as a dot.
        await Expect(section.Locator(".patrol-map svg path.map-spot")).ToHaveCountAsync(1);
        Assert.That(await section.Locator(".patrol-map svg path.map-area").CountAsync(), Is.GreaterThanOrEqualTo(1));
        await Browser.ScreenshotAsync(village, "patrol-village-assessment");
    }

    [Test]
    public async Task A_patrol_forgotten_open_reads_as_ended_by_itself_on_the_workers_page()
    {
        const string worker = "grid-worker-part-time-500101001001002";   // not the other test's worker: its month counts one patrol
        var page = await Browser.OpenAsync("patrol-idle", 400, 860, phone: true);
        await SignInAsync(page, worker, "/worker");
        var card = page.Locator("section[aria-labelledby=patrol-h]");
        var status = card.Locator("[data-patrol-status]");
        await card.GetByRole(AriaRole.Button, new() { Name = "开始巡查" }).ClickAsync();
        await Expect(status).ToContainTextAsync("巡查中");

        // Five hours without a sign of life (Grids:Patrols:IdleEnd is four): the start moved back, as the phone left in a
        // pocket would have it. Nobody has written the end yet; the next look reads it as ended at its start.
        var started = DateTimeOffset.UtcNow.AddHours(-5);
        await using (var c = await Env.Host.Get<GridsDatabase>().OpenAsync())
            Assert.That(await c.ExecuteAsync("UPDATE visits SET started_at_ms = @at WHERE person_id = @worker AND kind = 'patrol' AND ended_at_ms IS NULL",
                new { at = started.ToUnixTimeMilliseconds(), worker }), Is.EqualTo(1));
        await page.ReloadAsync();

        await Expect(status).ToHaveTextAsync("当前未在巡查。", new() { Timeout = 20_000 });
        var shown = started.ToOffset(TimeSpan.FromHours(8));
        await Expect(card).ToContainTextAsync("已按最后一次记录的时间");
        await Expect(card).ToContainTextAsync($"{shown:HH:mm}");
        await Browser.ScreenshotAsync(page, "patrol-ended-by-itself");
        // Starting again is a new patrol and the note goes.
        await card.GetByRole(AriaRole.Button, new() { Name = "开始巡查" }).ClickAsync();
        await Expect(status).ToContainTextAsync("巡查中");
        await Expect(card).Not.ToContainTextAsync("自动结束");
    }
}
