using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// Each page's main path at the sizes the other tests do not cover (issue #17 item 9): a phone (390×844) for the
/// pages worked at a desk or a wall, a desktop for the grid worker's phone page, a wall screen (1920×1080) for the
/// county. At each size the page fits its width (no sideways scrolling, nothing cut off at the right edge: tables
/// scroll inside their own box) and passes axe as it is then. Covered elsewhere: the worker filing on a 360-px
/// phone and the board dispatching at 1920 (PagesTests), the village and department pages at 1280 (WorkPagesTests),
/// the county at 1440 and 1600 (PagesTests, WallScreenPageTests).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ScreenSizeTests : BrowserFixture
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;
    private const string VillageHandler = "village-handler-" + Demo.Village;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;
    private const string DepartmentHandler = "department-handler-" + Demo.County + "-civil-affairs";
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    /// <summary>Visible elements whose box reaches past the window's left or right edge, outside a box that scrolls
    /// or clips on purpose (a table's, a map's); the skip link waits off screen until focused.</summary>
    private const string CutOff = """
        (width) => {
          const out = [];
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('.table-wrap, .table-scroll, .leaflet-container, .skip-link, .sr-only, .file-input, .dispatch-sheet')) continue;
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
            if (box.right > width + 1 || box.left < -1)
              out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replaceAll(/\s+/g, '.') : ''} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
          }
          return out.slice(0, 10);
        }
        """;

    [TestCase(390, 844, true)]
    [TestCase(1280, 900, false)]
    public async Task The_grid_worker_files_a_case(int width, int height, bool phone)
    {
        var page = await Browser.OpenAsync($"worker-{width}", width, height, phone);
        await SignInAsync(page, GridWorker, "/worker");
        var title = $"路灯不亮 {Guid.NewGuid().ToString()[..4]}";
        await page.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("facilities");
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("情况描述", new() { Exact = true }).FillAsync("3号楼路灯不亮");
        await page.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync(title);
        await Expect(page.Locator("article.task", new() { HasText = title })).ToBeVisibleAsync();
        await AssertFitsAsync(page, $"/worker at {width}");
        await Browser.ScreenshotAsync(page, $"worker-files-{width}");
    }

    [TestCase(390, 844, true)]
    public async Task The_village_handler_accepts_a_case_from_his_queue(int width, int height, bool phone)
    {
        var (id, title) = await FileAsync("dispute", "III", "宅基地边界纠纷");
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "village" && i.GetProperty("status").GetString() == "assigned",
            "the case to wait at the village");
        var page = await Browser.OpenAsync($"village-{width}", width, height, phone);
        await SignInAsync(page, VillageHandler, "/village");
        var waiting = page.Locator("[data-bucket='to-accept'] article.task", new() { HasText = title });
        await Expect(waiting).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertFitsAsync(page, $"/village at {width}");
        await waiting.Locator("[data-action='accept']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已签收");
        await Expect(page.Locator("[data-bucket='in-progress'] article.task", new() { HasText = title })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, $"village-accepts-{width}");
    }

    [TestCase(390, 844, true)]
    public async Task The_command_centre_gives_a_case_to_a_department(int width, int height, bool phone)
    {
        var (id, title) = await FileAsync("work-safety", "IV", "仓库消防通道堵塞");
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "township", "the hazard to reach the township");
        var page = await Browser.OpenAsync($"board-{width}", width, height, phone);
        await SignInAsync(page, Dispatcher, "/command-centre");
        var row = page.Locator("table.queue tr", new() { HasText = title });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertFitsAsync(page, $"/command-centre at {width}");
        await page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("ol.timeline li")).Not.ToHaveCountAsync(0);
        var lead = await dialog.GetByLabel("牵头部门", new() { Exact = true }).Locator("option:checked").InnerTextAsync();
        await AssertFitsAsync(page, $"/command-centre case dialog at {width}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "指派", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(row).ToContainTextAsync(lead);
        await Browser.ScreenshotAsync(page, $"board-dispatches-{width}");
    }

    [TestCase(390, 844, true)]
    public async Task The_department_handler_accepts_and_resolves_a_case(int width, int height, bool phone)
    {
        var staff = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/staff/{DepartmentHandler}");
        var department = staff.GetProperty("person").GetProperty("departmentId").GetString()!;
        var (id, title) = await FileAsync("livelihood", "III", "独居老人房屋漏雨");
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "village", "the case to reach the village");
        await PostOkAsync($"/dispatch/assignments/{id}/pull-up", new { reason = "需县民政局统筹救助" });
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "county", "the case to reach the county");
        await PostOkAsync($"/dispatch/assignments/{id}/departments", new { lead = department, coHandlers = Array.Empty<object>() });
        await WaitForAsync(id, i => i.GetProperty("leadDepartmentCode").GetString() == department, "the department to be called in");

        var page = await Browser.OpenAsync($"department-{width}", width, height, phone);
        await SignInAsync(page, DepartmentHandler, "/department");
        var waiting = page.Locator("[data-bucket='to-accept'] article.task", new() { HasText = title });
        await Expect(waiting).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await AssertFitsAsync(page, $"/department at {width}");
        await waiting.Locator("[data-action='accept']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已签收");
        var inHand = page.Locator("[data-bucket='in-progress'] article.task", new() { HasText = title });
        await inHand.Locator("[data-action='resolve']").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("处理结果").FillAsync("屋顶已修缮");
        await AssertFitsAsync(page, $"/department resolve dialog at {width}");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已办结");
        await Expect(page.Locator($"article.task[data-incident='{id}']")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(page, $"department-resolves-{width}");
    }

    [TestCase(390, 844, true)]
    [TestCase(1920, 1080, false)]
    public async Task The_county_drills_down_to_a_grid_and_opens_a_case(int width, int height, bool phone)
    {
        var (_, title) = await FileAsync("environment", "III", "垃圾清运不及时");
        var page = await Browser.OpenAsync($"county-{width}", width, height, phone);
        await SignInAsync(page, CountySupervisor, "/county");
        await Expect(page.Locator("table.children tbody tr")).Not.ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await AssertFitsAsync(page, $"/county at {width}");
        foreach (var (code, level) in new[] { (Demo.Township, "township"), (Demo.Village, "village"), (Demo.Grid, "grid") })
        {
            await page.Locator($"table.children [data-drill='{code}']").ClickAsync();
            await Expect(page.Locator(".crumbs [aria-current]")).ToHaveCountAsync(1);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"unit={code}(&|$)"));
            await Expect(page.Locator("body")).Not.ToContainTextAsync("加载中…", new() { Timeout = 20_000 });
            await AssertFitsAsync(page, $"/county at {width}, a {level}");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("ol.timeline li")).Not.ToHaveCountAsync(0);
        await AssertFitsAsync(page, $"/county case dialog at {width}");
        await Browser.ScreenshotAsync(page, $"county-drills-{width}");
    }

    /// <summary>No sideways scrolling, nothing past the window's edges, and axe finds nothing serious at this size. The
    /// window's width is the one asked for: a phone's browser widens its layout to content that overflows, so
    /// window.innerWidth would grow with the fault it should show.</summary>
    private static async Task AssertFitsAsync(IPage page, string where)
    {
        var width = page.ViewportSize!.Width;
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(width),
            $"{where}: the page scrolls sideways");
        Assert.That(await page.EvaluateAsync<string[]>(CutOff, width), Is.Empty, $"{where}: cut off at the window's edge");
        await Axe.CheckAsync(page, where);
    }

    private async Task<(Guid Id, string Title)> FileAsync(string category, string grade, string title)
    {
        title = $"{title} {Guid.NewGuid().ToString()[..4]}";
        var response = await Env.Host.Http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Courtyard, category, grade, title, description = title });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), title);
    }

    private Task WaitForAsync(Guid id, Func<JsonElement, bool> done, string what) =>
        Eventually.GetAsync(async () => (JsonElement?)await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"),
            i => done(i!.Value), TimeSpan.FromSeconds(20), what);

    private async Task PostOkAsync(string path, object body)
    {
        var response = await Env.Host.Http.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
