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
public sealed class PagesTests
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    private StandaloneEnvironment _env = null!;
    private Browser _browser = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Authentication on (the test tokens' key), with the development sign-in the pages use.
        _env = await StandaloneEnvironment.StartAsync(extra: new Dictionary<string, string> { ["Auth:DevTokens"] = "true" });
        _browser = await Browser.LaunchAsync(_env.Host.Http.BaseAddress!);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_env is not null) await _env.DisposeAsync();
    }

    [SetUp]
    public void ForgetErrors() => _browser.Errors.Clear();

    [TearDown]
    public async Task CloseAndCheckConsoleAsync()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed;
        await _browser.CloseAllAsync(failed ? TestContext.CurrentContext.Test.MethodName : null);
        Assert.That(_browser.Errors, Is.Empty, "the pages logged errors to the console");
    }

    [Test]
    public async Task A_case_filed_on_a_phone_reaches_the_township_board_live_is_assigned_and_moves_the_county_figures()
    {
        var county = await _browser.OpenAsync("county", 1440, 1000);
        await SignInAsync(county, CountySupervisor, "/county");
        var filed = county.Locator("[data-figure='filed']");
        await Expect(filed).ToBeVisibleAsync();
        var filedBefore = int.Parse(await filed.InnerTextAsync());
        var openBefore = int.Parse(await county.Locator("[data-open='township']").InnerTextAsync());

        var board = await _browser.OpenAsync("board", 1920, 1080);
        await SignInAsync(board, Dispatcher, "/command-centre");
        await Expect(board.Locator(".live.on")).ToBeVisibleAsync();
        await board.EvaluateAsync("() => { window.notReloaded = true; }");

        // The grid worker files a major (II) work-safety hazard: it starts on the township tier.
        // Keyboard only: the first Tab reaches the skip link; the account is chosen with Enter.
        var phone = await _browser.OpenAsync("worker", 360, 780, phone: true);
        await phone.GotoAsync("/");
        await phone.Keyboard.PressAsync("Tab");
        Assert.That(await phone.EvaluateAsync<string>("() => document.activeElement.className"), Is.EqualTo("skip-link"));
        await phone.Locator($"[data-account='{GridWorker}']").FocusAsync();
        await phone.Keyboard.PressAsync("Enter");
        await phone.WaitForURLAsync("**/worker**");
        var title = $"仓库消防通道堵塞 {Guid.NewGuid().ToString()[..4]}";
        await phone.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("work-safety");
        await phone.GetByLabel("事件等级", new() { Exact = true }).SelectOptionAsync("II");
        await phone.GetByLabel("发生地点（院落）", new() { Exact = true }).SelectOptionAsync(Demo.Courtyard);
        await phone.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await phone.GetByLabel("情况描述", new() { Exact = true }).FillAsync("仓库后门消防通道被货物堵死，存在火灾隐患");
        await phone.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
        await Expect(phone.Locator(".toast")).ToContainTextAsync(title);
        await Expect(phone.Locator("article.task", new() { HasText = title })).ToBeVisibleAsync();
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
        await Expect(dialog.Locator("svg.outline-map")).ToBeVisibleAsync();
        var lead = dialog.GetByLabel("牵头部门", new() { Exact = true });
        var leadName = await lead.Locator("option:checked").InnerTextAsync();
        Assert.That(leadName, Does.Contain("安监"), "the department for work safety is offered first");
        await Browser.ScreenshotAsync(board, "board-case-1920");
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
        // A general matter at the worker's courtyard, resolved by the courtyard lead: the worker verifies it.
        var http = _env.Host.Http;
        var filing = await http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "environment", grade = "IV", title = $"垃圾清运不及时 {Guid.NewGuid().ToString()[..4]}",
            description = "小区门口垃圾堆积三天",
        });
        Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filing.Content.ReadAsStringAsync());
        var filed = await filing.Content.ReadFromJsonAsync<JsonElement>();
        var task = filed.GetProperty("title").GetString()!;
        var id = filed.GetProperty("id").GetGuid();
        var resolve = await http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "已联系环卫清运" });
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolve.Content.ReadAsStringAsync());

        var phone = await _browser.OpenAsync("worker", 360, 780, phone: true);
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
        await Expect(phone.GetByLabel("Category", new() { Exact = true })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(phone, "worker-360-en");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Switch to Chinese" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "网格员工作台" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_county_drills_down_to_a_village_and_supervises_and_pulls_up_a_case()
    {
        var http = _env.Host.Http;
        var title = $"村道塌陷 {Guid.NewGuid().ToString()[..4]}";
        var filing = await http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "facilities", grade = "III", title, description = "村道一段路基塌陷，车辆无法通行",
        });
        Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var county = await _browser.OpenAsync("county", 1440, 1000);
        await SignInAsync(county, CountySupervisor, "/county");
        await Expect(county.Locator(".chart.map svg path").First).ToBeVisibleAsync();
        await county.Locator($"[data-drill='{Demo.Township}']").ClickAsync();
        await Expect(county.Locator(".crumbs [aria-current]")).Not.ToHaveTextAsync("示范县");
        await county.Locator($"[data-drill='{Demo.Village}']").ClickAsync();

        // A significant (III) case is handled by the village: it is in the village's list.
        var row = county.Locator("tr", new() { HasText = title });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = "督办" }).ClickAsync();
        await county.GetByRole(AriaRole.Dialog).GetByLabel("理由").FillAsync("群众反映强烈，限期修复");
        await county.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "督办" }).ClickAsync();
        await Expect(county.Locator(".toast")).ToContainTextAsync("已督办");
        await Browser.ScreenshotAsync(county, "county-village-1440");

        await row.GetByRole(AriaRole.Button, new() { Name = "提级" }).ClickAsync();
        await county.GetByRole(AriaRole.Dialog).GetByLabel("理由").FillAsync("涉及县道，需交通局处理");
        await county.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "提级" }).ClickAsync();
        await Expect(county.Locator(".toast")).ToContainTextAsync("已提级到县级");
        var id = await IdOf(title);
        var incident = await Eventually.GetAsync(() => http.GetFromJsonAsync<JsonElement?>($"/incidents/{id}"),
            i => i!.Value.GetProperty("tier").GetString() == "county", TimeSpan.FromSeconds(15), "the case to reach the county");
        Assert.That(incident!.Value.GetProperty("supervisedAt").ValueKind, Is.Not.EqualTo(JsonValueKind.Null));

        // Down to the grid: its cases, with the pulled-up one now on the county tier.
        await county.Locator(".crumbs").GetByRole(AriaRole.Button).First.ClickAsync();
        await county.Locator($"[data-drill='{Demo.Township}']").ClickAsync();
        await county.Locator($"[data-drill='{Demo.Village}']").ClickAsync();
        await county.Locator($"[data-drill='{Demo.Grid}']").ClickAsync();
        await Expect(county.Locator("tr", new() { HasText = title })).ToContainTextAsync("区县");
    }

    [Test]
    public async Task The_pages_share_the_api_address_without_hiding_api_routes()
    {
        var http = _env.Host.Http;
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
        var list = await _env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Courtyard}&limit=200");
        return list.EnumerateArray().First(i => i.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();
    }

    private static async Task SignInAsync(IPage page, string account, string path)
    {
        await page.GotoAsync("/");
        await page.Locator($"[data-account='{account}']").ClickAsync();
        await page.WaitForURLAsync($"**{path}**");
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }

    /// <summary>Form controls a screen reader could not name.</summary>
    private static Task<string[]> UnlabelledControlsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
          .map(e => e.name || e.id || e.outerHTML.slice(0, 60))
        """);
}
