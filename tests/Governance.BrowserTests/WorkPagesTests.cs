using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// Every tier that holds cases works from its own page (issue 11): a village handler and a department
/// handler each take a case from 待签收 to 办结, and at every step the card shows exactly the buttons
/// the permission model allows that person (the case's allowedActions read as him), no more, no fewer.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WorkPagesTests : BrowserFixture
{
    private const string VillageHandler = "village-handler-" + Demo.Village;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;

    /// <summary>Codes that are no button: reading is the details button (the caller's number is shown in the
    /// details), 即知即办 happens while filing. 包案 and its sign-off are buttons like any other.</summary>
    private static readonly string[] NoButton = ["read", "read-caller", "settle-on-the-spot"];

    [Test]
    public async Task A_hotline_callers_number_is_masked_in_the_case_and_the_village_handler_who_holds_it_shows_and_calls_it()
    {
        var title = $"楼上卫生间漏水到楼下 {Guid.NewGuid().ToString()[..4]}";
        var filed = await Env.Host.Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = title, ["lat"] = "30.5183", ["long"] = "108.0267",
            ["first_name"] = "建国", ["last_name"] = "王", ["phone"] = "139 1234 5678",
        }));
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = Guid.Parse((await filed.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "village" && i.GetProperty("status").GetString() == "assigned",
            "the hotline case to wait at the village");

        var page = await Browser.OpenAsync("village-caller", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        var card = page.Locator("article.task", new() { HasText = title });
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = $"详情：{title}" }).ClickAsync();
        var details = page.GetByRole(AriaRole.Dialog);
        await Expect(details.Locator(".caller-card")).ToContainTextAsync("王** · 139******5678");
        await Expect(details).Not.ToContainTextAsync("1234");
        await details.GetByRole(AriaRole.Button, new() { Name = "显示联系电话", Exact = true }).ClickAsync();
        await Expect(details.Locator("a[href='tel:13912345678']")).ToContainTextAsync("拨打 139 1234 5678");
        await Browser.ScreenshotAsync(page, "village-caller");
    }

    [Test]
    public async Task A_village_handler_takes_a_case_from_to_accept_to_resolved_on_the_village_page()
    {
        // A significant (III) dispute starts on the village tier.
        var id = await FileAsync("dispute", "III", $"宅基地边界纠纷 {Guid.NewGuid().ToString()[..4]}", "两户因院墙位置发生争执");
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "village" && i.GetProperty("status").GetString() == "assigned",
            "the case to wait at the village");
        var title = (await CaseAsync(id)).GetProperty("title").GetString()!;

        var page = await Browser.OpenAsync("village", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        // Villages are not command centres.
        await Expect(page.Locator("main h1")).ToContainTextAsync("村（社区）工作台");
        await Expect(page.Locator("main h1")).Not.ToContainTextAsync("指挥中心");

        var waiting = page.Locator("[data-bucket='to-accept'] article.task", new() { HasText = title });
        await Expect(waiting).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var allowed = await AllowedForAsync(VillageHandler, id);
        Assert.That(allowed, Does.Contain("accept").And.Contain("resolve").And.Contain("request-move-up"),
            "the village holds the case: it accepts, resolves, and may ask the township to take it");
        Assert.That(allowed, Does.Not.Contain("send-back").And.Not.Contain("move-up").And.Not.Contain("pull-up"),
            "below the township a holder asks the tier above; he does not move a case himself");
        Assert.That(await ButtonsOfAsync(waiting), Is.EqualTo(allowed), "the card offers exactly what the model allows");
        await Browser.ScreenshotAsync(page, "village-to-accept");

        await waiting.Locator("[data-action='accept']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已签收");
        var inHand = page.Locator("[data-bucket='in-progress'] article.task", new() { HasText = title });
        await Expect(inHand).ToBeVisibleAsync();
        await Expect(inHand.Locator("[data-action='accept']")).ToHaveCountAsync(0);
        Assert.That(await ButtonsOfAsync(inHand), Is.EqualTo(await AllowedForAsync(VillageHandler, id)));

        // 反馈: a progress note.
        await inHand.Locator("[data-action='note']").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("进展情况").FillAsync("已约两户明早到村委会现场量界");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "反馈", Exact = true }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已反馈");
        await Expect(dialog).ToHaveCountAsync(0);

        // 办结, with a photo of the result.
        await inHand.Locator("[data-action='resolve']").ClickAsync();
        await dialog.GetByLabel("处理结果").FillAsync("现场量界，双方签字确认院墙位置");
        await dialog.GetByLabel("办结照片").SetInputFilesAsync(
            new FilePayload { Name = "agreement.png", MimeType = "image/png", Buffer = Images.GradientPng(800, 600) });
        await Browser.ScreenshotAsync(page, "village-resolve");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已办结");
        // Resolved, it is no longer his to do: someone who did not hold it verifies.
        await Expect(page.Locator($"article.task[data-incident='{id}']")).ToHaveCountAsync(0);

        var resolved = await CaseAsync(id);
        Assert.That(resolved.GetProperty("status").GetString(), Is.EqualTo("resolved"));
        Assert.That(resolved.GetProperty("resolvedBy").GetString(), Is.EqualTo(VillageHandler));
        var steps = resolved.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("actor").GetString() == VillageHandler).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(steps, Is.SupersetOf(new[] { "accepted", "note", "resolved" }), "each step is his, on the timeline");
        var photo = resolved.GetProperty("photos").EnumerateArray().Single();
        Assert.That(photo.GetProperty("uploadedBy").GetString(), Is.EqualTo(VillageHandler));
    }

    [Test]
    public async Task A_department_handler_checks_in_accepts_and_resolves_a_case_it_leads_on_the_department_page()
    {
        var account = await DemoAccountAsync("department-handler");
        var handler = account.GetProperty("userId").GetString()!;
        var departmentId = await DepartmentOfAsync(account);

        // A case on the county tier (pulled up from the village), with the handler's department called in as lead.
        var id = await FileAsync("livelihood", "III", $"独居老人房屋漏雨 {Guid.NewGuid().ToString()[..4]}", "村东独居老人住房屋顶漏雨，需要救助");
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "village", "the case to reach the village");
        await PostOkAsync($"/dispatch/assignments/{id}/pull-up", new { reason = "需县民政局统筹救助" });
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "county", "the case to reach the county");
        await PostOkAsync($"/dispatch/assignments/{id}/departments", new { lead = departmentId, coHandlers = Array.Empty<object>() });
        await WaitForAsync(id, i => i.GetProperty("leadDepartmentCode").GetString() == departmentId, "the department to be called in");
        var title = (await CaseAsync(id)).GetProperty("title").GetString()!;

        var page = await Browser.OpenAsync("department", 1280, 900);
        await SignInAsync(page, handler, "/department");
        await Expect(page.Locator("main h1")).ToContainTextAsync("部门工作台");

        var waiting = page.Locator("[data-bucket='to-accept'] article.task", new() { HasText = title });
        await Expect(waiting).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var allowed = await AllowedForAsync(handler, id);
        Assert.That(allowed, Does.Contain("accept").And.Contain("resolve").And.Contain("department-work"),
            "the lead department holds the case, and works on its part");
        Assert.That(allowed, Does.Not.Contain("pull-up").And.Not.Contain("supervise").And.Not.Contain("urge"),
            "a department handler is never above a case");
        Assert.That(await ButtonsOfAsync(waiting), Is.EqualTo(allowed), "the card offers exactly what the model allows");
        await Browser.ScreenshotAsync(page, "department-to-accept");

        // 报到, then 签收.
        await waiting.Locator("[data-action='department-work'][data-step='check-in']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已报到");
        await Expect(waiting.Locator("[data-step='check-in']")).ToHaveCountAsync(0);
        await waiting.Locator("[data-action='accept']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已签收");
        var inHand = page.Locator("[data-bucket='in-progress'] article.task", new() { HasText = title });
        await Expect(inHand).ToBeVisibleAsync();
        Assert.That(await ButtonsOfAsync(inHand), Is.EqualTo(await AllowedForAsync(handler, id)));

        // Feedback on the department's part, then 办结.
        await inHand.Locator("[data-action='department-work'][data-step='feedback']").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("反馈内容").FillAsync("已派人查看，明日维修屋顶");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "部门反馈", Exact = true }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已反馈");
        await inHand.Locator("[data-action='resolve']").ClickAsync();
        await dialog.GetByLabel("处理结果").FillAsync("屋顶已修缮，并落实临时救助金");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "办结", Exact = true }).ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已办结");
        await Expect(page.Locator($"[data-bucket='to-accept'] article.task[data-incident='{id}'], [data-bucket='in-progress'] article.task[data-incident='{id}']"))
            .ToHaveCountAsync(0);

        var resolved = await CaseAsync(id);
        Assert.That(resolved.GetProperty("status").GetString(), Is.EqualTo("resolved"));
        Assert.That(resolved.GetProperty("resolvedBy").GetString(), Is.EqualTo(handler));
        var steps = resolved.GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("actor").GetString() == handler).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.That(steps, Is.SupersetOf(new[] { "department-checked-in", "accepted", "department-feedback", "resolved" }), "each step is his, on the timeline");
    }

    [Test]
    public async Task A_request_to_move_up_waits_for_the_township_which_declines_it_with_a_reason()
    {
        var id = await FileAsync("dispute", "III", $"土地流转纠纷 {Guid.NewGuid().ToString()[..4]}", "承包地流转费用争议");
        await WaitForAsync(id, i => i.GetProperty("tier").GetString() == "village", "the case to reach the village");
        var title = (await CaseAsync(id)).GetProperty("title").GetString()!;

        // The village asks the township to take it (提请上级): the case stays until the township decides.
        var village = await Browser.OpenAsync("village", 1280, 900);
        await SignInAsync(village, VillageHandler, "/village");
        var card = village.Locator("article.task", new() { HasText = title });
        await card.Locator("[data-action='request-move-up']").ClickAsync();
        var dialog = village.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("理由").FillAsync("涉及跨村土地，村级无权处理");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "提请上级", Exact = true }).ClickAsync();
        await Expect(village.Locator(".toast")).ToContainTextAsync("已提请上级");
        await Expect(card.Locator("[data-action='request-move-up']")).ToHaveCountAsync(0);
        Assert.That((await CaseAsync(id)).GetProperty("tier").GetString(), Is.EqualTo("village"), "asking does not move the case");

        // The township sees the request in its work list and declines it, with a reason.
        var board = await Browser.OpenAsync("board", 1440, 900);
        await SignInAsync(board, Dispatcher, "/command-centre");
        await board.GetByRole(AriaRole.Tab, new() { Name = "我的待办" }).ClickAsync();
        var request = board.Locator("[data-bucket='move-up-requests'] article.task", new() { HasText = title });
        await Expect(request).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.That(await ButtonsOfAsync(request), Is.EqualTo(await AllowedForAsync(Dispatcher, id)));
        await request.Locator("[data-action='decide-move-up']").ClickAsync();
        var decide = board.GetByRole(AriaRole.Dialog);
        await Expect(decide).ToContainTextAsync("涉及跨村土地");
        await decide.GetByLabel("退回申请").CheckAsync();
        // Declining needs a reason: without one nothing is sent.
        await decide.GetByRole(AriaRole.Button, new() { Name = "审核提请", Exact = true }).ClickAsync();
        await Expect(decide.GetByLabel("退回理由（退回时必填）")).ToHaveAttributeAsync("aria-invalid", "true");
        await decide.GetByLabel("退回理由（退回时必填）").FillAsync("属村内承包合同纠纷，请村调委会先行调解");
        await Browser.ScreenshotAsync(board, "board-decline-request");
        await decide.GetByRole(AriaRole.Button, new() { Name = "审核提请", Exact = true }).ClickAsync();
        await Expect(board.Locator(".toast")).ToContainTextAsync("已退回申请");
        await Expect(request).ToHaveCountAsync(0);

        var after = await CaseAsync(id);
        Assert.That(after.GetProperty("tier").GetString(), Is.EqualTo("village"), "declined: the case stays with the village");
        var declined = after.GetProperty("timeline").EnumerateArray().Last(e => e.GetProperty("action").GetString() == "escalation-declined");
        Assert.That(declined.GetProperty("actor").GetString(), Is.EqualTo(Dispatcher));
        Assert.That(declined.GetProperty("reason").GetString(), Does.Contain("村调委会"));
        // The village sees it back on its list, and may ask again.
        await village.GetByRole(AriaRole.Button, new() { Name = "刷新" }).ClickAsync();
        await Expect(card.Locator("[data-action='request-move-up']")).ToHaveCountAsync(1);
    }

    [Test]
    public async Task The_county_administrator_reads_the_dashboard_and_the_settings_and_has_no_work_list()
    {
        var account = await DemoAccountAsync("county-administrator");
        var page = await Browser.OpenAsync("admin", 1440, 1000);
        await SignInAsync(page, account.GetProperty("userId").GetString()!, "/county");
        await Expect(page.Locator("[data-figure='filed']")).ToBeVisibleAsync();
        // He configures the system; he handles no case: his tabs are the dashboard, the case search (read-only) and the settings.
        await Expect(page.GetByRole(AriaRole.Tab)).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-tab='search']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-tab='settings']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-tab='work'], [data-tab='in-hand'], [data-tab='triage']")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "分级分类路由策略" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.Locator("pre.json")).ToContainTextAsync("\"rules\"");
        await Axe.CheckAsync(page, "/county, a setting as JSON");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByRole(AriaRole.Button, new() { Name = "审计日志校验（案件）" }).ClickAsync();
        await Expect(dialog.Locator("pre.json")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "county-administrator");
    }

    // ---- The API, as the test officer and as the people of the pages ----

    private async Task<Guid> FileAsync(string category, string grade, string title, string description)
    {
        var response = await Env.Host.Http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Courtyard, category, grade, title, description });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<JsonElement> CaseAsync(Guid id) => await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");

    private Task WaitForAsync(Guid id, Func<JsonElement, bool> done, string what) =>
        Eventually.GetAsync(async () => (JsonElement?)await CaseAsync(id), i => done(i!.Value), TimeSpan.FromSeconds(20), what);

    private async Task PostOkAsync(string path, object body)
    {
        var response = await Env.Host.Http.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The first demo account of a role, as the sign-in page lists it.</summary>
    private async Task<JsonElement> DemoAccountAsync(string role)
    {
        var accounts = await Env.Host.Http.GetFromJsonAsync<JsonElement>("/auth/demo-accounts");
        return accounts.EnumerateArray().First(a => a.GetProperty("role").GetString() == role);
    }

    /// <summary>The department of a department handler: on his demo account, else on his staff record.</summary>
    private async Task<string> DepartmentOfAsync(JsonElement account)
    {
        if (account.TryGetProperty("departmentId", out var department) && department.ValueKind == JsonValueKind.String) return department.GetString()!;
        var staff = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/staff/{account.GetProperty("userId").GetString()}");
        return staff.GetProperty("person").GetProperty("departmentId").GetString()!;
    }

    /// <summary>What the model lets this person do to the case now (its allowedActions read with his
    /// own sign-in), without the codes that are no button; sorted.</summary>
    private async Task<string[]> AllowedForAsync(string userId, Guid id)
    {
        var token = await Env.Host.Http.PostAsJsonAsync("/auth/dev-token", new { userId });
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Env.Host.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!)
            .Where(a => !NoButton.Contains(a)).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The actions a card offers (one code per action, though 报到 and feedback share one); sorted.</summary>
    private static async Task<string[]> ButtonsOfAsync(ILocator card) =>
        (await card.Locator("button[data-action]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.action)"))
        .Distinct().Order(StringComparer.Ordinal).ToArray();
}
