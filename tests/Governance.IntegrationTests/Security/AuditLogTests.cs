using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Incidents.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Every state change lands in an append-only audit log (who, when, what, from where) whose hash
/// chain tells if a row was altered.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AuditLogTests : StandaloneFixture
{
    // Development sign-in on, as standalone runs it: a sign-in is audited under the account it signed in.
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Auth:DevTokens"] = "true" };

    private sealed record Entry(long Seq, string Actor, string Action, string? Target, string? Remote);
    private sealed record Verification(bool Intact, long Rows, long? FirstBrokenSeq);

    [Test]
    public async Task Changes_are_audited_and_tampering_with_a_row_breaks_the_chain()
    {
        var filed = await Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "other", grade = "IV", title = "审计", description = "d" }, "gw-audit");
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        // A case is held (and so resolvable) once Dispatch has routed it.
        await Eventually.GetAsync(async () => (await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}")).GetProperty("status").GetString(),
            status => status == "assigned", TimeSpan.FromSeconds(30), "routing");
        var resolved = await Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "done" }, "handler-audit");
        Assert.That((int)resolved.StatusCode, Is.EqualTo(200), await resolved.Content.ReadAsStringAsync());

        var entries = (await Http.GetFromJsonAsync<List<Entry>>("/incidents/audit?limit=50"))!;
        Assert.That(entries.Any(e => e.Actor == "gw-audit" && e.Action == "POST /incidents"));
        var resolve = entries.Single(e => e.Actor == "handler-audit");
        Assert.That((resolve.Action, resolve.Target), Is.EqualTo(($"POST /incidents/{id}/resolve", id)));
        Assert.That(resolve.Remote, Is.Not.Null);

        var intact = (await Http.GetFromJsonAsync<Verification>("/incidents/audit/verify"))!;
        Assert.That(intact.Intact, Is.True);
        Assert.That(intact.Rows, Is.GreaterThanOrEqualTo(2));

        await using var c = await Host.Get<IncidentsDatabase>().OpenAsync();
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => c.ExecuteAsync("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1"),
            "the database refuses to change an audit row");
        // Someone with file access drops the guard and rewrites history:
        await c.ExecuteAsync("DROP TRIGGER audit_log_no_update");
        await c.ExecuteAsync("UPDATE audit_log SET actor = 'someone-else' WHERE seq = @Seq", new { resolve.Seq });
        var broken = (await Http.GetFromJsonAsync<Verification>("/incidents/audit/verify"))!;
        Assert.That(broken.Intact, Is.False);
        Assert.That(broken.FirstBrokenSeq, Is.EqualTo(resolve.Seq));
    }

    [Test]
    public async Task Behind_a_proxy_on_loopback_the_audit_log_records_the_users_address_from_X_Forwarded_For()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/incidents")
        {
            Content = JsonContent.Create(new { unitCode = Demo.Courtyard, category = "other", grade = "IV", title = "经网关", description = "d" }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Authorization = TestTokens.Bearer("gw-behind-gateway");
        Assert.That((int)(await Http.SendAsync(request)).StatusCode, Is.EqualTo(201));
        var entries = (await Http.GetFromJsonAsync<List<Entry>>("/incidents/audit?limit=50"))!;
        Assert.That(entries.First(e => e.Actor == "gw-behind-gateway").Remote, Is.EqualTo("203.0.113.7"));
    }

    [Test]
    public async Task Requests_without_a_token_are_audited_under_whom_they_acted_for_an_Open311_client_or_the_account_signed_in()
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress }.InEnglish(); // no token: a client system, a sign-in page
        var filed = await anonymous.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "other", ["attribute[unitCode]"] = Demo.Courtyard, ["description"] = "路灯不亮",
        }));
        Assert.That((int)filed.StatusCode, Is.EqualTo(201), await filed.Content.ReadAsStringAsync());
        const string account = "grid-worker-full-time-" + Demo.Grid;
        var signedIn = await anonymous.PostAsJsonAsync("/auth/dev-token", new { userId = account });
        Assert.That((int)signedIn.StatusCode, Is.EqualTo(200), await signedIn.Content.ReadAsStringAsync());

        var incidents = (await Http.GetFromJsonAsync<List<Entry>>("/incidents/audit?limit=50"))!;
        Assert.That(incidents.First(e => e.Action == "POST /open311/v2/requests.json").Actor, Is.EqualTo("open311:demo"));
        var grids = (await Http.GetFromJsonAsync<List<Entry>>("/grids/audit?limit=50"))!;
        Assert.That(grids.First(e => e.Action == "POST /auth/dev-token").Actor, Is.EqualTo(account));
        Assert.That(incidents.Concat(grids).Select(e => e.Actor), Has.None.EqualTo("anonymous"));
    }

    [Test]
    public async Task Refused_requests_change_nothing_and_leave_no_audit_row()
    {
        var before = (await Http.GetFromJsonAsync<List<Entry>>("/incidents/audit?limit=1000"))!.Count;
        var bad = await Http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Courtyard, category = "nope" }, "gw-audit");
        Assert.That((int)bad.StatusCode, Is.EqualTo(400));
        Assert.That((await Http.GetFromJsonAsync<List<Entry>>("/incidents/audit?limit=1000"))!, Has.Count.EqualTo(before));
    }
}
