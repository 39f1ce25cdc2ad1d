using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Sessions end when people leave or change post (issue #13, item 5), in standalone mode where all
/// services share the in-memory bus: a token issued before is refused by every service within a minute,
/// as 401 problem details, and changes nothing; other people's tokens go on working; a fresh token
/// after a change of post works, and nobody who left gets one.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SessionTests : StandaloneFixture
{
    private static readonly TimeSpan WithinAMinute = TimeSpan.FromSeconds(60);

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Auth:DevTokens"] = "true" };

    /// <summary>One read in each service a township dispatcher may make.</summary>
    private static string[] Probes(string self) =>
        [$"/grids/staff/{self}", "/incidents?limit=1", $"/dispatch/command-centres/{Demo.Township}/queue"];

    private async Task<string> RegisterAsync(string id, string role = Roles.TownshipDispatcher, string unitCode = Demo.Township)
    {
        using var response = await Http.PostAsJsonAsync("/grids/staff", new { id, name = $"测试{id}", role, unitCode });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<HttpResponseMessage> SignInAsync(string userId) =>
        await Http.PostAsJsonAsync("/auth/dev-token", new { userId });

    private async Task<string> TokenAsync(string userId)
    {
        using var response = await SignInAsync(userId);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(request);
    }

    private Task<HttpStatusCode> StatusAsync(string url, string token) => Http.GetStatusAsync(url, new AuthenticationHeaderValue("Bearer", token));

    private async Task AssertAcceptedEverywhereAsync(string self, string token)
    {
        foreach (var url in Probes(self))
            Assert.That(await StatusAsync(url, token), Is.EqualTo(HttpStatusCode.OK), url);
    }

    /// <summary>Polls (bounded) until the first service refuses, then every service must.</summary>
    private async Task AssertRefusedEverywhereAsync(string self, string token)
    {
        await Eventually.GetAsync(async () => (HttpStatusCode?)await StatusAsync(Probes(self)[0], token),
            s => s == HttpStatusCode.Unauthorized, WithinAMinute, $"{self}'s old token to be refused");
        foreach (var url in Probes(self))
        {
            using var response = await SendAsync(HttpMethod.Get, url, token);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), url);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), url);
        }
    }

    private long Incidents()
    {
        using var c = new SqliteConnection($"Data Source={Environment.DataFolder}/incidents.db");
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM incidents");
    }

    [Test]
    public async Task A_token_issued_before_leaving_is_refused_everywhere_after_leaving_and_changes_nothing()
    {
        var leaver = await RegisterAsync("session-leaver");
        var colleague = await RegisterAsync("session-colleague");
        var leaverToken = await TokenAsync(leaver);
        var colleagueToken = await TokenAsync(colleague);
        await AssertAcceptedEverywhereAsync(leaver, leaverToken);

        using (var left = await Http.PostAsync($"/grids/staff/{leaver}/leave", null))
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK), await left.Content.ReadAsStringAsync());
        await AssertRefusedEverywhereAsync(leaver, leaverToken);

        var before = Incidents();
        using (var filing = await SendAsync(HttpMethod.Post, "/incidents", leaverToken,
                   new { unitCode = Demo.Grid, category = "dispute", grade = "IV", title = "离职后提交", description = "refused" }))
            Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Incidents(), Is.EqualTo(before), "a refused filing writes nothing");

        await AssertAcceptedEverywhereAsync(colleague, colleagueToken);
        using var again = await SignInAsync(leaver);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "nobody who left signs in again");
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("userId"));
    }

    [Test]
    public async Task A_change_of_role_refuses_the_old_token_and_a_fresh_token_works()
    {
        var moved = await RegisterAsync("session-mediator-to-be");
        var colleague = await RegisterAsync("session-unchanged");
        var oldToken = await TokenAsync(moved);
        var colleagueToken = await TokenAsync(colleague);
        await AssertAcceptedEverywhereAsync(moved, oldToken);

        using (var changed = await Http.PatchAsJsonAsync($"/grids/staff/{moved}", new { role = Roles.Mediator }))
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        await AssertRefusedEverywhereAsync(moved, oldToken);

        var freshToken = await TokenAsync(moved);
        Assert.That(new JsonWebTokenHandler().ReadJsonWebToken(freshToken).GetClaim(GovernanceClaims.Role).Value, Is.EqualTo(Roles.Mediator));
        Assert.That(await StatusAsync($"/grids/staff/{moved}", freshToken), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StatusAsync("/incidents?limit=1", freshToken), Is.EqualTo(HttpStatusCode.OK));
        await AssertAcceptedEverywhereAsync(colleague, colleagueToken);
    }

    [Test]
    public async Task A_change_of_name_or_phone_keeps_the_token()
    {
        var person = await RegisterAsync("session-renamed");
        var token = await TokenAsync(person);
        using (var changed = await Http.PatchAsJsonAsync($"/grids/staff/{person}", new { name = "改名测试", phone = "13800000000" }))
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await changed.Content.ReadAsStringAsync());
        // Once a later leaving is refused everywhere, the rename has been seen too (announced in order).
        var marker = await RegisterAsync("session-marker");
        var markerToken = await TokenAsync(marker);
        using (var left = await Http.PostAsync($"/grids/staff/{marker}/leave", null))
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertRefusedEverywhereAsync(marker, markerToken);
        await AssertAcceptedEverywhereAsync(person, token);
    }
}
