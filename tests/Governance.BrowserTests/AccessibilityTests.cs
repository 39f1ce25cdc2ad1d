using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// axe-core on every page a person signs in to (issue #17 item 8), at the size its users use: each role's page,
/// every tab of it (and the tabs inside a tab, the county's 系统设置), and the first case dialog a list on it opens.
/// A test fails on any serious or critical violation and lists them all, page by page. The public pages (院落二维码,
/// the status link, 回访) are checked in their own tests, where their flows reach them.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AccessibilityTests : BrowserFixture
{
    /// <summary>What opens a case from a list: a work card's 详情, a queue row's title, a search result's title.</summary>
    private const string CaseOpeners =
        "article.task button[aria-label^='详情'], table.queue td button.link, [data-section='case-search'] td button.link";

    [OneTimeSetUp]
    public async Task FileCasesForTheListsAsync()
    {
        // One for the village's list (III at a courtyard), one for the township's board (a work-safety IV).
        await FileAsync("environment", "III", "垃圾清运不及时", "小区门口垃圾堆积三天");
        await FileAsync("work-safety", "IV", "仓库消防通道堵塞", "仓库后门消防通道被货物堵死");
    }

    [Test]
    public async Task The_sign_in_page()
    {
        var page = await Browser.OpenAsync("signin", 390, 844, phone: true);
        await page.GotoAsync("/signin");
        await Expect(page.Locator("[data-account]").First).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "/signin");
    }

    /// <summary>The check itself can fail (Support/Axe.cs runs axe-core in the page by hand): a form with an unlabelled
    /// field and a nameless button is reported rule by rule, naming each element; the same form mended passes.</summary>
    [Test]
    public async Task The_check_names_each_serious_finding_and_passes_the_page_once_mended()
    {
        const string broken = """
            <!doctype html><html lang="zh-CN"><head><title>表单</title></head><body><main><h1>表单</h1>
            <input id="phone"><button id="send"></button></main></body></html>
            """;
        const string mended = """
            <!doctype html><html lang="zh-CN"><head><title>表单</title></head><body><main><h1>表单</h1>
            <label for="phone">电话</label><input id="phone"><button id="send">发送</button></main></body></html>
            """;
        var page = await Browser.OpenAsync("axe-self-check", 1280, 900);
        await page.SetContentAsync(broken);
        var found = await Axe.ViolationsAsync(page, "broken");
        Assert.That(found, Has.Count.EqualTo(2), Axe.Report(found));
        Assert.That(found, Has.Some.StartsWith("[broken] label (critical) at #phone: "), Axe.Report(found));
        Assert.That(found, Has.Some.StartsWith("[broken] button-name (critical) at #send: "), Axe.Report(found));
        await page.SetContentAsync(mended);
        Assert.That(await Axe.ViolationsAsync(page, "mended"), Is.Empty);
    }

    // listsACase: the page lists one of the cases filed above, and its dialog is checked too. The county's roles share one page: the supervisor's tabs, the dispatcher's 待分拨, the administrator's 系统设置
    // (as he may change them: more controls than the supervisor's read-only view).
    [TestCase("grid-worker-full-time", "/worker", 390, 844, true, "", true)]
    [TestCase("village-handler", "/village", 1280, 900, false, "", true)]
    [TestCase("township-dispatcher", "/command-centre", 1920, 1080, false, "", true)]
    [TestCase("department-handler", "/department", 1280, 900, false, "", false)]
    [TestCase("county-supervisor", "/county", 1440, 1000, false, "dashboard,work,in-hand,search", true)]
    [TestCase("county-dispatcher", "/county", 1440, 1000, false, "triage", false)]
    [TestCase("county-administrator", "/county", 1440, 1000, false, "settings", false)]
    public async Task The_page_and_its_tabs_of(string role, string path, int width, int height, bool phone, string tabs, bool listsACase)
    {
        var account = await DemoAccountAsync(role);
        var page = await Browser.OpenAsync(role, width, height, phone);
        await SignInAsync(page, account, path);
        await SettledAsync(page);
        var visit = new Visit(page, tabs.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var tabList = page.Locator("main .tabs").First;
        if (await tabList.CountAsync() == 0) await visit.CheckHereAsync($"{path} as {role}");
        else await visit.TabsAsync(tabList, $"{path} as {role}", top: true);
        await Browser.ScreenshotAsync(page, $"a11y-{role}");
        Assert.That(visit.Found, Is.Empty, Axe.Report(visit.Found));
        Assert.That(visit.CaseOpened, Is.EqualTo(listsACase), "a case dialog was checked where a list shows the cases filed above");
    }

    /// <summary>One page's visit: what axe found on it so far, and whether a case was opened from a list yet.</summary>
    private sealed class Visit(IPage page, string[] onlyTabs)
    {
        public List<string> Found { get; } = [];
        public bool CaseOpened { get; private set; }

        /// <summary>Each tab of a tab list in turn (of the top list, those asked for); a tab holding tabs of its own is
        /// visited through those.</summary>
        public async Task TabsAsync(ILocator tabs, string where, bool top)
        {
            var keys = await tabs.Locator(":scope > [role=tablist] > [role=tab]").EvaluateAllAsync<string[]>("tabs => tabs.map(t => t.dataset.tab)");
            foreach (var key in keys.Where(k => !top || onlyTabs.Length == 0 || onlyTabs.Contains(k)))
            {
                await tabs.Locator($":scope > [role=tablist] > [data-tab='{key}']").ClickAsync();
                await SettledAsync(page);
                var inner = tabs.Locator(":scope > [role=tabpanel]:not([hidden]) .tabs");
                if (await inner.CountAsync() > 0) await TabsAsync(inner.First, $"{where} › {key}", top: false);
                else await CheckHereAsync($"{where} › {key}");
            }
        }

        /// <summary>axe on the page as shown; then, once per page, on the first case a list here opens.</summary>
        public async Task CheckHereAsync(string where)
        {
            Found.AddRange(await Axe.ViolationsAsync(page, where));
            if (CaseOpened) return;
            var opener = page.Locator(CaseOpeners).Filter(new() { Visible = true }).First;
            if (await opener.CountAsync() == 0) return;
            CaseOpened = true;
            await opener.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.Locator("ol.timeline li").First).ToBeVisibleAsync();
            await SettledAsync(page);
            Found.AddRange(await Axe.ViolationsAsync(page, $"{where} › case dialog"));
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
        }
    }

    /// <summary>Until nothing on the page says it is still loading.</summary>
    private static Task SettledAsync(IPage page) =>
        Expect(page.Locator("body")).Not.ToContainTextAsync("加载中…", new() { Timeout = 20_000 });

    private async Task FileAsync(string category, string grade, string title, string description)
    {
        var response = await Env.Host.Http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Courtyard, category, grade, title, description });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The first demo account of a role, as the sign-in page lists it.</summary>
    private async Task<string> DemoAccountAsync(string role)
    {
        var accounts = await Env.Host.Http.GetFromJsonAsync<JsonElement>("/auth/demo-accounts");
        return accounts.EnumerateArray().First(a => a.GetProperty("role").GetString() == role).GetProperty("userId").GetString()!;
    }
}
