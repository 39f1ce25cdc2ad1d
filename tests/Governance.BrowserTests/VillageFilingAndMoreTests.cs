using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// Probe 2, P13 and P3 on the pages: a village handler (a field role) files a case from the village page
/// with the grid worker's form; a work list longer than a page says "还有 N 件" and shows the rest on
/// request; a courtyard lead's page is named for him.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class VillageFilingAndMoreTests : BrowserFixture
{
    private const string VillageHandler = "village-handler-" + Demo.Village;
    private const string CourtyardLead = "courtyard-lead-" + Demo.Courtyard;

    [Test]
    public async Task A_village_handler_files_a_case_from_the_village_page()
    {
        var title = $"村道路灯损坏 {Guid.NewGuid().ToString()[..4]}";
        var page = await Browser.OpenAsync("village-file", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        var form = page.Locator("form.file-form");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "上报事件" })).ToBeVisibleAsync();
        await form.Locator("select[name=category]").SelectOptionAsync("facilities");
        await form.Locator("select[name=unitCode]").SelectOptionAsync(Demo.Grid);
        await form.Locator("input[name=title]").FillAsync(title);
        await form.Locator("textarea[name=description]").FillAsync("村口两盏路灯不亮");
        await form.Locator("button[type=submit]").ClickAsync();

        var filed = await Eventually.GetAsync(async () =>
                (await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>($"/incidents?unitCode={Demo.Grid}&limit=200"))!
                .Where(i => i.GetProperty("title").GetString() == title).ToList(),
            found => found.Count == 1, TimeSpan.FromSeconds(20), "the village's filing");
        Assert.That(filed[0].GetProperty("unitCode").GetString(), Is.EqualTo(Demo.Grid));
        await Browser.ScreenshotAsync(page, "village-file");
    }

    [Test]
    public async Task A_courtyard_leads_list_longer_than_a_page_says_how_many_more_and_shows_them()
    {
        // The host is shared with the other browser tests, some of which leave cases waiting at this courtyard:
        // the list holds those and this test's 53, one page of 50 and one more.
        async Task<int> WaitingAsync()
        {
            var count = 0;
            foreach (var status in new[] { "assigned", "reopened" })
                count += (await Env.Host.Http.GetFromJsonAsync<List<JsonElement>>($"/incidents?unitCode={Demo.Courtyard}&status={status}&limit=1000"))!
                    .Count(i => i.GetProperty("tier").GetString() == "courtyard");
            return count;
        }
        var before = await WaitingAsync();
        const int added = 53;
        var filed = before + added;
        Assert.That(filed, Is.InRange(51, 100), "one click shows the rest");
        for (var n = 0; n < added; n++)
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category = "other", grade = "IV", title = $"院内杂物堆放 {n}", description = "楼道堆放杂物" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        }
        await Eventually.GetAsync(WaitingAsync, count => count == filed, TimeSpan.FromSeconds(60), "every case routed to the courtyard");

        var page = await Browser.OpenAsync("courtyard-more", 1280, 900);
        await SignInAsync(page, CourtyardLead, "/worker");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("院落长工作台");
        var bucket = page.Locator("[data-bucket='to-accept']");
        await Expect(bucket.Locator("#bucket-to-accept")).ToHaveTextAsync($"待签收（{filed}）", new() { Timeout = 20_000 });
        await Expect(bucket.Locator("article.task")).ToHaveCountAsync(50);
        var more = bucket.GetByRole(AriaRole.Button, new() { Name = $"还有 {filed - 50} 件，加载更多" });
        await more.ClickAsync();
        await Expect(bucket.Locator("article.task")).ToHaveCountAsync(filed);
        await Expect(bucket.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("还有") })).ToHaveCountAsync(0);
        await Expect(bucket.Locator("article.task", new() { HasText = $"院内杂物堆放 {added - 1}" })).ToHaveCountAsync(1);
        await Browser.ScreenshotAsync(page, "courtyard-more");
    }
}
