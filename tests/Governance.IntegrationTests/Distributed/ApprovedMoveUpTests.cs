using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Distributed;

/// <summary>
/// Once the tier above approves a request to move a case up, the requester can no longer resolve it on the
/// tier he asked to leave, even before Dispatch has moved it (found trying it from outside: a grid worker
/// resolved the case on the courtyard right after the village said yes). Dispatch runs in its own host and is
/// stopped for the approval, so the gap lasts as long as the test needs it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ApprovedMoveUpTests
{
    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("gw-moving", Roles.GridWorkerFullTime, Demo.Grid);
    private static readonly AuthenticationHeaderValue Village = TestTokens.Bearer("vh-moving", Roles.VillageHandler, Demo.Village);

    private TwoHosts _hosts = null!; // Grids and Incidents in the first, Dispatch in the second
    private InProcessHost _cases = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _hosts = await TwoHosts.StartAsync("moving", "grids,incidents", "dispatch");
        _cases = _hosts.First;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _hosts.DisposeAsync();

    private async Task<JsonElement> CaseAsSeenByAsync(Guid id, AuthenticationHeaderValue token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{id}");
        request.Headers.Authorization = token;
        using var response = await _cases.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string[] Allowed(JsonElement view) =>
        view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, object body, AuthenticationHeaderValue token)
    {
        using var response = await _cases.Http.PostAsJsonAsync(url, body, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task After_the_village_approves_the_grid_worker_cannot_resolve_it_on_the_courtyard_while_Dispatch_moves_it()
    {
        var filed = await _cases.FileAsync(Demo.Courtyard, "other", "IV", "楼道堆物需村里协调");
        await Eventually.GetAsync(() => _cases.IncidentAsync(filed.Id), i => i?.Status == "assigned" && i.Tier == "courtyard",
            TimeSpan.FromSeconds(60), "the case on the courtyard tier");
        Assert.That((await PostAsync($"/incidents/{filed.Id}/escalation-requests", new { reason = "需村里协调" }, GridWorker)).Status,
            Is.EqualTo(HttpStatusCode.OK));

        await _hosts.StopSecondAsync(); // Dispatch is down: the approval's message waits in RabbitMQ
        var approved = await PostAsync($"/incidents/{filed.Id}/escalation-requests/decision", new { approve = true }, Village);
        Assert.That(approved.Status, Is.EqualTo(HttpStatusCode.OK), approved.Body);

        var resolved = await PostAsync($"/incidents/{filed.Id}/resolve", new { note = "已处理" }, GridWorker);
        Assert.That(resolved.Status, Is.EqualTo(HttpStatusCode.Forbidden), "the requester no longer holds it: " + resolved.Body);
        var askedAgain = await PostAsync($"/incidents/{filed.Id}/escalation-requests", new { reason = "再请" }, GridWorker);
        Assert.That(askedAgain.Status, Is.EqualTo(HttpStatusCode.Forbidden), askedAgain.Body);
        Assert.That(Allowed(await CaseAsSeenByAsync(filed.Id, GridWorker)), Has.None.EqualTo("resolve").And.None.EqualTo("request-move-up"));
        var early = await PostAsync($"/incidents/{filed.Id}/accept", new { }, Village);
        Assert.That(early.Status, Is.EqualTo(HttpStatusCode.Conflict), "the village acts once the case has arrived: " + early.Body);
        var decidedAgain = await PostAsync($"/incidents/{filed.Id}/escalation-requests/decision", new { approve = false, reason = "改主意" }, Village);
        Assert.That(decidedAgain.Status, Is.Not.EqualTo(HttpStatusCode.OK), "an approval is not taken back: " + decidedAgain.Body);
        var waiting = await _cases.IncidentAsync(filed.Id);
        Assert.That((waiting!.Status, waiting.Tier), Is.EqualTo(("assigned", "courtyard")), "nothing changed the case while it waits for Dispatch");

        await _hosts.StartSecondAsync();
        await Eventually.GetAsync(() => _cases.IncidentAsync(filed.Id), i => i?.Tier == "village", TimeSpan.FromSeconds(60),
            "Dispatch to move the case to the village once it is back");
        var accepted = await PostAsync($"/incidents/{filed.Id}/accept", new { }, Village);
        Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.Body);
        Assert.That((await PostAsync($"/incidents/{filed.Id}/resolve", new { note = "已处理" }, GridWorker)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
