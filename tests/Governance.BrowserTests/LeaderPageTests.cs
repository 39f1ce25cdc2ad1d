using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>下沉走访 on the command centre's page: the demo county's township committee member sees his 联系点 and
/// plan, records a visit whose finding he files on the spot, and the case is filed at a grid of the village,
/// reported by him (docs/leaders.md).</summary>
[TestFixture]
[NonParallelizable]
public sealed class LeaderPageTests : BrowserFixture
{
    private const string Leader = "township-dispatcher-" + Demo.Township;

    [Test]
    public async Task A_leader_records_a_visit_and_files_its_finding_on_the_spot()
    {
        var page = await Browser.OpenAsync("leader", 1280, 900);
        await SignInAsync(page, Leader, "/command-centre");
        await page.GetByRole(AriaRole.Tab, new() { Name = "下沉走访" }).ClickAsync();
        var card = page.Locator("section[aria-labelledby=leader-h]");
        await Expect(card).ToContainTextAsync("镇党委委员", new() { Timeout = 20_000 });
        await Expect(card.Locator($"li[data-unit='{Demo.Village}']")).ToContainTextAsync("尚未走访");

        await card.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        var dialog = page.Locator("dialog[open]");
        await dialog.GetByLabel("走访对象").FillAsync("村支书和<b>三户</b>村民");
        await dialog.GetByLabel("发现的问题或情况").FillAsync("村口道路塌陷约两米");
        await dialog.GetByLabel("就地立案").CheckAsync();
        await dialog.GetByLabel("案件标题").FillAsync("村口道路塌陷");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        await Expect(card.Locator($"li[data-unit='{Demo.Village}']")).ToContainTextAsync("上次走访", new() { Timeout = 20_000 });
        await Expect(page.Locator($"section[aria-labelledby=leaders-overdue-h] tr[data-unit='{Demo.Township}'] td").First).ToHaveTextAsync("1");
        await Browser.ScreenshotAsync(page, "leader-visit");

        var visits = (await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>($"/grids/leaders/visits?unitCode={Demo.Village}"))!;
        var visit = visits.Single(v => v.GetProperty("visit").GetProperty("personId").GetString() == Leader);
        Assert.That(visit.GetProperty("met").GetString(), Is.EqualTo("村支书和<b>三户</b>村民"), "stored as typed");
        var incidentId = visit.GetProperty("findings")[0].GetProperty("incidentId").GetGuid();
        var filed = await Eventually.GetAsync(async () =>
        {
            using var response = await Env.Host.Http.GetAsync($"/incidents/{incidentId}");
            return response.IsSuccessStatusCode ? (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, _ => true, TimeSpan.FromSeconds(30), "Incidents to file the leader's finding");
        Assert.Multiple(() =>
        {
            Assert.That(filed!.Value.GetProperty("reportedBy").GetString(), Is.EqualTo(Leader));
            Assert.That(filed.Value.GetProperty("unitCode").GetString(), Does.StartWith(Demo.Village), "a grid of the village visited");
        });

        // He takes the case his visit found in hand (包案): it is in his own list, on the same tab as his visits.
        var token = await Env.Host.Http.PostAsJsonAsync("/auth/dev-token", new { userId = Leader });
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var take = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{incidentId}/in-hand") { Content = JsonContent.Create(new { instructions = "一周内修复" }) };
        take.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using (var taken = await Env.Host.Http.SendAsync(take))
            Assert.That(taken.IsSuccessStatusCode, Is.True, await taken.Content.ReadAsStringAsync());
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "下沉走访" }).ClickAsync();
        await Expect(page.Locator(".work.in-hand")).ToContainTextAsync("村口道路塌陷", new() { Timeout = 20_000 });
    }
}
