using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// Chinese everywhere the user looks (issue #17 item 6): a case's timeline on the zh-CN page says the system's reasons
/// in Chinese (the routing policy's version, a mediation's time and people), names a possible duplicate by the other
/// case's title instead of its id, lists "filed" first, and shows a mediation at 02:00Z as 10:00, the county's time.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TimelineLanguageTests : BrowserFixture
{
    private const string VillageHandler = "village-handler-" + Demo.Village;

    private async Task<Guid> FileAsync(string title)
    {
        var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "dispute", grade = "III", title, description = "两户因排水沟发生争执" });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        return (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Test]
    public async Task A_cases_timeline_speaks_Chinese_names_the_duplicate_by_title_and_shows_county_time()
    {
        var tag = Guid.NewGuid().ToString()[..4];
        var original = await FileAsync($"排水沟纠纷 {tag}");
        var duplicateTitle = $"排水沟又起纠纷 {tag}";
        var duplicate = await FileAsync(duplicateTitle);
        var found = await Eventually.GetAsync(async () => await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{duplicate}"),
            i => i.GetProperty("tier").GetString() == "village" && i.GetProperty("status").GetString() == "assigned",
            TimeSpan.FromSeconds(30), "the duplicate to wait at the village");
        Assert.That(found.GetProperty("possibleDuplicateOf").GetGuid(), Is.EqualTo(original), "the second report is a possible duplicate");
        var at = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2).AddHours(2), TimeSpan.Zero); // 10:00 in China
        var scheduled = await Env.Host.Http.PostAsJsonAsync($"/incidents/{duplicate}/mediations",
            new { mediators = new[] { "乡贤老周" }, parties = new[] { "东邻", "西邻" }, scheduledAt = at });
        Assert.That((int)scheduled.StatusCode, Is.EqualTo(201), await scheduled.Content.ReadAsStringAsync());

        var page = await Browser.OpenAsync("timeline-language", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        var card = page.Locator("article.task", new() { HasText = duplicateTitle });
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = $"详情：{duplicateTitle}" }).ClickAsync();
        var timeline = page.GetByRole(AriaRole.Dialog).Locator("ol.timeline");
        await Expect(timeline.Locator("li").First).ToContainTextAsync("上报");
        await Expect(timeline.Locator("li").Nth(1)).ToContainTextAsync("疑似重复");
        await Expect(timeline).ToContainTextAsync($"「排水沟纠纷 {tag}」");
        await Expect(timeline).ToContainTextAsync("路由策略第");
        await Expect(timeline).ToContainTextAsync($"调解时间 {at.ToOffset(TimeSpan.FromHours(8)):MM/dd} 10:00");
        await Expect(timeline).ToContainTextAsync("调解员 乡贤老周");
        var text = await timeline.InnerTextAsync();
        Assert.That(text, Does.Not.Contain(original.ToString()).And.Not.Contain("policy v").And.Not.Contain("mediators"), text);
        await Browser.ScreenshotAsync(page, "timeline-language");
    }
}
