using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>Issue #17 item 2: a care visit recorded on the phone that found a problem files a case.</summary>
[TestFixture]
[NonParallelizable]
public sealed class CareVisitPageTests : BrowserFixture
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;

    [Test]
    public async Task A_care_visit_that_found_a_problem_files_a_case_at_the_subjects_courtyard()
    {
        var phone = await Browser.OpenAsync("worker", 360, 780, phone: true);
        await SignInAsync(phone, GridWorker, "/worker");
        await phone.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).First.ClickAsync();
        var dialog = phone.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("走访情况").FillAsync("老人家中电线老化，插座发烫");
        // The case's fields appear only when the visit files one.
        await Expect(dialog.GetByLabel("标题", new() { Exact = true })).ToBeHiddenAsync();
        var filesCase = dialog.GetByLabel("发现问题，同时上报事件");
        await filesCase.CheckAsync();
        var subjectId = Guid.Parse((await filesCase.GetAttributeAsync("id"))!["files-case-".Length..]);
        var title = $"独居老人家中电线老化 {Guid.NewGuid().ToString()[..4]}";
        await dialog.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("facilities");
        await dialog.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await dialog.GetByLabel("情况描述", new() { Exact = true }).FillAsync("电线老化，存在用电安全隐患");
        await Browser.ScreenshotAsync(phone, "worker-care-visit-files-case-360");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "记录走访" }).ClickAsync();
        await Expect(phone.Locator(".toast")).ToContainTextAsync($"走访已记录，并已上报事件：{title}");

        // The visit names the case it filed; Incidents files it (from Grids' message) at the subject's courtyard.
        var detail = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/care/subjects/{subjectId}");
        var visit = detail.GetProperty("visits").EnumerateArray().Last();
        Assert.That(visit.GetProperty("findings").GetString(), Is.EqualTo("老人家中电线老化，插座发烫"));
        var caseId = visit.GetProperty("incidentId").GetGuid();
        var filed = await Eventually.GetAsync(async () =>
            {
                var response = await Env.Host.Http.GetAsync($"/incidents/{caseId}");
                return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : (JsonElement?)null;
            }, c => c is not null, TimeSpan.FromSeconds(30), "the case the visit filed");
        Assert.That(filed!.Value.GetProperty("title").GetString(), Is.EqualTo(title));
        Assert.That(filed.Value.GetProperty("unitCode").GetString(), Is.EqualTo(detail.GetProperty("subject").GetProperty("courtyardCode").GetString()));
        Assert.That(filed.Value.GetProperty("reportedBy").GetString(), Is.EqualTo(GridWorker));
    }
}
