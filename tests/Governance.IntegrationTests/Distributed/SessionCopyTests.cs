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
    private PostgresRabbitEnvironment _environment = null!;
    private InProcessHost _grids = null!;
    private InProcessHost _others = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await PostgresRabbitEnvironment.CreateAsync("sessions");
        _grids = await InProcessHost.StartAsync(_environment.Settings("grids"));
        _others = await InProcessHost.StartAsync(_environment.Settings("incidents,dispatch"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _others.DisposeAsync();
        await _grids.DisposeAsync();
        await _environment.DisposeAsync();
    }

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
        foreach (var url in probes) Assert.That(await StatusAsync(url, leaver), Is.EqualTo(HttpStatusCode.OK), url);

        using (var left = await _grids.Http.PostAsync("/grids/staff/copy-leaver/leave", null))
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK), await left.Content.ReadAsStringAsync());

        foreach (var url in probes)
            await Eventually.GetAsync(async () => (HttpStatusCode?)await StatusAsync(url, leaver), s => s == HttpStatusCode.Unauthorized,
                TimeSpan.FromSeconds(60), $"{url} to refuse the leaver's token");
        foreach (var url in probes) Assert.That(await StatusAsync(url, colleague), Is.EqualTo(HttpStatusCode.OK), url);
    }
}
