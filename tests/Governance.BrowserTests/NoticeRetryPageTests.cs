using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// 推送记录 (#17 item 3): a notice whose robot cannot be reached is listed as failed, with its error, on the county's
/// settings; the administrator sends it again from the page. The Host gives a notice one attempt, so it fails at once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NoticeRetryPageTests : BrowserFixture
{
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Dispatch:Notices:MaxAttempts"] = "1", ["Dispatch:Notices:RetriesPerSend"] = "0",
        ["Dispatch:Notices:AllowLoopback"] = "true", // the robot that cannot be reached is on 127.0.0.1 (refused by default)
    };

    [Test]
    public async Task The_administrator_sends_a_failed_notice_again()
    {
        // Port 9 (discard) on this machine: nobody listens, the connection is refused.
        var rule = await Env.Host.Http.PostAsJsonAsync("/dispatch/notices/subscriptions", new
        {
            name = "无人接收的群", events = new[] { "routed" }, channel = "webhook", url = "http://127.0.0.1:9/hook",
        });
        Assert.That((int)rule.StatusCode, Is.EqualTo(201), await rule.Content.ReadAsStringAsync());
        var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "facilities", grade = "IV", title = "路灯不亮", description = "d" });
        Assert.That((int)filed.StatusCode, Is.EqualTo(201));
        await Eventually.GetAsync(async () => await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>("/dispatch/notices/deliveries?status=failed"),
            d => d!.Any(x => x.GetProperty("subscriptionName").GetString() == "无人接收的群"), TimeSpan.FromSeconds(60), "the notice to fail");

        var page = await Browser.OpenAsync("notice-retry", 1440, 1000);
        await SignInAsync(page, "county-administrator-" + Demo.County, "/county");
        await page.Locator("[role=tab][data-tab='settings']").ClickAsync();
        await page.Locator("[role=tab][data-tab='notices']").ClickAsync();
        var row = page.Locator("[data-settings='notice-deliveries'] tr[data-status='failed']", new() { HasText = "无人接收的群" }).First;
        await Expect(row).ToContainTextAsync("失败");
        await Browser.ScreenshotAsync(page, "notice-deliveries");
        await row.Locator("[data-action='retry']").ClickAsync();
        await Expect(page.Locator(".toast")).ToContainTextAsync("已重新排队发送");
    }
}
