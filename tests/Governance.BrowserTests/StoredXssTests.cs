using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// Stored XSS, kept closed (issue 13): markup is planted through the API in every text people type —
/// unit names from the county down to the courtyard, staff names, a department's names, a case's title,
/// description, progress note, resolve note, the reasons of a move-up request and its decline, an urge,
/// a send-back and a regrade, a verification comment, a mediation's mediators, parties and agreement, a
/// care subject's name and notes and a visit's findings, an Open311 request's description and address,
/// a notice rule's name — then every page (and the county's settings: policy preview, notice rules and deliveries, units and staff; the township's mediation sessions and units and staff; a grid's
/// filtered case list and a 交办单 printed from the county's case dialog) is opened in Chromium by the people who see it, with case
/// dialogs and map hovers. No dialog may fire, no planted element may exist, and the text shows as text.
/// (Inline handlers are blocked by the CSP as well; a blocked one would be a console error, which fails
/// the test too: the DOM check is what proves the pages build no HTML from data.)
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StoredXssTests : BrowserFixture
{
    private const string Payload = "<img src=x onerror=alert(1)><script>alert(2)</script>\"><svg onload=alert(3)>";
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;
    private const string VillageHandler = "village-handler-" + Demo.Village;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;
    private const string DepartmentHandler = "department-handler-" + Demo.County + "-civil-affairs";
    private const string Supervisor = "county-supervisor-" + Demo.County;
    private const string Administrator = "county-administrator-" + Demo.County;

    /// <summary>What was planted where, for the report of a failure.</summary>
    private readonly List<string> _planted = [];

    private static string Marked(string what) => $"{Payload}{what}";

    [OneTimeSetUp]
    public async Task PlantAsync()
    {
        var http = Env.Host.Http; // a county officer holding every role (TestTokens.OfficerRoles)

        foreach (var (code, what) in new[] { (Demo.County, "县"), (Demo.Township, "镇"), (Demo.Village, "村"), (Demo.Grid, "网格"), (Demo.Courtyard, "院") })
            await MustAsync($"unit name {code}", http.PatchAsJsonAsync($"/grids/units/{code}", new { name = Marked(what) }));
        foreach (var person in new[] { GridWorker, VillageHandler, Dispatcher, DepartmentHandler, Supervisor, Administrator })
            await MustAsync($"staff name {person}", http.PatchAsJsonAsync($"/grids/staff/{person}", new { name = Marked("某人") }));
        await MustAsync("department names", http.PostAsJsonAsync("/grids/departments",
            new { unitCode = Demo.County, nameZh = Marked("局"), nameEn = Marked("Bureau"), categories = new[] { "other" } }));

        var worker = TestTokens.Bearer(GridWorker, Roles.GridWorkerFullTime, Demo.Grid);
        var subject = await MustAsync("care subject name and notes", http.PostAsJsonAsync("/grids/care/subjects", new
        {
            kind = "elderly-alone", name = Marked("老人"), courtyardCode = Demo.Courtyard, gridWorkerId = GridWorker, notes = Marked("备注"),
        }, worker));
        await MustAsync("care visit findings", http.PostAsJsonAsync($"/grids/care/subjects/{subject.GetProperty("id").GetString()}/visits",
            new { findings = Marked("走访") }, worker));

        // A case that stays open at the courtyard with every kind of text on its timeline.
        var open = await FileAsync("other", "IV");
        await MustAsync("accept", http.PostAsJsonAsync($"/incidents/{open}/accept", new { }));
        await MustAsync("progress note", http.PostAsJsonAsync($"/incidents/{open}/notes", new { text = Marked("反馈") }));
        await MustAsync("move-up request reason", http.PostAsJsonAsync($"/incidents/{open}/escalation-requests", new { reason = Marked("提请") }));
        await MustAsync("move-up decline reason", http.PostAsJsonAsync($"/incidents/{open}/escalation-requests/decision",
            new { approve = false, reason = Marked("退回提请") }));
        await MustAsync("urge note", http.PostAsJsonAsync($"/dispatch/assignments/{open}/urge", new { note = Marked("催办") }));

        // One resolved and verified: the resolve note and the verification comment.
        var verified = await FileAsync("facilities", "IV");
        await MustAsync("accept", http.PostAsJsonAsync($"/incidents/{verified}/accept", new { }));
        await MustAsync("resolve note", http.PostAsJsonAsync($"/incidents/{verified}/resolve", new { note = Marked("办结") }));
        await MustAsync("verification comment", http.PostAsJsonAsync($"/incidents/{verified}/verification",
            new { result = "solved", satisfaction = "satisfied", comment = Marked("核查") }, TestTokens.Verifier("xss-verifier")));

        // One regraded up to the village tier, one (major, at the county) sent back, one mediated.
        var regraded = await FileAsync("livelihood", "IV");
        await MustAsync("regrade reason", http.PostAsJsonAsync($"/incidents/{regraded}/grade", new { grade = "III", reason = Marked("改级") }));
        var major = await FileAsync("work-safety", "II");
        await MustAsync("send-back reason", http.PostAsJsonAsync($"/dispatch/assignments/{major}/send-back", new { reason = Marked("退回") }));
        var dispute = await FileAsync("dispute", "III");
        await WaitAsync(dispute, i => i.GetProperty("tier").GetString() == "village", "the dispute to reach the village");
        var session = await MustAsync("mediators and parties", http.PostAsJsonAsync($"/incidents/{dispute}/mediations", new
        {
            mediators = new[] { Marked("调解员") }, parties = new[] { Marked("当事人") }, scheduledAt = DateTimeOffset.UtcNow.AddDays(1),
        }));
        await MustAsync("mediation agreement", http.PostAsJsonAsync($"/incidents/{dispute}/mediations/{session.GetProperty("id").GetString()}/outcome",
            new { reached = true, agreement = Marked("协议") }));

        await MustAsync("Open311 description and address", http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "other", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = Marked("市民诉求"), ["address_string"] = Marked("地址"), ["lat"] = "30.52", ["long"] = "108.02",
        })));
        await MustAsync("notice rule name", http.PostAsJsonAsync("/dispatch/notices/subscriptions", new
        {
            name = Marked("通知规则"), events = new[] { "routed" }, channel = "webhook", url = "https://notice.example.cn/hook",
        }));
        TestContext.Out.WriteLine($"planted: {string.Join("; ", _planted)}");
    }

    /// <summary>(page, account, where he lands): every page family, as the people who see it.</summary>
    private static IEnumerable<TestCaseData> Pages() =>
    [
        new TestCaseData(GridWorker, "/worker").SetArgDisplayNames("worker"),
        new TestCaseData(VillageHandler, "/village").SetArgDisplayNames("village"),
        new TestCaseData(Dispatcher, "/command-centre").SetArgDisplayNames("command-centre"),
        new TestCaseData(DepartmentHandler, "/department").SetArgDisplayNames("department"),
        new TestCaseData(Supervisor, "/county").SetArgDisplayNames("county (supervisor)"),
        new TestCaseData(Administrator, "/county").SetArgDisplayNames("county (administrator)"),
    ];

    [TestCaseSource(nameof(Pages))]
    public async Task Planted_markup_stays_text_on_the_page_its_dialogs_and_its_charts(string account, string path)
    {
        var page = await Browser.OpenAsync(path.Trim('/'), 1440, 1000);
        page.Context.SetDefaultTimeout(30_000); // the first page of the run also waits for the Host's first answers
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs) dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        // The sign-in page lists the accounts by their (planted) names.
        await page.GotoAsync("/");
        await Expect(page.Locator($"[data-account='{account}']")).ToContainTextAsync(Marked("某人"));
        await AssertInertAsync(page, dialogs, "/signin");
        await SignInAsync(page, account, path);
        // Everyone's header names him: the planted name, as text.
        await Expect(page.Locator("header.top")).ToContainTextAsync(Marked("某人"));
        await SettledAsync(page);
        await AssertInertAsync(page, dialogs, path);

        // Each case's details (timeline, notes, reasons, mediation), one after the other.
        // (A work list's 详情 button; a board's queue row opens with its title.)
        var details = page.GetByRole(AriaRole.Button, new() { Name = "详情" }).Or(page.Locator("tr[data-incident] button.link"));
        var opened = 0;
        // A board draws its rows after each case's details came, and the planted cases reach the village and
        // the township as Dispatch's messages arrive: wait for the first one where cases are expected.
        if (path is "/worker" or "/village" or "/command-centre") await Expect(details.First).ToBeVisibleAsync();
        for (var i = 0; i < Math.Min(await details.CountAsync(), 6); i++)
        {
            await details.Nth(i).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            await SettledAsync(page);
            await AssertInertAsync(page, dialogs, $"{path} case details {i + 1}");
            await dialog.Locator("button.icon").First.ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);
            opened++;
        }
        if (path is "/worker" or "/village" or "/command-centre") Assert.That(opened, Is.GreaterThan(0), "the planted cases' dialogs were opened");
        // Chart and map hovers: their tooltips are built from names.
        var shapes = page.Locator(".chart svg path");
        if (path == "/county") await Expect(page.Locator(".chart.map svg path").First).ToBeVisibleAsync(); // drawn after its data came
        if (await page.Locator(".chart.map").CountAsync() > 0) await page.Locator(".chart.map").ScrollIntoViewIfNeededAsync();
        var hovered = 0;
        for (var i = 0; i < Math.Min(await shapes.CountAsync(), 200) && hovered < 12; i++)
        {
            try
            {
                await shapes.Nth(i).HoverAsync(new() { Force = true, Timeout = 2_000 });
            }
            catch (PlaywrightException) // a shape outside the viewport (a thin border, a clipped edge): the next one
            {
                continue;
            }
            hovered++;
            await AssertInertAsync(page, dialogs, $"{path} chart hover {i + 1}");
        }
        if (path == "/county") Assert.That(hovered, Is.GreaterThan(0), "the county's map and charts were hovered");
        if (path == "/command-centre")
        {
            // The glance's map of open cases: each dot's tooltip is its case's title (the Open311 call has a location).
            var dots = page.Locator(".chart.glance-map svg path.map-spot");
            await Expect(dots.First).ToBeVisibleAsync();
            for (var i = 0; i < await dots.CountAsync(); i++)
            {
                await dots.Nth(i).HoverAsync(new() { Force = true });
                hovered++;
                await AssertInertAsync(page, dialogs, $"{path} glance dot {i + 1}");
            }
            await Expect(page.Locator(".chart-tip").Last).ToContainTextAsync("<img src=x");
        }
        TestContext.Out.WriteLine($"{path} as {account}: {opened} case dialogs, {hovered} chart shapes hovered");
        Assert.That(await page.EvaluateAsync<bool>($"() => document.body.innerText.includes({JsonSerializer.Serialize(Payload)})"), Is.True,
            "the planted text is shown as text");
    }

    /// <summary>The county's settings (#17 item 3) show user text too: the preview names the unit a sample case goes to,
    /// the notice rules and their deliveries name the rule, its edit dialog carries the name in its title.</summary>
    [Test]
    public async Task Planted_markup_stays_text_on_the_settings_pages()
    {
        // A case routed after the rule was planted: the rule's delivery lists its (planted) name.
        await FileAsync("other", "IV");
        await Eventually.GetAsync(async () => await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>("/dispatch/notices/deliveries"),
            d => d!.Any(x => x.GetProperty("subscriptionName").GetString() == Marked("通知规则")), TimeSpan.FromSeconds(30), "the planted rule's delivery");
        var page = await Browser.OpenAsync("settings", 1440, 1000);
        page.Context.SetDefaultTimeout(30_000);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs) dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await SignInAsync(page, Administrator, "/county");
        await page.Locator("[role=tab][data-tab='settings']").ClickAsync();
        var preview = page.Locator("form.preview");
        await preview.Locator("input[name='unitCode']").FillAsync(Demo.Courtyard);
        await preview.Locator("select[name='category']").SelectOptionAsync("other");
        await preview.Locator("select[name='grade']").SelectOptionAsync("IV");
        await preview.Locator("[data-action='preview']").ClickAsync();
        await Expect(page.Locator("[data-preview-where]")).ToContainTextAsync(Marked("院"));
        await AssertInertAsync(page, dialogs, "settings: policy preview");

        await page.Locator("[role=tab][data-tab='notices']").ClickAsync();
        await page.Locator("[data-settings='notice-deliveries'] select[name='status']").SelectOptionAsync("");
        var rule = page.Locator("[data-settings='notice-rules'] tr", new() { HasText = Marked("通知规则") });
        await Expect(rule).ToBeVisibleAsync();
        await Expect(page.Locator("[data-settings='notice-deliveries'] tr", new() { HasText = Marked("通知规则") }).First).ToBeVisibleAsync();
        await SettledAsync(page);
        await AssertInertAsync(page, dialogs, "settings: notice rules and deliveries");
        await rule.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync(Marked("通知规则"));
        await AssertInertAsync(page, dialogs, "settings: notice rule dialog");
        await page.GetByRole(AriaRole.Dialog).Locator("button.icon").ClickAsync();

        await page.Locator("[role=tab][data-tab='open311']").ClickAsync();
        await SettledAsync(page);
        await AssertInertAsync(page, dialogs, "settings: Open311 clients");
        await page.Locator("[role=tab][data-tab='calendar']").ClickAsync();
        await SettledAsync(page);
        await AssertInertAsync(page, dialogs, "settings: calendar");
        // 单位与人员: the units below and the staff, by their planted names.
        await page.Locator("[role=tab][data-tab='directory']").ClickAsync();
        await Expect(page.Locator("[data-settings='directory'] table.staff")).ToContainTextAsync(Marked("某人"));
        await Expect(page.Locator("[data-settings='directory'] table.units-below")).ToContainTextAsync(Marked("镇"));
        await AssertInertAsync(page, dialogs, "settings: units and staff");
        Assert.That(await page.EvaluateAsync<bool>($"() => document.body.innerText.includes({JsonSerializer.Serialize(Payload)})"), Is.True,
            "the planted text is shown as text");
    }

    /// <summary>The township command centre's 调解安排 (mediators, parties, agreement) and 单位与人员 (units and staff).</summary>
    [Test]
    public async Task Planted_markup_stays_text_on_the_township_mediation_and_directory_tabs()
    {
        var page = await Browser.OpenAsync("board-tabs", 1440, 1000);
        page.Context.SetDefaultTimeout(30_000);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs) dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await SignInAsync(page, Dispatcher, "/command-centre");
        await page.Locator("[role=tab][data-tab='mediations']").ClickAsync();
        var sessions = page.Locator("[data-section='mediations'] table.mediations");
        await Expect(sessions).ToContainTextAsync(Marked("调解员"));
        await Expect(sessions).ToContainTextAsync(Marked("当事人"));
        await Expect(sessions).ToContainTextAsync(Marked("协议"));
        await Expect(sessions).ToContainTextAsync(Marked("标题"));
        await AssertInertAsync(page, dialogs, "command-centre: mediation sessions");
        await page.Locator("[role=tab][data-tab='directory']").ClickAsync();
        await Expect(page.Locator("[data-settings='directory'] table.staff")).ToContainTextAsync(Marked("某人"));
        await Expect(page.Locator("[data-settings='directory'] table.units-below")).ToContainTextAsync(Marked("村"));
        await AssertInertAsync(page, dialogs, "command-centre: units and staff");
    }

    /// <summary>The county drilled to a grid: its cases under the case lists' filter bar (the places offered are its planted
    /// courtyards), a case's dialog and the 交办单 printed from it; and the case search narrowed by the planted title.</summary>
    [Test]
    public async Task Planted_markup_stays_text_on_a_grids_case_list_its_filters_and_its_dispatch_sheet()
    {
        var page = await Browser.OpenAsync("grid-cases", 1440, 1000);
        page.Context.SetDefaultTimeout(30_000);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs) dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        await SignInAsync(page, Supervisor, "/county");
        foreach (var code in new[] { Demo.Township, Demo.Village, Demo.Grid })
        {
            await page.Locator($"table.children [data-drill='{code}']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"unit={code}(&|$)"));
        }
        var cases = page.Locator("[data-section='grid-cases']");
        await Expect(cases.Locator($"select[name='unitCode'] option[value='{Demo.Courtyard}']")).ToHaveTextAsync(Marked("院"));
        await cases.Locator("select[name='unitCode']").SelectOptionAsync(Demo.Courtyard);
        await cases.Locator("input[name='q']").FillAsync("标题");
        await cases.Locator("input[name='q']").PressAsync("Enter");
        var titles = cases.Locator("tr[data-incident] button.link");
        await Expect(titles.First).ToHaveTextAsync(Marked("标题"));
        await AssertInertAsync(page, dialogs, "county grid cases");
        await titles.First.ClickAsync();
        await page.EvaluateAsync("() => { window.print = () => {}; }");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "打印交办单" }).ClickAsync();
        await Expect(page.Locator(".dispatch-sheet table.sheet-facts")).ToContainTextAsync(Marked("标题"));
        await AssertInertAsync(page, dialogs, "county case dialog and dispatch sheet");
    }

    /// <summary>Nothing left loading (the live pages keep a stream open: the network is never idle).</summary>
    private static async Task SettledAsync(IPage page) =>
        await Expect(page.GetByText("加载中…")).ToHaveCountAsync(0, new() { Timeout = 20_000 });

    private static async Task AssertInertAsync(IPage page, List<string> dialogs, string where)
    {
        var injected = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload], script:not([src])')]
              .map(e => e.outerHTML.slice(0, 80))
            """);
        Assert.Multiple(() =>
        {
            Assert.That(injected, Is.Empty, $"{where}: elements built from planted markup");
            lock (dialogs) Assert.That(dialogs, Is.Empty, $"{where}: script ran");
        });
    }

    private async Task<JsonElement> MustAsync(string what, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.InRange(200, 299), $"planting {what}: {body}");
        _planted.Add(what);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Files a case at the demo courtyard with the payload in its title and description; waits until it is routed.</summary>
    private async Task<Guid> FileAsync(string category, string grade)
    {
        var filed = await MustAsync("case title and description", Env.Host.Http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category, grade, title = Marked("标题"), description = Marked("描述"),
        }));
        var id = filed.GetProperty("id").GetGuid();
        await WaitAsync(id, i => i.GetProperty("status").GetString() == "assigned", "routing");
        return id;
    }

    private async Task WaitAsync(Guid id, Func<JsonElement, bool> condition, string what) =>
        await Eventually.GetAsync(async () => await Env.Host.Http.GetFromJsonAsync<JsonElement?>($"/incidents/{id}"), i => condition(i!.Value),
            TimeSpan.FromSeconds(30), what);
}
