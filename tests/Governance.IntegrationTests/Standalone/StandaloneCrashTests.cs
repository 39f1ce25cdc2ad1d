using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Standalone;

/// <summary>
/// Standalone's bus lives in the process: a message the outbox relay handed to it dies with the
/// process if no consumer finished it. The Host is killed (SIGKILL, as a power cut of the service or
/// the OOM killer would) while grid workers file, and started again on the same files: every case it
/// had acknowledged must exist once and be routed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StandaloneCrashTests
{
    private const int Workers = 16;

    private static readonly string[] Courtyards =
        (from t in Enumerable.Range(1, 3) from v in Enumerable.Range(1, 4) from g in Enumerable.Range(1, 2)
         select $"500101{t:D3}{v:D3}{g:D3}001").ToArray();

    [Test]
    public async Task Every_case_acknowledged_before_a_SIGKILL_is_routed_once_after_the_restart()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"governance-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        // As a user starts it (the default relay interval), signed-in like the other test hosts.
        var settings = StandaloneEnvironment.Settings(folder);
        settings.Remove("Outbox:PollInterval");
        foreach (var (key, value) in TestTokens.HostSettings) settings[key] = value;
        settings["Logging:LogLevel:Default"] = "Warning";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        http.DefaultRequestHeaders.Authorization = TestTokens.Bearer();
        var acknowledged = new ConcurrentBag<Guid>();
        try
        {
            using (var first = HostProcess.Start("grids,incidents,dispatch", settings))
            {
                await first.WaitReadyAsync(http, ServiceProcesses.StartLimit);
                await WaitForTheDemoCountyAsync(http, first.Address);
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                var filing = Enumerable.Range(0, Workers).Select(w => FileUntilRefusedAsync(http, first.Address, w, acknowledged, stop.Token)).ToArray();
                // Killed once cases flow through every hop, so some are between the relay and a consumer.
                await Eventually.GetAsync(() => Task.FromResult(acknowledged.Count), n => n >= 300, TimeSpan.FromSeconds(60), "300 cases filed");
                first.Kill();
                await Task.WhenAll(filing);
            }

            using var second = HostProcess.Start("grids,incidents,dispatch", settings);
            await second.WaitReadyAsync(http, ServiceProcesses.StartLimit);
            var (unrouted, assignedTwice) = await UnroutedAfterAsync(http, second.Address, acknowledged.ToList(), TimeSpan.FromSeconds(60));
            TestContext.Out.WriteLine($"acknowledged={acknowledged.Count} unrouted={unrouted.Count} assigned_twice={assignedTwice.Count}");
            Assert.Multiple(() =>
            {
                Assert.That(unrouted, Is.Empty, $"acknowledged before the kill, not routed a minute after the restart ({unrouted.Count} of {acknowledged.Count})");
                Assert.That(assignedTwice, Is.Empty, "a routing delivered again is recorded once");
            });
        }
        finally
        {
            await ScratchFolder.DeleteAsync(folder);
        }
    }

    private static async Task WaitForTheDemoCountyAsync(HttpClient http, Uri address) =>
        await Eventually.GetAsync(async () => await (await http.PostAsJsonAsync(new Uri(address, "/incidents"), new { unitCode = Demo.Grid })).Content.ReadAsStringAsync(),
            body => !body.Contains("not a known unit"), TimeSpan.FromSeconds(60), "Incidents to know the demo county");

    /// <summary>Files cases until the Host stops answering (or 2,000 of its own, or the time is up).</summary>
    private static async Task FileUntilRefusedAsync(HttpClient http, Uri address, int worker, ConcurrentBag<Guid> acknowledged, CancellationToken stop)
    {
        for (var i = 0; i < 2_000 && !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(new Uri(address, "/incidents"), new
                {
                    unitCode = Courtyards[(worker + i) % Courtyards.Length], category = "facilities", grade = "IV",
                    title = "路灯不亮", description = $"worker {worker}, case {i}",
                }, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                    acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("id").GetGuid());
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException)
            {
                return; // the Host is gone: an answer cut off by the kill was never an acknowledgement
            }
        }
    }

    /// <summary>The cases not (yet) routed when the time is up, asking again only for those still waiting,
    /// and those whose timeline shows the routing more than once.</summary>
    private static async Task<(List<Guid> Unrouted, List<Guid> AssignedTwice)> UnroutedAfterAsync(HttpClient http, Uri address, List<Guid> ids, TimeSpan limit)
    {
        var waiting = ids;
        var twice = new List<Guid>();
        var deadline = DateTime.UtcNow + limit;
        for (var round = 0; round < 600 && waiting.Count > 0 && DateTime.UtcNow < deadline; round++)
        {
            var still = new List<Guid>();
            foreach (var id in waiting)
            {
                using var response = await http.GetAsync(new Uri(address, $"/incidents/{id}"));
                if (response.StatusCode != HttpStatusCode.OK) { still.Add(id); continue; }
                var incident = (await response.Content.ReadFromJsonAsync<IncidentJson>())!;
                if (incident.Status == "filed") still.Add(id);
                else if (incident.Timeline.Count(t => t.Action == "assigned") > 1) twice.Add(id);
            }
            waiting = still;
            if (waiting.Count > 0) await Task.Delay(500);
        }
        return (waiting, twice);
    }
}
