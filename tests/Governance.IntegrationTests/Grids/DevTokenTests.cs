using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// Standalone sign-in (development tokens): every role of the demo county has an account, a
/// department handler's token names his department, and what a token may do is decided by the model
/// like any other token's.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DevTokenTests : StandaloneFixture
{
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Auth:DevTokens"] = "true" };

    private async Task<List<JsonElement>> AccountsAsync() => (await Http.GetFromJsonAsync<List<JsonElement>>("/auth/demo-accounts"))!;

    private async Task<JsonElement> SignInAsync(string userId)
    {
        using var response = await Http.PostAsJsonAsync("/auth/dev-token", new { userId });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task The_county_dispatcher_and_the_hotline_operator_have_demo_accounts_at_the_county()
    {
        var accounts = await AccountsAsync();
        foreach (var role in new[] { Roles.CountyDispatcher, Roles.HotlineOperator })
        {
            var account = accounts.Single(a => a.GetProperty("role").GetString() == role);
            Assert.That(account.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.County), role);
            Assert.That(account.GetProperty("departmentId").ValueKind, Is.EqualTo(JsonValueKind.Null), role);
        }
    }

    [Test]
    public async Task A_department_handlers_account_and_token_name_his_department()
    {
        var handler = (await AccountsAsync()).Single(a => a.GetProperty("role").GetString() == Roles.DepartmentHandler);
        var department = handler.GetProperty("departmentId").GetGuid();
        Assert.That(handler.GetProperty("departmentName").GetString(), Is.Not.Empty);

        var answer = await SignInAsync(handler.GetProperty("userId").GetString()!);
        var token = new JsonWebTokenHandler().ReadJsonWebToken(answer.GetProperty("accessToken").GetString());
        Assert.That(token.GetClaim(GovernanceClaims.DepartmentClaim).Value, Is.EqualTo(department.ToString()));
        Assert.That(answer.GetProperty("account").GetProperty("departmentId").GetGuid(), Is.EqualTo(department));

        var worker = (await AccountsAsync()).Single(a => a.GetProperty("role").GetString() == Roles.GridWorkerFullTime);
        var workerToken = new JsonWebTokenHandler().ReadJsonWebToken((await SignInAsync(worker.GetProperty("userId").GetString()!)).GetProperty("accessToken").GetString());
        Assert.That(workerToken.TryGetClaim(GovernanceClaims.DepartmentClaim, out _), Is.False, "nobody else names a department");
    }

    [Test]
    public async Task A_grid_workers_own_sign_in_gives_him_no_right_to_create_a_township()
    {
        var worker = (await AccountsAsync()).Single(a => a.GetProperty("role").GetString() == Roles.GridWorkerFullTime);
        var token = (await SignInAsync(worker.GetProperty("userId").GetString()!)).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/grids/units")
        {
            Content = JsonContent.Create(new { code = "t9999", name = "自封镇", level = "township", parentCode = Demo.County }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((await Http.GetAsync("/grids/units/t9999")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_leaders_sign_in_carries_his_linked_units_and_a_new_post_ends_his_earlier_token()
    {
        var leader = (await AccountsAsync()).Single(a => a.GetProperty("role").GetString() == Roles.TownshipDispatcher);
        Assert.That(leader.GetProperty("leaderPost").GetString(), Is.EqualTo("township-committee"), "the demo county's township committee member");
        var userId = leader.GetProperty("userId").GetString()!;
        var first = (await SignInAsync(userId)).GetProperty("accessToken").GetString()!;
        Assert.That(new JsonWebTokenHandler().ReadJsonWebToken(first).Claims.Where(c => c.Type == GovernanceClaims.LeaderUnitClaim).Select(c => c.Value),
            Is.EqualTo(new[] { Demo.Village }));

        var admin = (await AccountsAsync()).Single(a => a.GetProperty("role").GetString() == Roles.CountyAdministrator).GetProperty("userId").GetString()!;
        var adminToken = (await SignInAsync(admin)).GetProperty("accessToken").GetString()!;
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/grids/leaders/{userId}")
        {
            Content = JsonContent.Create(new { post = "township-committee", linkedUnits = new[] { Demo.Village, Demo.Township }, visitEveryDays = 14 }),
        })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var answer = await Http.SendAsync(put);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        }

        // Refused once the change reached the session check (its cache is dropped when the announcement arrives).
        await Eventually.GetAsync(async () =>
        {
            using var old = new HttpRequestMessage(HttpMethod.Get, "/grids/leaders/mine");
            old.Headers.Authorization = new AuthenticationHeaderValue("Bearer", first);
            using var answer = await Http.SendAsync(old);
            return answer.StatusCode;
        }, status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30), "his earlier token, claiming linked units no longer true, to be refused");
        var second = (await SignInAsync(userId)).GetProperty("accessToken").GetString()!;
        Assert.That(new JsonWebTokenHandler().ReadJsonWebToken(second).Claims.Where(c => c.Type == GovernanceClaims.LeaderUnitClaim).Select(c => c.Value),
            Is.EquivalentTo(new[] { Demo.Village, Demo.Township }));
    }

    [Test]
    public async Task A_newcomer_never_takes_the_demo_account_of_his_role_and_a_person_who_left_is_never_offered()
    {
        var admin = (await AccountsAsync()).Single(a => a.GetProperty("role").GetString() == Roles.CountyAdministrator).GetProperty("userId").GetString()!;
        var adminToken = (await SignInAsync(admin)).GetProperty("accessToken").GetString()!;
        async Task AsAdminAsync(string path, object body, HttpStatusCode expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var answer = await Http.SendAsync(request);
            Assert.That(answer.StatusCode, Is.EqualTo(expected), await answer.Content.ReadAsStringAsync());
        }
        string CourtyardLead(List<JsonElement> accounts) =>
            accounts.Single(a => a.GetProperty("role").GetString() == Roles.CourtyardLead).GetProperty("userId").GetString()!;

        var seeded = CourtyardLead(await AccountsAsync());
        // An id that sorts before the seed's ("a-…" < "courtyard-lead-…"): the smallest id once chose the account.
        await AsAdminAsync("/grids/staff", new { id = "a-newcomer", name = "新来的院落长", role = Roles.CourtyardLead, unitCode = Demo.Courtyard }, HttpStatusCode.Created);
        Assert.That(CourtyardLead(await AccountsAsync()), Is.EqualTo(seeded), "the demo county's own courtyard lead stays the one offered");

        await AsAdminAsync($"/grids/staff/{seeded}/leave", new { }, HttpStatusCode.OK);
        var after = await AccountsAsync();
        Assert.That(after.Select(a => a.GetProperty("userId").GetString()), Does.Not.Contain(seeded), "a person who left is not offered");
        Assert.That(CourtyardLead(after), Does.StartWith(Roles.CourtyardLead + "-"), "another of the demo county's courtyard leads is offered, not the newcomer");
        foreach (var account in after)
            await SignInAsync(account.GetProperty("userId").GetString()!);
    }

    [Test]
    public void Signing_in_is_declared_as_done_by_no_person_yet()
    {
        var signIn = Host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == "/auth/dev-token");
        Assert.That(signIn.Metadata.GetMetadata<DeclaredAction>()?.NotAPerson, Does.StartWith("anyone signing in"));
    }
}
