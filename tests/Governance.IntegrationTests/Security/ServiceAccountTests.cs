using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Service tokens (issue #13, item 5): `Governance.Host issue-token` records each token it signs in
/// Grids' database; a county administrator lists them and revokes one, after which every service
/// refuses it within a minute while other tokens go on working. Nobody else may see or revoke them.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ServiceAccountTests : StandaloneFixture
{
    /// <summary>The operator command as an operator runs it, against this environment's Grids database.</summary>
    private Task<(int ExitCode, string Output, string Errors)> IssueTokenAsync(params string[] arguments) =>
        OperatorCommand.RunAsync(StandaloneEnvironment.Settings(Environment.DataFolder).Concat(TestTokens.HostSettings), ["issue-token", .. arguments]);

    private Task<HttpStatusCode> StatusAsync(string url, string token) => Http.GetStatusAsync(url, new AuthenticationHeaderValue("Bearer", token));

    private async Task<List<JsonElement>> ListAsync() => (await Http.GetFromJsonAsync<List<JsonElement>>("/grids/service-accounts"))!;

    [Test]
    public async Task An_issued_token_is_listed_and_once_revoked_is_refused_while_others_work()
    {
        var revoked = await IssueTokenAsync("svc-report", Roles.CountySupervisor, Demo.County);
        var kept = await IssueTokenAsync("svc-report", Roles.CountySupervisor, Demo.County);
        Assert.That(revoked.ExitCode, Is.Zero, revoked.Errors);
        Assert.That(kept.ExitCode, Is.Zero, kept.Errors);
        Assert.That(await StatusAsync("/incidents?limit=1", revoked.Output), Is.EqualTo(HttpStatusCode.OK));

        var listed = (await ListAsync()).Where(a => a.GetProperty("subject").GetString() == "svc-report").ToList();
        Assert.That(listed, Has.Count.EqualTo(2));
        var id = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ReadJsonWebToken(revoked.Output).Id;
        Assert.That(listed.Select(a => a.GetProperty("id").GetString()), Does.Contain(id));

        using (var revoke = await Http.PostAsync($"/grids/service-accounts/{id}/revoke", null))
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoke.Content.ReadAsStringAsync());
        await Eventually.GetAsync(async () => (HttpStatusCode?)await StatusAsync("/incidents?limit=1", revoked.Output),
            s => s == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(60), "the revoked token to be refused");
        foreach (var url in new[] { "/grids/units?limit=1", "/incidents?limit=1", "/dispatch/calendar" })
        {
            Assert.That(await StatusAsync(url, revoked.Output), Is.EqualTo(HttpStatusCode.Unauthorized), url);
            Assert.That(await StatusAsync(url, kept.Output), Is.Not.EqualTo(HttpStatusCode.Unauthorized), url);
        }
        Assert.That((await ListAsync()).Single(a => a.GetProperty("id").GetString() == id).GetProperty("revokedAt").ValueKind,
            Is.EqualTo(JsonValueKind.String));
        using var again = await Http.PostAsync($"/grids/service-accounts/{id}/revoke", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task A_token_for_an_unknown_unit_or_role_is_not_issued()
    {
        var unknownUnit = await IssueTokenAsync("svc-nowhere", Roles.CountySupervisor, "999999999999");
        Assert.That(unknownUnit.ExitCode, Is.Not.Zero);
        Assert.That(unknownUnit.Output, Is.Empty, "no token printed");
        Assert.That(unknownUnit.Errors, Does.Contain("not a known unit"));
        var unknownRole = await IssueTokenAsync("svc-nobody", "emperor", Demo.County);
        Assert.That(unknownRole.ExitCode, Is.Not.Zero);
        Assert.That(unknownRole.Errors, Does.Contain("role"));
    }

    [Test]
    public async Task Only_a_county_administrator_lists_or_revokes_service_tokens()
    {
        var supervisor = TestTokens.For("a-supervisor", Roles.CountySupervisor);
        Assert.That(await StatusAsync("/grids/service-accounts", supervisor), Is.EqualTo(HttpStatusCode.Forbidden));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/grids/service-accounts/{Guid.NewGuid()}/revoke");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", supervisor);
        using var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
