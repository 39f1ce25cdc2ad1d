using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// 回访 in Chromium, on a phone: a hotline case is resolved, the demo outbox (the standalone gateway) holds the
/// text, the county administrator sees its link in 测试短信箱, and the resident opens the link without signing
/// in, reads what was done and answers 满意 with a comment that carries markup — shown and stored as text. The
/// spent link then says so.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReturnVisitPageTests : BrowserFixture
{
    private const string Payload = "<img src=x onerror=alert(1)>谢谢";
    private const string Administrator = "county-administrator-" + Demo.County;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private async Task<Guid> FileAndResolveAsync()
    {
        var http = Env.Host.Http;
        var issued = await http.PostAsJsonAsync("/open311/admin/clients", new { name = $"12345 {Guid.NewGuid():N}"[..20] });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var key = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        var filed = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = "楼上漏水多次协商未果", ["phone"] = "13912345678",
        }));
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = Guid.Parse((await filed.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
        await Eventually.GetAsync(() => Env.Host.IncidentAsync(id), i => i?.Status == "assigned", Limit, "the case routed");
        var holder = TestTokens.Bearer("vh-return-visit-page", Roles.VillageHandler, Demo.Village);
        Assert.That((await http.PostAsJsonAsync($"/incidents/{id}/accept", new { }, holder)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var resolved = await http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "已维修防水层，双方签字确认" }, holder);
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
        return id;
    }

    [Test]
    public async Task The_resident_opens_his_link_on_a_phone_and_his_answer_closes_the_case()
    {
        var id = await FileAndResolveAsync();
        var outbox = await Eventually.GetAsync(() => Env.Host.Http.GetFromJsonAsync<JsonElement>("/incidents/admin/sms-outbox"),
            o => o.GetProperty("messages").GetArrayLength() > 0, Limit, "the text in the demo outbox");
        var text = outbox.GetProperty("messages")[0];
        Assert.That(text.GetProperty("phoneMasked").GetString(), Is.EqualTo("139****5678"));
        var link = text.GetProperty("templateParam").GetProperty("link").GetString()!;
        var token = link[(link.IndexOf('#') + 1)..];

        // The county administrator finds the link in 测试短信箱.
        var admin = await Browser.OpenAsync("admin", 1280, 900);
        await SignInAsync(admin, Administrator, "/county");
        // The dashboard shows residents' satisfaction (群众满意率) apart from what staff recorded.
        await Expect(admin.Locator("[data-figure='satisfaction'] .label")).ToHaveTextAsync("群众满意率");
        await Expect(admin.Locator("[data-figure='staff-satisfaction'] .label")).ToHaveTextAsync("工作人员记录满意率");
        await admin.Locator("[data-admin='sms-outbox']").ClickAsync();
        await Expect(admin.Locator("a[data-sms-link]").First).ToHaveTextAsync(link);

        var phone = await Browser.OpenAsync("resident", 390, 844, phone: true);
        await phone.GotoAsync("/return-visit#" + token);
        await Expect(phone.Locator("[data-field='category']")).ToHaveTextAsync("矛盾纠纷");
        await Expect(phone.Locator("[data-field='note']")).ToHaveTextAsync("已维修防水层，双方签字确认");
        await Expect(phone.Locator("main")).Not.ToContainTextAsync("5678");
        await Axe.CheckAsync(phone, "/return-visit");
        await phone.GetByLabel("满意", new() { Exact = true }).CheckAsync();
        await phone.Locator("textarea[name='comment']").FillAsync(Payload);
        await Browser.ScreenshotAsync(phone, "return-visit-answer");
        await phone.Locator("form.answer button[type='submit']").ClickAsync();
        await Expect(phone.Locator("[data-answered='closed']")).ToBeVisibleAsync();
        await Axe.CheckAsync(phone, "/return-visit, answered");

        var incident = (await Env.Host.IncidentAsync(id))!;
        Assert.That(incident.Status, Is.EqualTo("closed"));
        Assert.That(incident.Timeline.Single(e => e.Actor == "resident:return-visit").Reason, Is.EqualTo("群众回访：满意；" + Payload));

        // The spent link says so; the comment shows as text on the case's timeline for staff.
        var again = await Browser.OpenAsync("resident-again", 390, 844, phone: true);
        await again.GotoAsync("/return-visit#" + token);
        await Expect(again.Locator("[role='alert']")).ToContainTextAsync("已评价");
        Assert.That(await again.Locator("img[src='x']").CountAsync(), Is.Zero);
        // Chromium logs every 4xx answer as a console error; this 410 is the answer the test asked for.
        lock (Browser.Errors) Browser.Errors.RemoveAll(e => e.StartsWith("[resident-again]", StringComparison.Ordinal) && e.Contains("status of 410", StringComparison.Ordinal));
    }
}
