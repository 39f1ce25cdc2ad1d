using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The three users' main paths in a real browser against the standalone Host: the grid worker on a
/// 360-px phone, the township command centre on a wall screen, the county dashboard on a desktop.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PagesTests : BrowserFixture
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    [Test]
    public async Task A_case_filed_on_a_phone_reaches_the_township_board_live_is_assigned_and_moves_the_county_figures()
    {
        var county = await Browser.OpenAsync("county", 1440, 1000);
        await SignInAsync(county, CountySupervisor, "/county");
        var filed = county.Locator("[data-figure='filed']");
        await Expect(filed).ToBeVisibleAsync();
        var filedBefore = int.Parse(await filed.InnerTextAsync());
        var openBefore = int.Parse(await county.Locator("[data-open='township']").InnerTextAsync());

        var board = await Browser.OpenAsync("board", 1920, 1080);
        await SignInAsync(board, Dispatcher, "/command-centre");
        await Expect(board.Locator(".live.on")).ToBeVisibleAsync();
        await board.EvaluateAsync("() => { window.notReloaded = true; }");

        // The grid worker files a work-safety hazard (IV): it starts on the township tier (安监站).
        // Keyboard only: the first Tab reaches the skip link; the account is chosen with Enter.
        var phone = await Browser.OpenAsync("worker", 360, 780, phone: true);
        await phone.GotoAsync("/");
        await phone.Keyboard.PressAsync("Tab");
        Assert.That(await phone.EvaluateAsync<string>("() => document.activeElement.className"), Is.EqualTo("skip-link"));
        await phone.Locator($"[data-account='{GridWorker}']").FocusAsync();
        await phone.Keyboard.PressAsync("Enter");
        // The address changes through the history API (no load event to wait for): poll it, as SignInAsync does.
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/worker"), new() { Timeout = 45_000 });
        var title = $"仓库消防通道堵塞 {Guid.NewGuid().ToString()[..4]}";
        await phone.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("work-safety");
        await phone.GetByLabel("事件等级", new() { Exact = true }).SelectOptionAsync("IV");
        await phone.GetByLabel("发生地点（院落）", new() { Exact = true }).SelectOptionAsync(Demo.Courtyard);
        await phone.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await phone.GetByLabel("情况描述", new() { Exact = true }).FillAsync("仓库后门消防通道被货物堵死，存在火灾隐患");
        // A photo larger than the page sends: 2000×1200, scaled down on the phone to 1600 px before upload.
        await phone.GetByLabel("现场照片", new() { Exact = true }).SetInputFilesAsync(
            new FilePayload { Name = "scene.png", MimeType = "image/png", Buffer = Images.GradientPng(2000, 1200) });
        await Expect(phone.Locator(".preview img")).ToHaveCountAsync(1);
        await phone.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
        await Expect(phone.Locator(".toast")).ToContainTextAsync(title);
        await Expect(phone.Locator(".upload-status")).ToContainTextAsync("照片已上传（1 张）");
        await Expect(phone.Locator("article.task", new() { HasText = title })).ToBeVisibleAsync();

        // Stored with the case, as a JPEG at most 1600 px on its longest side.
        var id = await IdOf(title);
        var stored = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        var photo = stored.GetProperty("photos").EnumerateArray().Single();
        Assert.That(photo.GetProperty("contentType").GetString(), Is.EqualTo("image/jpeg"));
        Assert.That(photo.GetProperty("uploadedBy").GetString(), Is.EqualTo(GridWorker));
        var jpeg = await Env.Host.Http.GetByteArrayAsync($"/incidents/{id}/photos/{photo.GetProperty("id").GetGuid()}");
        Assert.That(JpegSize(jpeg), Is.EqualTo((1600, 960)), "scaled down in the browser before it was sent");

        // The worker's own case detail shows it; the thumbnail opens full size from the keyboard.
        await phone.Locator("article.task", new() { HasText = title }).GetByRole(AriaRole.Button, new() { Name = $"详情：{title}" }).ClickAsync();
        var details = phone.GetByRole(AriaRole.Dialog);
        var thumb = details.Locator("ul.photos button.thumb");
        await Expect(thumb.Locator("img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        await Expect(thumb.Locator("img")).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("现场照片 1/1"));
        await Browser.ScreenshotAsync(phone, "worker-case-360");
        await thumb.FocusAsync();
        await phone.Keyboard.PressAsync("Enter");
        await Expect(phone.Locator("figure.photo-full img")).ToBeVisibleAsync();
        Assert.That(await phone.Locator("figure.photo-full img").EvaluateAsync<int>("img => img.naturalWidth"), Is.EqualTo(1600));
        await phone.Keyboard.PressAsync("Escape");
        await Expect(phone.Locator("figure.photo-full")).ToHaveCountAsync(0);
        await phone.Keyboard.PressAsync("Escape");
        await Expect(phone.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        Assert.That(await UnlabelledControlsAsync(phone), Is.Empty, "every form control on the worker page has a label");
        Assert.That(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(360),
            "the worker page fits a 360-px phone without sideways scrolling");
        await Browser.ScreenshotAsync(phone, "worker-360");

        // The board shows it without being reloaded, on the township tier with its countdown.
        var row = board.Locator("tr", new() { HasText = title });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(row.Locator(".countdown")).ToContainTextAsync("剩余");
        Assert.That(await board.EvaluateAsync<bool>("() => window.notReloaded === true"), Is.True, "the board was not reloaded");

        // Open the case and give it to the department for its category (安监).
        await board.GetByRole(AriaRole.Button, new() { Name = title }).ClickAsync();
        var dialog = board.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("ol.timeline li")).Not.ToHaveCountAsync(0);
        // People by name, not account id: the filer is the grid worker who signed in (the id stays as a tooltip).
        var filer = dialog.Locator($"ol.timeline [data-actor='{GridWorker}']").First;
        await Expect(filer).ToHaveAttributeAsync("title", GridWorker);
        Assert.That(await filer.InnerTextAsync(), Is.Not.EqualTo(GridWorker).And.Not.Empty);
        await Expect(dialog.Locator("ol.timeline [data-actor='system:router']").First).ToHaveTextAsync("系统分派");
        // The place on a map: the case's real courtyard boundary inside its grid's, and its point.
        await Expect(dialog.Locator(".outline-map svg path.map-area")).ToHaveCountAsync(2);
        // The grid worker's photo, as a thumbnail that opens full size.
        var boardThumb = dialog.Locator("ul.photos button.thumb img");
        await Expect(boardThumb).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^blob:"));
        Assert.That(await boardThumb.EvaluateAsync<int>("img => img.naturalWidth"), Is.EqualTo(1600));
        var lead = dialog.GetByLabel("牵头部门", new() { Exact = true });
        var leadName = await lead.Locator("option:checked").InnerTextAsync();
        Assert.That(leadName, Does.Contain("安监"), "the department for work safety is offered first");
        // 属地管理: the county's bureaus may be called in on a township case too, after the township's own teams.
        var offered = await lead.Locator("option").AllInnerTextsAsync();
        Assert.That(offered, Has.Some.EqualTo("示范县应急管理局"), "the county's bureau for work safety is offered as well");
        Assert.That(offered.ToList().IndexOf("示范县应急管理局"), Is.GreaterThan(offered.ToList().IndexOf(leadName)));
        await Browser.ScreenshotAsync(board, "board-case-1920");
        await boardThumb.ClickAsync();
        await Expect(board.Locator("figure.photo-full img")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(board, "board-photo-1920");
        await board.Keyboard.PressAsync("Escape");
        await Expect(board.Locator("figure.photo-full")).ToHaveCountAsync(0);
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "指派", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync(leadName);
        await Browser.ScreenshotAsync(board, "board-1920");

        // The county's figures follow, live.
        await Expect(filed).ToHaveTextAsync((filedBefore + 1).ToString(), new() { Timeout = 20_000 });
        await Expect(county.Locator("[data-open='township']")).ToHaveTextAsync((openBefore + 1).ToString(), new() { Timeout = 20_000 });
        await Browser.ScreenshotAsync(county, "county-1440");
    }

    [Test]
    public async Task The_grid_worker_resolves_on_the_spot_verifies_a_task_and_records_a_care_visit()
    {
        // A significant (III) matter at the worker's courtyard is the village's: resolved there, the
        // worker of the place verifies it (he does not hold it, so he may).
        var http = Env.Host.Http;
        var filing = await http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "environment", grade = "III", title = $"垃圾清运不及时 {Guid.NewGuid().ToString()[..4]}",
            description = "小区门口垃圾堆积三天",
        });
        Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filing.Content.ReadAsStringAsync());
        var filed = await filing.Content.ReadFromJsonAsync<JsonElement>();
        var task = filed.GetProperty("title").GetString()!;
        var id = filed.GetProperty("id").GetGuid();
        await Eventually.GetAsync(() => http.GetFromJsonAsync<JsonElement?>($"/incidents/{id}"),
            i => i!.Value.GetProperty("tier").GetString() == "village", TimeSpan.FromSeconds(15), "the case to reach the village");
        var resolve = await http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "已联系环卫清运" });
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolve.Content.ReadAsStringAsync());

        var phone = await Browser.OpenAsync("worker", 360, 780, phone: true);
        await SignInAsync(phone, GridWorker, "/worker");

        // Resolved on the spot (即知即办).
        var spot = $"路灯不亮 {Guid.NewGuid().ToString()[..4]}";
        await phone.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("facilities");
        await phone.GetByLabel("标题", new() { Exact = true }).FillAsync(spot);
        await phone.GetByLabel("情况描述", new() { Exact = true }).FillAsync("3号楼路灯不亮");
        await phone.GetByLabel("已当场解决（即知即办）").CheckAsync();
        await phone.GetByLabel("处理情况", new() { Exact = true }).FillAsync("已更换灯泡");
        await phone.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
        await Expect(phone.Locator(".toast")).ToContainTextAsync(spot);
        // Stored as settled there: closed, with what was done on its timeline.
        var spotCase = (await http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Courtyard}&limit=200")).EnumerateArray()
            .Single(i => i.GetProperty("title").GetString() == spot);
        var spotDetail = await http.GetFromJsonAsync<JsonElement>($"/incidents/{spotCase.GetProperty("id").GetGuid()}");
        Assert.That(spotDetail.GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(spotDetail.GetProperty("timeline").EnumerateArray().Select(t => (t.GetProperty("action").GetString(), t.GetProperty("reason").GetString())),
            Does.Contain(("resolved-on-the-spot", "已更换灯泡")));

        // Verify the task someone else resolved.
        var card = phone.Locator("article.task", new() { HasText = task });
        await Expect(card).ToContainTextAsync("待核查");
        await card.GetByRole(AriaRole.Button, new() { Name = "核查" }).ClickAsync();
        var verify = phone.GetByRole(AriaRole.Dialog);
        await verify.GetByLabel("核查结果").SelectOptionAsync("solved");
        await verify.GetByLabel("群众满意度").SelectOptionAsync("satisfied");
        await verify.GetByRole(AriaRole.Button, new() { Name = "核查" }).ClickAsync();
        await Expect(phone.Locator(".toast")).ToContainTextAsync("核查已记录");
        await Expect(card).ToHaveCountAsync(0);
        var incident = await http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        Assert.That(incident.GetProperty("status").GetString(), Is.EqualTo("closed"));

        // Record a care visit.
        var visit = phone.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).First;
        await visit.ClickAsync();
        var visitDialog = phone.GetByRole(AriaRole.Dialog);
        await visitDialog.GetByLabel("走访情况").FillAsync("身体状况良好，已提醒按时服药");
        await visitDialog.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        await Expect(phone.Locator(".toast")).ToContainTextAsync("走访已记录");
        await Expect(phone.Locator("text=上次走访")).Not.ToHaveCountAsync(0);

        // The English switch.
        await phone.GetByRole(AriaRole.Button, new() { Name = "切换到英文" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Grid worker", Exact = true })).ToBeVisibleAsync();
        // The filing form's (the filter bar of the grid's other open cases has a Category too).
        await Expect(phone.GetByRole(AriaRole.Region, new() { Name = "File a case" }).GetByLabel("Category", new() { Exact = true })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "worker-360-en");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Switch to Chinese" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "网格员工作台" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task A_photo_that_fails_to_upload_is_sent_again_without_filing_the_case_twice()
    {
        var phone = await Browser.OpenAsync("worker", 360, 780, phone: true);
        await SignInAsync(phone, GridWorker, "/worker");
        // The network (or the gateway) fails the first upload.
        var failures = 0;
        await phone.RouteAsync("**/incidents/*/photos", async route =>
        {
            if (failures++ == 0)
                await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"Service Unavailable\",\"status\":503}" });
            else await route.ContinueAsync();
        });

        var title = $"护栏损坏 {Guid.NewGuid().ToString()[..4]}";
        await phone.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("facilities");
        await phone.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await phone.GetByLabel("情况描述", new() { Exact = true }).FillAsync("河边护栏断了一截");
        await phone.GetByLabel("现场照片", new() { Exact = true }).SetInputFilesAsync(
            new FilePayload { Name = "rail.png", MimeType = "image/png", Buffer = Images.GradientPng(640, 480) });
        await phone.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();

        var failed = phone.Locator(".upload-failed[role='alert']");
        await Expect(failed).ToContainTextAsync("照片上传失败");
        await Expect(failed).ToContainTextAsync("不会重复上报");
        var retry = phone.GetByRole(AriaRole.Button, new() { Name = "重试上传照片" });
        await Expect(retry).ToBeFocusedAsync();
        await Browser.ScreenshotAsync(phone, "worker-photo-retry-360");
        await retry.ClickAsync();
        await Expect(phone.Locator(".upload-status")).ToContainTextAsync("照片已上传（1 张）");

        var list = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Courtyard}&limit=200");
        var filed = list.EnumerateArray().Where(i => i.GetProperty("title").GetString() == title).ToList();
        Assert.That(filed, Has.Count.EqualTo(1), "the retry sent the photo, not the case again");
        var photos = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{filed[0].GetProperty("id").GetGuid()}/photos");
        Assert.That(photos.GetArrayLength(), Is.EqualTo(1));
        // The refused first attempt is logged by Chromium as a failed resource: expected here.
        Browser.Errors.RemoveAll(e => e.Contains("503") && e.Contains("/photos"));
    }

    [Test]
    public async Task The_county_drills_down_to_a_village_and_supervises_and_pulls_up_a_case()
    {
        var http = Env.Host.Http;
        var title = $"村道塌陷 {Guid.NewGuid().ToString()[..4]}";
        var filing = await http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "facilities", grade = "III", title, description = "村道一段路基塌陷，车辆无法通行",
        });
        Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var county = await Browser.OpenAsync("county", 1440, 1000);
        await SignInAsync(county, CountySupervisor, "/county");
        await Expect(county.Locator(".chart.map svg path").First).ToBeVisibleAsync();
        await county.Locator($"[data-drill='{Demo.Township}']").ClickAsync();
        await Expect(county.Locator(".crumbs [aria-current]")).Not.ToHaveTextAsync("示范县");
        await county.Locator($"[data-drill='{Demo.Village}']").ClickAsync();

        // A significant (III) case is handled by the village: it is in the village's list.
        var row = county.Locator("tr", new() { HasText = title });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "督办" }).ClickAsync();
        await county.GetByRole(AriaRole.Dialog).GetByLabel("督办意见").FillAsync("群众反映强烈，限期修复");
        await county.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "督办" }).ClickAsync();
        await Expect(county.Locator(".toast")).ToContainTextAsync("已督办");
        await Browser.ScreenshotAsync(county, "county-village-1440");

        await row.GetByRole(AriaRole.Button, new() { Name = "提级" }).ClickAsync();
        await county.GetByRole(AriaRole.Dialog).GetByLabel("理由").FillAsync("涉及县道，需交通局处理");
        await county.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "提级" }).ClickAsync();
        await Expect(county.Locator(".toast")).ToContainTextAsync("已提级");
        var id = await IdOf(title);
        var incident = await Eventually.GetAsync(() => http.GetFromJsonAsync<JsonElement?>($"/incidents/{id}"),
            i => i!.Value.GetProperty("tier").GetString() == "county", TimeSpan.FromSeconds(15), "the case to reach the county");
        Assert.That(incident!.Value.GetProperty("supervisedAt").ValueKind, Is.Not.EqualTo(JsonValueKind.Null));

        // Down to the grid: its cases, with the pulled-up one now on the county tier. Back to the county first — and
        // until the page says so: a click on the crumb while the village's view is drawn again (the pull-up's live
        // event) can land on the view being replaced (CI, every test project at once, found no township to drill into).
        // A second try clicks the crumb only if there still is one: the first click may have reached the county (which
        // has no crumb to click) with its townships not drawn yet, and a click then waited for a button never coming.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var crumb = county.Locator(".crumbs").GetByRole(AriaRole.Button).First;
                if (attempt == 1 || await crumb.CountAsync() > 0) await crumb.ClickAsync();
                await Expect(county.Locator($"[data-drill='{Demo.Township}']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                break;
            }
            catch (Exception slow) when (slow is PlaywrightException or TimeoutException && attempt < 3) { }
        }
        await county.Locator($"[data-drill='{Demo.Township}']").ClickAsync();
        await county.Locator($"[data-drill='{Demo.Village}']").ClickAsync();
        await county.Locator($"[data-drill='{Demo.Grid}']").ClickAsync();
        await Expect(county.Locator("tr", new() { HasText = title })).ToContainTextAsync("区县");
    }

    [Test]
    public async Task A_unit_named_with_markup_is_shown_as_text_in_the_map_tooltip()
    {
        // Names are typed by people: one that looks like HTML must stay text (stored XSS otherwise).
        var http = Env.Host.Http;
        var townships = await http.GetFromJsonAsync<JsonElement>($"/grids/units?parentCode={Demo.County}&level=township");
        var target = townships.EnumerateArray().Last();
        var code = target.GetProperty("code").GetString()!;
        var original = target.GetProperty("name").GetString()!;
        const string markup = "<img src=x onerror=\"window.__xss=1\">镇";
        var rename = await http.PatchAsJsonAsync($"/grids/units/{code}", new { name = markup });
        Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rename.Content.ReadAsStringAsync());
        try
        {
            var county = await Browser.OpenAsync("county", 1440, 1000);
            await SignInAsync(county, CountySupervisor, "/county");
            await Expect(county.Locator($"[data-drill='{code}']")).ToHaveTextAsync(markup);
            var areas = county.Locator(".chart.map svg path");
            await Expect(areas.First).ToBeVisibleAsync();
            var tip = county.Locator(".chart.map .chart-tip", new() { HasText = markup });
            // Hover the areas until one is the renamed township (the map draws them in no promised order).
            var count = await areas.CountAsync();
            for (var i = 0; i < count && await tip.CountAsync() == 0; i++) await areas.Nth(i).HoverAsync(new() { Force = true });
            await Expect(tip).ToBeVisibleAsync();
            Assert.That(await county.Locator(".chart.map img").CountAsync(), Is.Zero, "the name was not parsed as HTML");
            Assert.That(await county.EvaluateAsync<bool>("() => window.__xss === undefined"), Is.True, "nothing in the name ran");
        }
        finally
        {
            var back = await http.PatchAsJsonAsync($"/grids/units/{code}", new { name = original });
            Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK), await back.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task The_pages_share_the_api_address_without_hiding_api_routes()
    {
        var http = Env.Host.Http;
        foreach (var page in new[] { "/", "/worker", "/command-centre", "/county" })
        {
            using var response = await http.GetAsync(page);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"), page);
        }
        Assert.That((await http.GetAsync("/incidents/no-such-route")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.GetAsync("/grids/no/such/route")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.GetAsync("/assets/missing.js")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await http.GetAsync("/dispatch/events/stream")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await http.GetAsync("/health/ready")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<Guid> IdOf(string title)
    {
        var list = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Courtyard}&limit=200");
        return list.EnumerateArray().First(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();
    }

    /// <summary>Width and height from a JPEG's start-of-frame segment.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 8 < jpeg.Length)
        {
            if (jpeg[i] != 0xFF) { i++; continue; }
            var marker = jpeg[i + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2) return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }
        throw new InvalidDataException("not a JPEG with a start-of-frame segment");
    }

    /// <summary>Form controls a screen reader could not name.</summary>
    private static Task<string[]> UnlabelledControlsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
          .map(e => e.name || e.id || e.outerHTML.slice(0, 60))
        """);
}
