using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The work list's filter bar on the village page (issue #15): a category chosen narrows the buckets to what
/// <c>GET /incidents/work</c> answers the same handler for the same filter, and 导出 CSV exports exactly those cases; the
/// tier and the title's text narrow it too; the command centre's board narrows by grade to what its queue answers.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class WorkListFiltersPageTests : BrowserFixture
{
    private const string VillageHandler = "village-handler-" + Demo.Village;
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;

    [Test]
    public async Task The_village_filters_its_work_list_and_exports_exactly_what_it_shows()
    {
        // Grade III goes to the village: two categories, the filter keeps the one and leaves out the other.
        var suffix = Guid.NewGuid().ToString()[..4];
        var filed = new List<string>();
        foreach (var (category, title) in new[] { ("facilities", $"村道井盖缺失 {suffix}"), ("environment", $"村口垃圾堆放 {suffix}") })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category, grade = "III", title, description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var token = await TokenAsync(VillageHandler);
        await Eventually.GetAsync(async () => (List<string>?)await WorkAsync(token, ""), ids => filed.All(ids.Contains), TimeSpan.FromSeconds(30), "both cases on the village's list");
        var expected = await WorkAsync(token, "category=facilities");
        Assert.That(expected, Does.Contain(filed[0]).And.Not.Contain(filed[1]));
        Assert.That(expected, Has.Count.LessThan(50), "one page of each bucket holds them all");

        var page = await Browser.OpenAsync("work-filters", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        var tasks = page.Locator(".work article.task[data-incident]");
        await Expect(page.Locator($".work article.task[data-incident='{filed[1]}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var bar = page.Locator("form.work-filters");
        await bar.Locator("select[name='category']").SelectOptionAsync("facilities");
        await Expect(page.Locator($".work article.task[data-incident='{filed[1]}']")).ToHaveCountAsync(0);
        await Expect(tasks).ToHaveCountAsync(expected.Count);
        var shown = await tasks.EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.incident)");
        Assert.That(shown, Is.EquivalentTo(expected), "the cards are the API's answer");
        await Browser.ScreenshotAsync(page, "work-filters");

        var download = await page.RunAndWaitForDownloadAsync(async () =>
            await bar.GetByRole(AriaRole.Button, new() { Name = "导出 CSV" }).ClickAsync());
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!)).TrimStart('\uFEFF');
        Assert.That(text, Does.StartWith("\"编号 ID\"").Or.StartWith("编号 ID"));
        Assert.That(RowId().Matches(text).Select(m => m.Groups[1].Value), Is.EquivalentTo(shown), "the file holds exactly the cases shown");
        Assert.That(download.SuggestedFilename, Is.EqualTo("work.csv"));
    }

    [Test]
    public async Task The_tier_and_the_title_text_narrow_the_work_list_to_what_the_API_answers()
    {
        var suffix = Guid.NewGuid().ToString()[..4];
        var filed = new List<string>();
        foreach (var title in new[] { $"Tier{suffix} 院墙开裂", $"路面塌陷 {suffix}" })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category = "facilities", grade = "III", title, description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var token = await TokenAsync(VillageHandler);
        await Eventually.GetAsync(async () => (List<string>?)await WorkAsync(token, "tier=village"), ids => filed.All(ids.Contains), TimeSpan.FromSeconds(30), "both on the village tier");
        Assert.That(await WorkAsync(token, "tier=township"), Does.Not.Contain(filed[0]).And.Not.Contain(filed[1]));
        var byText = await WorkAsync(token, $"tier=village&q=tier{suffix}");
        Assert.That(byText, Is.EqualTo(new[] { filed[0] }));

        var page = await Browser.OpenAsync("work-filters-tier", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        var tasks = page.Locator(".work article.task[data-incident]");
        await Expect(page.Locator($".work article.task[data-incident='{filed[0]}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var bar = page.Locator("form.work-filters");
        await bar.Locator("select[name='tier']").SelectOptionAsync("township");
        await Expect(page.Locator($".work article.task[data-incident='{filed[0]}']")).ToHaveCountAsync(0);
        await Expect(tasks).ToHaveCountAsync((await WorkAsync(token, "tier=township")).Count);

        await bar.Locator("select[name='tier']").SelectOptionAsync("village");
        await bar.Locator("input[name='q']").FillAsync($"tier{suffix}");
        await bar.Locator("input[name='q']").PressAsync("Enter");
        await Expect(tasks).ToHaveCountAsync(1);
        Assert.That(await tasks.EvaluateAllAsync<string[]>("ts => ts.map(t => t.dataset.incident)"), Is.EqualTo(byText), "the cards are the API's answer");
    }

    [Test]
    public async Task The_command_centre_narrows_its_board_by_grade_to_what_the_queue_answers()
    {
        // Both start on the township tier: a petition (II) and a work-safety hazard (IV).
        var filed = new List<string>();
        foreach (var (category, grade) in new[] { ("petition", "II"), ("work-safety", "IV") })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category, grade, title = $"看板筛选 {grade}", description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var token = await TokenAsync(Dispatcher);
        var board = $"/dispatch/command-centres/{Demo.Township}/queue?limit=100";
        await Eventually.GetAsync(async () => (List<string>?)await QueueAsync(token, board), ids => filed.All(ids.Contains), TimeSpan.FromSeconds(30), "both on the board");

        var page = await Browser.OpenAsync("board-filters", 1920, 1080);
        await SignInAsync(page, Dispatcher, "/command-centre");
        var rows = page.Locator("table.queue tbody tr[data-incident]");
        await Expect(page.Locator($"table.queue tr[data-incident='{filed[1]}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.Locator("form.queue-filters select[name='grade']").SelectOptionAsync("II");
        await Expect(page.Locator($"table.queue tr[data-incident='{filed[1]}']")).ToHaveCountAsync(0);
        var expected = await QueueAsync(token, board + "&grade=II");
        Assert.That(expected, Does.Contain(filed[0]));
        await Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.That(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.incident)"), Is.EqualTo(expected), "the rows are the queue's answer, in its order");
    }

    [Test]
    public async Task The_grid_worker_narrows_his_grids_other_open_cases_with_the_folded_bar()
    {
        // Grade III goes to the village: on the grid worker's page among the grid's other open cases, not his to do.
        var suffix = Guid.NewGuid().ToString()[..4];
        var filed = new List<string>();
        foreach (var (category, title) in new[] { ("facilities", $"网格路灯 {suffix}"), ("environment", $"网格垃圾 {suffix}") })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category, grade = "III", title, description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        var page = await Browser.OpenAsync("worker-follow-filters", 390, 844, phone: true);
        await SignInAsync(page, "grid-worker-full-time-" + Demo.Grid, "/worker");
        var follow = page.Locator("section[aria-labelledby='tasks-h']");
        await Expect(follow.Locator($"article.task[data-incident='{filed[1]}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await follow.GetByText("筛选与导出").ClickAsync();
        await follow.Locator("select[name='category']").SelectOptionAsync("facilities");
        await Expect(follow.Locator($"article.task[data-incident='{filed[1]}']")).ToHaveCountAsync(0);
        await Expect(follow.Locator($"article.task[data-incident='{filed[0]}']")).ToHaveCountAsync(1);
        Assert.That(await follow.Locator("article.task").EvaluateAllAsync<string[]>("ts => ts.map(t => t.querySelector('.meta').textContent)"),
            Has.All.StartWith("公共设施"), "only facilities cases");
    }

    private async Task<List<string>> QueueAsync(AuthenticationHeaderValue token, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = token;
        using var response = await Env.Host.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("incidentId").GetString()!).ToList();
    }

    private async Task<AuthenticationHeaderValue> TokenAsync(string userId)
    {
        var token = await Env.Host.Http.PostAsJsonAsync("/auth/dev-token", new { userId });
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
        return new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
    }

    /// <summary>Every case of every bucket of the work list the filter selects.</summary>
    private async Task<List<string>> WorkAsync(AuthenticationHeaderValue token, string filter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/work?limit=500&{filter}");
        request.Headers.Authorization = token;
        using var response = await Env.Host.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("buckets").EnumerateArray()
            .SelectMany(b => b.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>A record's first field, the case's ID (a GUID, quoted or not), at the start of a line.</summary>
    [GeneratedRegex("^\"?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"?,", RegexOptions.Multiline)]
    private static partial Regex RowId();
}
