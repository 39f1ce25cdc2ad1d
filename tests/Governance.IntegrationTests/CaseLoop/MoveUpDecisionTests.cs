using System.Net;
using System.Net.Http.Headers;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// 提请上级 is decided by the tier that would take the case (DOMAIN: "the tier above (its holders-to-be)"):
/// found trying it from outside, the county decided what a village was to take on from a courtyard.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MoveUpDecisionTests
{
    private StandaloneEnvironment _environment = null!;

    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("gw-ask", Roles.GridWorkerFullTime, Demo.Grid);
    private static readonly AuthenticationHeaderValue Village = TestTokens.Bearer("vh-decide", Roles.VillageHandler, Demo.Village);
    private static readonly AuthenticationHeaderValue Township = TestTokens.Bearer("td-decide", Roles.TownshipDispatcher, Demo.Township);
    private static readonly AuthenticationHeaderValue County = TestTokens.Bearer("cs-decide", Roles.CountySupervisor, Demo.County);

    [OneTimeSetUp]
    public async Task StartAsync() => _environment = await StandaloneEnvironment.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();

    [Test]
    public async Task Only_the_village_decides_a_courtyards_request_to_move_up_not_the_township_or_the_county()
    {
        var http = _environment.Host.Http;
        var filed = await _environment.Host.FileAsync(Demo.Courtyard, "other", "IV", "院内化粪池外溢");
        await Eventually.GetAsync(() => _environment.Host.IncidentAsync(filed.Id), i => i?.Status == "assigned" && i.Tier == "courtyard",
            TimeSpan.FromSeconds(30), "the case on the courtyard tier");
        var asked = await http.PostAsJsonAsync($"/incidents/{filed.Id}/escalation-requests", new { reason = "需村里协调物业" }, GridWorker);
        Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await asked.Content.ReadAsStringAsync());

        foreach (var higher in new[] { Township, County })
        {
            var refused = await http.PostAsJsonAsync($"/incidents/{filed.Id}/escalation-requests/decision", new { approve = true }, higher);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await refused.Content.ReadAsStringAsync());
        }
        Assert.That((await _environment.Host.IncidentAsync(filed.Id))!.Tier, Is.EqualTo("courtyard"), "refused decisions changed nothing");

        var approved = await http.PostAsJsonAsync($"/incidents/{filed.Id}/escalation-requests/decision", new { approve = true }, Village);
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
        await Eventually.GetAsync(() => _environment.Host.IncidentAsync(filed.Id), i => i?.Tier == "village", TimeSpan.FromSeconds(30),
            "the case taken up by the village");
    }
}
