using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The county page's 系统设置 (#17 item 3): the administrator edits the routing policy (a bad deadline is named
/// next to its box), previews where a sample case goes under his draft, saves it; enters a 调休 day in the calendar's
/// year view; adds a notice rule (a bad URL named next to its box); issues and revokes an Open311 key. A county
/// supervisor reads the same settings without a way to change them.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SettingsPageTests : BrowserFixture
{
    private const string Administrator = "county-administrator-" + Demo.County;
    private const string Supervisor = "county-supervisor-" + Demo.County;

    private async Task<IPage> OpenSettingsAsync(string account, string name)
    {
        var page = await Browser.OpenAsync(name, 1440, 1000);
        await SignInAsync(page, account, "/county");
        await page.Locator("[role=tab][data-tab='settings']").ClickAsync();
        await Expect(page.Locator("[data-settings='policy'] table.policy-rules tbody tr").First).ToBeVisibleAsync();
        return page;
    }

    /// <summary>The browser logs the 400 the test provoked on purpose; any other error still fails the test.</summary>
    private void ForgetRefusal(string page, string path)
    {
        lock (Browser.Errors) Browser.Errors.RemoveAll(e => e.StartsWith($"[{page}]", StringComparison.Ordinal) && e.Contains("status of 400", StringComparison.Ordinal)
            && e.Contains(path + ":", StringComparison.Ordinal));
    }

    [Test]
    public async Task The_administrator_previews_a_draft_rule_is_told_which_field_is_wrong_and_saves_the_policy()
    {
        var before = (await Env.Host.Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        try
        {
            var page = await OpenSettingsAsync(Administrator, "settings-policy");
            var rows = page.Locator("[data-settings='policy'] table.policy-rules tbody tr");
            var count = await rows.CountAsync();
            await page.Locator("[data-action='add-rule']").ClickAsync();
            await Expect(rows).ToHaveCountAsync(count + 1);
            var added = rows.Last;
            await added.Locator($"select[name='rules[{count}].category']").SelectOptionAsync("facilities");
            await added.Locator($"select[name='rules[{count}].lowestTier']").SelectOptionAsync("township");

            // The preview runs the draft: a facilities case now starts at the township.
            var preview = page.Locator("form.preview");
            await preview.Locator("input[name='unitCode']").FillAsync(Demo.Courtyard);
            await preview.Locator("select[name='category']").SelectOptionAsync("facilities");
            await preview.Locator("select[name='grade']").SelectOptionAsync("IV");
            await preview.Locator("[data-action='preview']").ClickAsync();
            await Expect(page.Locator("[data-preview-where]")).ToContainTextAsync("乡镇/街道");
            await Expect(page.Locator("[data-preview]")).ToContainTextAsync($"{count + 1}");

            // A deadline beyond 366 days: the problem is shown next to that rule's deadline box.
            var deadline = added.Locator($"input[name='rules[{count}].deadline']");
            await deadline.FillAsync("400d");
            await deadline.DispatchEventAsync("change");
            await page.Locator("[data-action='save-policy']").ClickAsync();
            var error = page.Locator($"[data-error-for='rules[{count}].deadline']");
            await Expect(error).ToContainTextAsync("366d");
            Assert.That(await deadline.GetAttributeAsync("aria-invalid"), Is.EqualTo("true"));
            ForgetRefusal("settings-policy", "/dispatch/policy");
            await Browser.ScreenshotAsync(page, "settings-policy-error");

            await deadline.FillAsync("2d");
            await deadline.DispatchEventAsync("change");
            await page.Locator("[data-action='save-policy']").ClickAsync();
            var version = before["version"]!.GetValue<int>() + 1;
            await Expect(page.Locator("#policy-h")).ToContainTextAsync($"{version}");
            var stored = (await Env.Host.Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
            var rule = stored["rules"]!.AsArray().Last()!;
            Assert.That((rule["category"]?.GetValue<string>(), rule["lowestTier"]!.GetValue<string>(), rule["deadline"]?.GetValue<string>()),
                Is.EqualTo(("facilities", "township", "2d")));
            await Browser.ScreenshotAsync(page, "settings-policy");
        }
        finally
        {
            (await Env.Host.Http.PutAsJsonAsync("/dispatch/policy", before)).EnsureSuccessStatusCode();
        }
    }

    [Test]
    public async Task The_administrator_marks_a_make_up_working_day_in_the_year_view()
    {
        var page = await OpenSettingsAsync(Administrator, "settings-calendar");
        await page.Locator("[role=tab][data-tab='calendar']").ClickAsync();
        var year = await page.Locator("select[name='year']").InputValueAsync();
        // A Saturday early in October: 调休 working days fall on weekends.
        var saturday = Enumerable.Range(1, 7).Select(d => new DateOnly(int.Parse(year), 10, d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
        var day = page.Locator($"button.day[data-date='{saturday:yyyy-MM-dd}']");
        await day.ClickAsync(); // → holiday
        await day.ClickAsync(); // → make-up working day
        await Expect(day).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("workday"));
        await page.Locator("[data-action='save-calendar']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync($"{year} 年日历已保存");
        var years = (await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>("/dispatch/calendar"))!;
        var entered = years.Single(y => y.GetProperty("year").GetInt32() == int.Parse(year));
        Assert.That(entered.GetProperty("workdays").EnumerateArray().Select(d => d.GetString()), Does.Contain($"{saturday:yyyy-MM-dd}"));
        await Browser.ScreenshotAsync(page, "settings-calendar");
    }

    [Test]
    public async Task The_administrator_sets_the_repeat_place_threshold_and_is_told_when_it_is_out_of_range()
    {
        var page = await OpenSettingsAsync(Administrator, "settings-reports");
        await page.Locator("[role=tab][data-tab='reports']").ClickAsync();
        var section = page.Locator("[data-settings='reports']");
        var threshold = section.Locator("input[name='repeatPlaceThreshold']");
        await Expect(threshold).ToHaveValueAsync("3");
        await threshold.FillAsync("1");
        await section.Locator("[data-action='save-reports']").ClickAsync();
        await Expect(section.Locator("[data-error-for='repeatPlaceThreshold']")).ToContainTextAsync("须在 2 到 100 之间"); // in the page's language
        ForgetRefusal("settings-reports", "/incidents/settings/reports");

        await threshold.FillAsync("5");
        await section.Locator("[data-action='save-reports']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("报表设置已保存");
        await Expect(section.Locator("[data-error-for]")).ToHaveCountAsync(0);
        var stored = await Env.Host.Http.GetFromJsonAsync<JsonElement>("/incidents/settings/reports");
        Assert.That(stored.GetProperty("repeatPlaceThreshold").GetInt32(), Is.EqualTo(5));
        await Browser.ScreenshotAsync(page, "settings-reports");

        // The host is shared: the dashboard's other tests count on the default.
        await threshold.FillAsync("3");
        await section.Locator("[data-action='save-reports']").ClickAsync();
        await Eventually.GetAsync(async () => await Env.Host.Http.GetFromJsonAsync<JsonElement>("/incidents/settings/reports"),
            s => s.GetProperty("repeatPlaceThreshold").GetInt32() == 3, TimeSpan.FromSeconds(10), "the default again");
    }

    [Test]
    public async Task The_administrator_adds_a_notice_rule_and_issues_and_revokes_an_Open311_key()
    {
        var page = await OpenSettingsAsync(Administrator, "settings-notices");
        await page.Locator("[role=tab][data-tab='notices']").ClickAsync();
        await page.Locator("[data-action='add-subscription']").ClickAsync();
        var form = page.Locator("form[data-form='subscription']");
        await form.Locator("input[name='name']").FillAsync("龙白镇安全生产群");
        await form.Locator("input[name='url']").FillAsync("ftp://robot.example.cn/hook");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(form.Locator("[data-error-for='url']")).ToContainTextAsync("http");
        ForgetRefusal("settings-notices", "/dispatch/notices/subscriptions");
        await form.Locator("input[name='url']").FillAsync("https://robot.example.cn/hook?key=secret");
        await form.Locator("button[type=submit]").ClickAsync();
        var row = page.Locator("[data-settings='notice-rules'] tr", new() { HasText = "龙白镇安全生产群" });
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).Not.ToContainTextAsync("key=secret"); // the robot's key is masked
        await Expect(page.Locator("[data-settings='notice-deliveries'] h3")).ToBeVisibleAsync();

        await page.Locator("[role=tab][data-tab='open311']").ClickAsync();
        var issue = page.Locator("form[data-form='open311-client']");
        await issue.Locator("input[name='name']").FillAsync("区12345热线");
        await issue.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("code.api-key")).Not.ToBeEmptyAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var client = page.Locator("[data-settings='open311'] tr", new() { HasText = "区12345热线" });
        await client.Locator("[data-action='revoke']").ClickAsync();
        await Expect(client).ToContainTextAsync("已吊销");
        await Browser.ScreenshotAsync(page, "settings-open311");
    }

    [Test]
    public async Task A_county_supervisor_reads_the_settings_and_may_preview_but_not_change_them()
    {
        var page = await OpenSettingsAsync(Supervisor, "settings-supervisor");
        await Expect(page.Locator("[data-action='save-policy']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-action='add-rule']")).ToBeDisabledAsync();
        var preview = page.Locator("form.preview");
        await preview.Locator("input[name='unitCode']").FillAsync(Demo.Courtyard);
        await preview.Locator("select[name='category']").SelectOptionAsync("work-safety");
        await preview.Locator("select[name='grade']").SelectOptionAsync("II");
        await preview.Locator("[data-action='preview']").ClickAsync();
        await Expect(page.Locator("[data-preview-where]")).ToContainTextAsync("区县");

        await page.Locator("[role=tab][data-tab='calendar']").ClickAsync();
        await Expect(page.Locator("button.day").First).ToBeDisabledAsync();
        await Expect(page.Locator("[data-action='save-calendar']")).ToHaveCountAsync(0);
        await page.Locator("[role=tab][data-tab='notices']").ClickAsync();
        await Expect(page.Locator("[data-action='add-subscription']")).ToHaveCountAsync(0);
        await page.Locator("[role=tab][data-tab='open311']").ClickAsync();
        await Expect(page.Locator("form[data-form='open311-client']")).ToHaveCountAsync(0);
        await page.Locator("[role=tab][data-tab='reports']").ClickAsync();
        await Expect(page.Locator("input[name='repeatPlaceThreshold']")).ToBeDisabledAsync();
        await Expect(page.Locator("[data-action='save-reports']")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task The_administrator_registers_and_renames_a_person_at_a_township()
    {
        var page = await OpenSettingsAsync(Administrator, "settings-directory");
        await page.Locator("[role=tab][data-tab='directory']").ClickAsync();
        var section = page.Locator("[data-settings='directory']");
        await section.Locator($"tr[data-unit='{Demo.Township}'] button").ClickAsync();
        await Expect(section.Locator($"[data-directory-unit='{Demo.Township}']")).ToBeVisibleAsync();
        var add = section.Locator("form[data-form='add-staff']");
        await add.Locator("input[name='id']").FillAsync("settings-new-dispatcher");
        await add.Locator("input[name='name']").FillAsync("新来的调度员");
        await add.Locator("select[name='role']").SelectOptionAsync("township-dispatcher");
        await add.Locator("input[name='phone']").FillAsync("12");
        await add.Locator("button[type=submit]").ClickAsync();
        await Expect(add.Locator("[data-error-for='phone']")).ToBeVisibleAsync();
        ForgetRefusal("settings-directory", "/grids/staff");
        await add.Locator("input[name='phone']").FillAsync("13912345678");
        await add.Locator("button[type=submit]").ClickAsync();
        var row = section.Locator("tr[data-person='settings-new-dispatcher']");
        await Expect(row).ToContainTextAsync("新来的调度员");

        await row.GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[name='name']").FillAsync("调度员王五");
        await dialog.Locator("button[type=submit]").ClickAsync();
        await Expect(section.Locator("tr[data-person='settings-new-dispatcher']")).ToContainTextAsync("调度员王五");
        await Browser.ScreenshotAsync(page, "settings-directory");
    }

    [Test]
    public async Task A_township_dispatcher_registers_staff_below_his_township_but_not_at_it()
    {
        var page = await Browser.OpenAsync("board-directory", 1440, 1000);
        await SignInAsync(page, "township-dispatcher-" + Demo.Township, "/command-centre");
        await page.Locator("[role=tab][data-tab='directory']").ClickAsync();
        var section = page.Locator("[data-settings='directory']");
        await Expect(section.Locator($"[data-directory-unit='{Demo.Township}']")).ToBeVisibleAsync();
        await Expect(section.Locator("form[data-form='add-staff']")).ToHaveCountAsync(0);
        await Expect(section.Locator("form[data-form='add-unit']")).ToHaveCountAsync(0);
        await section.Locator($"tr[data-unit='{Demo.Village}'] button").ClickAsync();
        var add = section.Locator("form[data-form='add-staff']");
        await add.Locator("input[name='name']").FillAsync("乡贤老李");
        await add.Locator("select[name='role']").SelectOptionAsync("mediator");
        await add.Locator("button[type=submit]").ClickAsync();
        await Expect(section.Locator("table.staff")).ToContainTextAsync("乡贤老李");
        await Expect(section.Locator("form[data-form='rename-unit']")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_township_dispatcher_reads_the_mediation_sessions_of_his_township()
    {
        var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "dispute", grade = "III", title = "楼上漏水纠纷", description = "d" });
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.GetAsync(async () => await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"),
            i => i.GetProperty("tier").GetString() == "village", TimeSpan.FromSeconds(30), "routing to the village");
        var scheduled = await Env.Host.Http.PostAsJsonAsync($"/incidents/{id}/mediations",
            new { mediators = new[] { "乡贤老王" }, parties = new[] { "张三", "李四" }, scheduledAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.That((int)scheduled.StatusCode, Is.EqualTo(201), await scheduled.Content.ReadAsStringAsync());

        var page = await Browser.OpenAsync("board-mediations", 1440, 1000);
        await SignInAsync(page, "township-dispatcher-" + Demo.Township, "/command-centre");
        await page.Locator("[role=tab][data-tab='mediations']").ClickAsync();
        var row = page.Locator("[data-section='mediations'] tr", new() { HasText = "楼上漏水纠纷" });
        await Expect(row).ToContainTextAsync("乡贤老王");
        await Expect(row).ToContainTextAsync("待调解");
        await Browser.ScreenshotAsync(page, "board-mediations");
    }
}
