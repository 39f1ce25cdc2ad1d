using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Hosting;

/// <summary>
/// Details and field messages that outside probes found still in English when the caller asked for nothing (so
/// Chinese): a refused mediation, a field a person's PATCH cannot change, Open311's own form checks. Each is asked
/// here without Accept-Language and must come back in Chinese, the field still named as the API spells it.
/// </summary>
[TestFixture]
public sealed class ChineseDetailsTests : StandaloneFixture
{
    private HttpClient _chinese = null!;

    [OneTimeSetUp]
    public void MakeAChineseClient()
    {
        _chinese = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _chinese.DefaultRequestHeaders.Authorization = Http.DefaultRequestHeaders.Authorization;
    }

    [OneTimeTearDown]
    public void DropTheChineseClient() => _chinese.Dispose();

    private static bool Chinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Test]
    public async Task A_mediation_refused_for_a_case_that_is_no_village_dispute_says_why_in_Chinese()
    {
        var filed = await Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "livelihood", grade = "IV", title = "低保咨询", description = "想了解低保怎么申请" });
        var id = (await ReadAsync(filed, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await WaitForCaseAsync(id, i => i.Status == "assigned", "routing");

        var refused = await ReadAsync(await _chinese.PostAsJsonAsync($"/incidents/{id}/mediations",
            new { mediators = new[] { "乡贤 陈德华" }, parties = new[] { "张家" }, scheduledAt = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.Conflict);
        Assert.That(refused.GetProperty("detail").GetString(), Is.EqualTo("调解只用于在村（社区）层级办理、尚未办结的矛盾纠纷案件。"));
        Assert.That(refused.GetProperty("caseStatus").GetString(), Is.EqualTo("assigned"));
    }

    [Test]
    public async Task A_field_a_persons_change_cannot_touch_is_refused_by_name_in_Chinese()
    {
        var id = $"zh-{Guid.NewGuid():N}"[..20];
        var registered = await Http.PostAsJsonAsync("/grids/staff",
            new { id, name = "测试网格员", role = "grid-worker-full-time", unitCode = Demo.Grid, phone = "13900001111" });
        await ReadAsync(registered, HttpStatusCode.Created);

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/grids/staff/{id}")
        {
            Content = JsonContent.Create(new { isAdmin = true, version = 3, leftAt = "2026-01-01T00:00:00Z" }),
        };
        var problem = await ReadAsync(await _chinese.SendAsync(patch), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.That(errors.GetProperty("isAdmin")[0].GetString(), Does.StartWith("isAdmin 不是人员可修改的字段"));
        Assert.That(errors.GetProperty("version")[0].GetString(), Is.EqualTo("version 不能修改。"));
        Assert.That(errors.GetProperty("leftAt")[0].GetString(), Does.Contain("POST /grids/staff/{id}/leave").And.Matches<string>(Chinese));
    }

    [Test]
    public async Task Open311s_own_form_checks_are_said_in_Chinese_under_the_specs_field_names()
    {
        var form = new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["description"] = "楼上噪音，请村里调解",
            ["email"] = "not-an-address", ["phone"] = "call me", ["media_url"] = "photo.jpg", ["first_name"] = "明\u0007",
        };
        var answer = await ReadAsync(await _chinese.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form)), HttpStatusCode.BadRequest);
        var descriptions = answer.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
        foreach (var field in new[] { "email ", "phone ", "media_url ", "first_name " })
            Assert.That(descriptions.Where(d => d.StartsWith(field, StringComparison.Ordinal)).ToList(), Is.Not.Empty.And.All.Matches<string>(Chinese),
                string.Join(" | ", descriptions));

        var unknown = await ReadAsync(await _chinese.GetAsync("/open311/v2/requests.json?status=pending&start_date=yesterday"), HttpStatusCode.BadRequest);
        var said = unknown.EnumerateArray().Select(e => e.GetProperty("description").GetString()!).ToList();
        Assert.That(said, Has.Count.EqualTo(2).And.All.Matches<string>(Chinese), string.Join(" | ", said));
        var missing = await ReadAsync(await _chinese.GetAsync($"/open311/v2/requests/{Guid.NewGuid()}.json"), HttpStatusCode.NotFound);
        Assert.That(missing[0].GetProperty("description").GetString(), Does.StartWith("未找到 service_request_id"));
    }
}
