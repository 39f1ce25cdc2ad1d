using System.Net;
using System.Net.Http.Json;
using Governance.BrowserTests.Support;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// 包案 on the county page (issue #16): a county supervisor's 我包案的 tab lists the case he took in hand, named as
/// his; once the case is verified its card offers 签字办结, and signing it off from the page closes the case.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class InHandPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    [Test]
    public async Task A_county_supervisor_signs_off_the_case_he_took_in_hand_from_his_tab()
    {
        var supervisor = TestTokens.Bearer(CountySupervisor, Roles.CountySupervisor, Demo.County);
        var filed = await Env.Host.FileAsync(Demo.Courtyard, "dispute", "IV", "<i>楼道堆物</i>纠纷");
        var id = filed.Id;
        await Eventually.GetAsync(() => Env.Host.IncidentAsync(id), i => i?.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        using (var taken = await Env.Host.Http.PostAsJsonAsync($"/incidents/{id}/in-hand", new { instructions = "一周内化解" }, supervisor))
            Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.OK), await taken.Content.ReadAsStringAsync());

        var page = await Browser.OpenAsync("county-in-hand", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        await page.Locator("[data-tab='in-hand']").ClickAsync();
        var card = page.Locator($"article[data-incident='{id}']");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(card.Locator("h3")).ToContainTextAsync("<i>楼道堆物</i>纠纷"); // text, never markup
        await Expect(card.Locator(".tag", new() { HasText = "包案" })).ToHaveCountAsync(1);
        await Expect(card.Locator("[data-action='sign-off']")).ToHaveCountAsync(0);

        using (var resolved = await Env.Host.Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "已清理" }, "test-officer"))
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
        using (var verified = await Env.Host.Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved" }, TestTokens.Verifier()))
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());

        await page.ReloadAsync();
        await page.Locator("[data-tab='in-hand']").ClickAsync();
        await Expect(card.Locator(".status")).ToHaveTextAsync("已核查，待领导签字", new() { Timeout = 20_000 });
        await card.Locator("[data-action='sign-off']").ClickAsync();
        await page.Locator("dialog textarea[name=note]").FillAsync("同意办结");
        await page.Locator("dialog button[type=submit]").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已签字，案件办结");
        await Expect(card).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.That((await Env.Host.IncidentAsync(id))!.Status, Is.EqualTo("closed"));
    }
}
