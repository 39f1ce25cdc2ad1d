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
/// 案件查询 on the county page (issue #15): the case list filtered by what it shows lists exactly what
/// <c>GET /incidents</c> answers the same officer for the same query, and 导出 CSV exports exactly those cases; the title's
/// text and the place narrow it too. A township's queue on the county page narrows by grade to what the queue answers.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class CaseSearchPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;
    private const string OtherVillageCourtyard = "500101001002001001";   // a courtyard of another village of the demo township

    [Test]
    public async Task The_county_filters_the_case_list_and_exports_exactly_what_it_shows()
    {
        // Cases of two categories: the filter must keep the one and leave out the other.
        var filed = new List<string>();
        foreach (var (category, title) in new[] { ("facilities", "路灯不亮 A"), ("facilities", "井盖缺失 B"), ("environment", "垃圾堆放 C") })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category, grade = "III", title, description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        // The API's answer for the query the page sends, read with the officer's own sign-in (the county shown:
        // every case, so no unitCode).
        var expected = await ListAsync(CountySupervisor, "/incidents?category=facilities&open=true&limit=1000");
        Assert.That(expected, Does.Contain(filed[0]).And.Contain(filed[1]).And.Not.Contain(filed[2]));
        Assert.That(expected, Has.Count.LessThan(50), "one page of the search holds them all");

        var page = await Browser.OpenAsync("case-search", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        await page.Locator("[data-tab='search']").ClickAsync();
        var search = page.Locator("[data-section='case-search']");
        await search.Locator("input[name='from']").FillAsync("");
        await search.Locator("input[name='to']").FillAsync("");
        await search.Locator("select[name='category']").SelectOptionAsync("facilities");
        await search.Locator("input[name='open']").CheckAsync();
        await search.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        var rows = search.Locator("tbody tr[data-incident]");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        await Expect(search.Locator("tbody td[data-category]:not([data-category='facilities'])")).ToHaveCountAsync(0);
        var listed = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.incident)");
        Assert.That(listed, Is.EqualTo(expected), "the rows are the API's answer, in its order");
        await Expect(search.Locator("tbody")).ToContainTextAsync("路灯不亮 A");
        await Expect(search.Locator("tbody")).Not.ToContainTextAsync("垃圾堆放 C");
        await Browser.ScreenshotAsync(page, "case-search");

        var download = await page.RunAndWaitForDownloadAsync(async () =>
            await search.GetByRole(AriaRole.Button, new() { Name = "导出 CSV" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        Assert.That(text, Does.StartWith("\"编号 ID\"").Or.StartWith("编号 ID"));
        var exported = RowId().Matches(text).Select(m => m.Groups[1].Value).ToList();
        Assert.That(exported, Is.EquivalentTo(listed), "the file holds exactly the cases listed");
        Assert.That(download.SuggestedFilename, Is.EqualTo("cases.csv"));

        // A query the API refuses shows its problem message.
        await search.Locator("input[name='from']").FillAsync("2026-12-31");
        await search.Locator("input[name='to']").FillAsync("2026-01-01");
        await search.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(search.Locator("[role='alert']")).ToContainTextAsync("from 不能晚于 to。"); // in the page's language
        // The browser logs the refused request itself; only that one is expected.
        lock (Browser.Errors) Browser.Errors.RemoveAll(e => e.StartsWith("[case-search]", StringComparison.Ordinal)
            && e.Contains("status of 400", StringComparison.Ordinal) && e.Contains("from=2026-12-31", StringComparison.Ordinal));
    }

    [Test]
    public async Task The_case_search_narrows_by_title_text_and_place_to_exactly_what_the_API_lists()
    {
        // The same title text in two villages of the township, and another title in the first: only the first one stays.
        var text = $"井盖{Guid.NewGuid().ToString()[..4]}";
        var filed = new List<string>();
        foreach (var (courtyard, title) in new[] { (Demo.Courtyard, $"{text}缺失"), (OtherVillageCourtyard, $"{text}松动"), (Demo.Courtyard, "路灯不亮 D") })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = courtyard, category = "facilities", grade = "III", title, description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var expected = await ListAsync(CountySupervisor, $"/incidents?q={Uri.EscapeDataString(text.ToLowerInvariant())}&unitCode={Demo.Village}&limit=1000");
        Assert.That(expected, Is.EqualTo(new[] { filed[0] }));

        var page = await Browser.OpenAsync("case-search-text", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        // The dashboard drilled to the township: the search's places are its villages.
        await page.Locator($"table.children [data-drill='{Demo.Township}']").ClickAsync();
        await Expect(page.Locator(".crumbs [aria-current]")).ToHaveCountAsync(1);
        await page.Locator("[data-tab='search']").ClickAsync();
        var search = page.Locator("[data-section='case-search']");
        var place = search.Locator("select[name='unitCode']");
        await Expect(place.Locator($"option[value='{Demo.Village}']")).ToHaveCountAsync(1);
        await search.Locator("input[name='from']").FillAsync("");
        await search.Locator("input[name='to']").FillAsync("");
        await search.Locator("input[name='q']").FillAsync(text.ToLowerInvariant());
        await place.SelectOptionAsync(Demo.Village);
        await search.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        var rows = search.Locator("tbody tr[data-incident]");
        await Expect(rows).ToHaveCountAsync(1);
        Assert.That(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.incident)"), Is.EqualTo(expected));
        await Expect(search.Locator("tbody")).ToContainTextAsync($"{text}缺失");

        var download = await page.RunAndWaitForDownloadAsync(async () =>
            await search.GetByRole(AriaRole.Button, new() { Name = "导出 CSV" }).ClickAsync());
        var exported = RowId().Matches(Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!))).Select(m => m.Groups[1].Value);
        Assert.That(exported, Is.EqualTo(expected), "the file holds the one case listed");
    }

    [Test]
    public async Task The_county_narrows_a_townships_queue_by_grade_to_what_the_queue_answers()
    {
        // Both start on the township tier: a petition (II) and a work-safety hazard (IV).
        var filed = new List<string>();
        foreach (var (category, grade) in new[] { ("petition", "II"), ("work-safety", "IV") })
        {
            var response = await Env.Host.Http.PostAsJsonAsync("/incidents",
                new { unitCode = Demo.Courtyard, category, grade, title = $"队列筛选 {grade}", description = "d" });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            filed.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }
        var board = $"/dispatch/command-centres/{Demo.Township}/queue?limit=50";
        await Eventually.GetAsync(async () => (List<string>?)await QueueAsync(board), ids => filed.All(ids.Contains), TimeSpan.FromSeconds(30), "both queued");

        var page = await Browser.OpenAsync("county-queue-filters", 1440, 1000);
        await SignInAsync(page, CountySupervisor, "/county");
        await page.Locator($"table.children [data-drill='{Demo.Township}']").ClickAsync();
        var queue = page.Locator("table.queue");
        await Expect(queue.Locator($"tr[data-incident='{filed[1]}']")).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await page.Locator("form.queue-filters select[name='grade']").SelectOptionAsync("II");
        await Expect(queue.Locator($"tr[data-incident='{filed[1]}']")).ToHaveCountAsync(0);
        var expected = await QueueAsync(board + "&grade=II");
        Assert.That(expected, Does.Contain(filed[0]));
        var rows = queue.Locator("tbody tr[data-incident]");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.That(await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.incident)"), Is.EqualTo(expected), "the queue's answer, in its order");
    }

    /// <summary>The township's queue as the county supervisor reads it.</summary>
    private async Task<List<string>> QueueAsync(string url)
    {
        var (status, body) = await Env.Host.Http.SendJsonAsync(HttpMethod.Get, url, Governance.IntegrationTests.Support.TestTokens.Verifier("queue-reader"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()!).ToList();
    }

    private async Task<List<string>> ListAsync(string userId, string url)
    {
        var token = await Env.Host.Http.PostAsJsonAsync("/auth/dev-token", new { userId });
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Env.Host.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>A record's first field, the case's ID (a GUID, quoted or not), at the start of a line.</summary>
    [GeneratedRegex("^\"?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"?,", RegexOptions.Multiline)]
    private static partial Regex RowId();
}
