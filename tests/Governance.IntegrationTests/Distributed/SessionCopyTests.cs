using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Governance.Grids.Model;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Distributed;

/// <summary>
/// Sessions end across processes (issue #13, item 5): Grids in one host, Incidents and Dispatch in
/// another, over RabbitMQ and PostgreSQL. The second host learns of a leaving only from
/// AccountAccessChanged (its account copy), and refuses the old token within a minute.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SessionCopyTests
{
    private TwoHosts _hosts = null!;
    private InProcessHost _grids = null!;
    private InProcessHost _others = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _hosts = await TwoHosts.StartAsync("sessions", "grids", "incidents,dispatch");
        (_grids, _others) = (_hosts.First, _hosts.Second!);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _hosts.DisposeAsync();

    private async Task<AuthenticationHeaderValue> RegisterAsync(string id)
    {
        using var response = await _grids.Http.PostAsJsonAsync("/grids/staff", new { id, name = $"测试{id}", role = Roles.TownshipDispatcher, unitCode = Demo.Township });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return TestTokens.Staff(id, Roles.TownshipDispatcher, Demo.Township, SecurityStamp.Of(Roles.TownshipDispatcher, Demo.Township, null));
    }

    private Task<HttpStatusCode> StatusAsync(string url, AuthenticationHeaderValue token) => _others.Http.GetStatusAsync(url, token);

    [Test]
    public async Task Incidents_and_Dispatch_in_another_process_refuse_a_token_after_its_person_left()
    {
        var leaver = await RegisterAsync("copy-leaver");
        var colleague = await RegisterAsync("copy-colleague");
        string[] probes = ["/incidents?limit=1", $"/dispatch/command-centres/{Demo.Township}/queue"];
        // The second host's unit copy fills from Grids' announcements after it starts; until the township is
        // there, its board answers 404 to everyone, so wait for it before judging the token.
        foreach (var url in probes)
            await Eventually.GetAsync(async () => (HttpStatusCode?)await StatusAsync(url, leaver), s => s == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), $"{url} to serve the leaver before he leaves");

        using (var left = await _grids.Http.PostAsync("/grids/staff/copy-leaver/leave", null))
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK), await left.Content.ReadAsStringAsync());

        foreach (var url in probes)
            await Eventually.GetAsync(async () => (HttpStatusCode?)await StatusAsync(url, leaver), s => s == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(60), $"{url} to refuse the leaver's token");
        foreach (var url in probes) Assert.That(await StatusAsync(url, colleague), Is.EqualTo(HttpStatusCode.OK), url);
    }
}
