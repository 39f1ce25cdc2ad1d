using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Residents;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// 院落二维码 in Chromium, on a phone: the resident opens the link his courtyard's QR carries (read back from the
/// PNG), picks a category, describes the problem with markup in it, asks for a code (the demo outbox holds the
/// text), files, and opens his status link: the status and the steps, nothing of his description or phone; the
/// markup stays text for staff.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CourtyardPageTests : BrowserFixture
{
    private const string Payload = "<img src=x onerror=alert(1)>楼道灯坏了";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_resident_files_from_his_courtyards_code_and_follows_it_by_his_link()
    {
        var worker = TestTokens.Bearer("gw-courtyard-page", Roles.GridWorkerFullTime, Demo.Grid);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/courtyard-qr/courtyards/{Demo.Courtyard}/qr.png");
        request.Headers.Authorization = worker;
        var png = await Env.Host.Http.SendAsync(request);
        Assert.That(png.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var link = QrDecoding.FromPng(await png.Content.ReadAsByteArrayAsync())!;
        Assert.That(link, Does.Contain("/courtyard#" + Demo.Courtyard + "."));

        var phone = await Browser.OpenAsync("resident", 390, 844, phone: true);
        await phone.GotoAsync(link[link.IndexOf("/courtyard#", StringComparison.Ordinal)..]);
        await Expect(phone.Locator("[data-field='courtyard']")).Not.ToBeEmptyAsync();
        await Axe.CheckAsync(phone, "/courtyard");
        await phone.Locator("select[name='category']").SelectOptionAsync("facilities");
        await phone.Locator("textarea[name='description']").FillAsync(Payload);
        await phone.Locator("input[name='phone']").FillAsync("13912348765");
        await phone.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Expect(phone.Locator("form [role='status']")).ToHaveTextAsync("验证码已发送，请查看短信。");
        var outbox = await Env.Host.Http.GetFromJsonAsync<JsonElement>("/incidents/admin/sms-outbox");
        var code = outbox.GetProperty("messages").EnumerateArray()
            .First(m => m.GetProperty("templateParam").TryGetProperty("code", out _)).GetProperty("templateParam").GetProperty("code").GetString()!;
        await phone.Locator("input[name='code']").FillAsync(code);
        await Browser.ScreenshotAsync(phone, "courtyard-page");
        await phone.GetByRole(AriaRole.Button, new() { Name = "提交" }).ClickAsync();
        var status = phone.Locator("a[data-field='status-link']");
        await Expect(status).ToBeVisibleAsync();
        var statusLink = await status.TextContentAsync() ?? "";

        var again = await Browser.OpenAsync("resident-status", 390, 844, phone: true);
        await again.GotoAsync(statusLink[statusLink.IndexOf("/my-case#", StringComparison.Ordinal)..]);
        await Expect(again.Locator("[data-field='status']")).Not.ToBeEmptyAsync();
        await Expect(again.Locator("[data-step='filed']")).ToBeVisibleAsync();
        await Axe.CheckAsync(again, "/my-case");
        await Expect(again.Locator("main")).Not.ToContainTextAsync("8765");
        await Expect(again.Locator("main")).Not.ToContainTextAsync("楼道灯");
        Assert.That(await phone.Locator("img[src='x']").CountAsync() + await again.Locator("img[src='x']").CountAsync(), Is.Zero);

        // Staff read the description as he wrote it: text.
        var cases = await Eventually.GetAsync(() => Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Courtyard}"),
            list => list.EnumerateArray().Any(c => c.GetProperty("description").GetString() == Payload), Limit, "the case at the courtyard");
        var filed = cases.EnumerateArray().Single(c => c.GetProperty("description").GetString() == Payload);
        Assert.That(filed.GetProperty("title").GetString(), Does.Contain("居民扫码反映"));
    }

    [Test]
    public async Task The_grid_worker_prints_his_grids_sheet_of_courtyard_codes()
    {
        var page = await Browser.OpenAsync("worker-qr", 1280, 900);
        await SignInAsync(page, "grid-worker-full-time-" + Demo.Grid, "/worker");
        var sheet = await page.Context.RunAndWaitForPageAsync(() => page.Locator("[data-action='print-qr']").ClickAsync());
        await Expect(sheet.Locator("figure.card").First).ToBeVisibleAsync();
        Assert.That(await sheet.Locator("figure.card svg").CountAsync(), Is.EqualTo(await sheet.Locator("figure.card").CountAsync()));
        await Expect(sheet.Locator("h1")).ToContainTextAsync("院落二维码");
        await Axe.CheckAsync(sheet, "the courtyards' QR sheet");
        await Browser.ScreenshotAsync(sheet, "courtyard-qr-sheet");
    }
}
