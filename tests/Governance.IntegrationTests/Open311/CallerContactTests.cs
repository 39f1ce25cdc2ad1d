using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Incidents.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// 先联系后办理 (issue #14, DOMAIN "The resident and the hotline"): the hotline caller's name and number are
/// sealed at rest, shown whole only to the holder while the case is worked on — each such reading in the
/// audit log — and masked for everyone else who reads the case.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CallerContactTests : StandaloneFixture
{
    private const string Phone = "13912345678";

    // A dispute (IV) at the demo courtyard is routed to the village: the village handler holds it.
    private static readonly AuthenticationHeaderValue Holder = TestTokens.Bearer("vh-caller", Roles.VillageHandler, Demo.Village);
    private static readonly AuthenticationHeaderValue TownshipAbove = TestTokens.Bearer("td-caller", Roles.TownshipDispatcher, Demo.Township);
    private static readonly AuthenticationHeaderValue OtherTownship = TestTokens.Bearer("td2-caller", Roles.TownshipDispatcher, "500101002000");

    private async Task<Guid> FileByHotlineAsync()
    {
        var response = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = "楼上装修噪音持续到深夜", ["lat"] = "30.5183", ["long"] = "108.0267",
            ["first_name"] = "建国", ["last_name"] = "王", ["phone"] = Phone, ["email"] = "wang.jianguo@example.cn",
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
        await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i?.Status == "assigned", TimeSpan.FromSeconds(30), "the case routed");
        return id;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string url, AuthenticationHeaderValue? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = token;
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<long> CallerReadingsAsync(Guid id)
    {
        await using var c = await Host.Get<IncidentsDatabase>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE action = @action AND target = @target",
            new { action = $"GET /incidents/{id}/caller", target = id.ToString() });
    }

    [Test]
    public async Task The_callers_contact_is_sealed_in_the_database_and_no_plain_column_holds_it()
    {
        var id = await FileByHotlineAsync();
        await using var c = await Host.Get<IncidentsDatabase>().OpenAsync();
        var row = await c.QuerySingleAsync<(string? Phone, string? FirstName, string? Email, string? Sealed, string? Masked)>(
            "SELECT phone, first_name, email, caller_sealed, caller_masked FROM open311_requests WHERE incident_id = @id", new { id });
        Assert.That((row.Phone, row.FirstName, row.Email), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        Assert.That(row.Sealed, Does.StartWith("pd1:"));
        Assert.That(row.Sealed, Does.Not.Contain(Phone).And.Not.Contain("建国").And.Not.Contain("example.cn"));
        Assert.That(row.Masked, Does.Contain("139****5678").And.Not.Contain(Phone));
    }

    [Test]
    public async Task The_holder_reads_the_caller_whole_while_he_works_the_case_and_each_reading_is_audited()
    {
        var id = await FileByHotlineAsync();
        var (status, view) = await GetAsync($"/incidents/{id}", Holder);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Does.Contain("read-caller"));

        var (read, caller) = await GetAsync($"/incidents/{id}/caller", Holder);
        Assert.That(read, Is.EqualTo(HttpStatusCode.OK), caller.ToString());
        Assert.That((caller.GetProperty("name").GetString(), caller.GetProperty("phone").GetString(), caller.GetProperty("email").GetString()),
            Is.EqualTo(("王建国", Phone, "wang.jianguo@example.cn")));
        await GetAsync($"/incidents/{id}/caller", Holder);
        Assert.That(await CallerReadingsAsync(id), Is.EqualTo(2), "one audit row per unmasked reading");

        // Once resolved, the number is no longer shown (the call-back is the verifier's, through the hotline).
        var resolved = await Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "双方达成调解协议" }, Holder);
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
        var (after, problem) = await GetAsync($"/incidents/{id}/caller", Holder);
        Assert.That(after, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(problem.GetProperty("caseStatus").GetString(), Is.EqualTo("resolved"));
        Assert.That(await CallerReadingsAsync(id), Is.EqualTo(2), "a refused reading is not a reading");
    }

    [Test]
    public async Task Everyone_else_who_reads_the_case_sees_the_caller_masked_and_may_not_unmask_him()
    {
        var id = await FileByHotlineAsync();
        foreach (var reader in new[] { TownshipAbove, TestTokens.Verifier() })
        {
            var (status, view) = await GetAsync($"/incidents/{id}", reader);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            var caller = view.GetProperty("caller");
            Assert.That((caller.GetProperty("name").GetString(), caller.GetProperty("phone").GetString()), Is.EqualTo(("王**", "139****5678")));
            Assert.That(view.ToString(), Does.Not.Contain(Phone).And.Not.Contain("建国").And.Not.Contain("wang.jianguo"));
            Assert.That(view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Does.Not.Contain("read-caller"));
            Assert.That((await GetAsync($"/incidents/{id}/caller", reader)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        }
        Assert.That((await GetAsync($"/incidents/{id}/caller", OtherTownship)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        // Lists never carry the caller, not even masked.
        var (_, list) = await GetAsync($"/incidents?unitCode={Demo.Courtyard}&limit=1000", Holder);
        Assert.That(list.ToString(), Does.Not.Contain("139****5678").And.Not.Contain(Phone));
        Assert.That(await CallerReadingsAsync(id), Is.EqualTo(0));
    }
}
