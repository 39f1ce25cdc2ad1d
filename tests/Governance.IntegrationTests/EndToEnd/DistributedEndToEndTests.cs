using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Contracts;
using Governance.Infrastructure.Messaging;
using Governance.IntegrationTests.Support;
using Npgsql;

namespace Governance.IntegrationTests.EndToEnd;

/// <summary>
/// Distributed mode for real: Grids, Incidents and Dispatch each in its own process, talking only
/// over RabbitMQ, each with its own PostgreSQL database. Deadlines are seconds long, so the climb
/// from village to township happens on the real clock, fired by Dispatch's own sweeper.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DistributedEndToEndTests
{
    private PostgresRabbitEnvironment _environment = null!;
    private ServiceProcesses _services = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30), DefaultRequestHeaders = { Authorization = TestTokens.Bearer() } };
    private Dictionary<string, string> _settings = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await PostgresRabbitEnvironment.CreateAsync("e2e");
        var settings = _settings = _environment.Settings();
        settings["Dispatch:Deadlines:Interval"] = "00:00:00.200";
        settings["Logging:LogLevel:Default"] = "Warning";

        _services = await ServiceProcesses.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _services?.Dispose();
        _http.Dispose();
        await _environment.DisposeAsync();
    }

    private Task<IncidentJson> WaitForAsync(Guid id, Func<IncidentJson, bool> done, string what, int seconds = 30) =>
        Eventually.GetAsync(() => _http.GetFromJsonAsync<IncidentJson>(new Uri(_services.Incidents.Address, $"/incidents/{id}")),
            done, TimeSpan.FromSeconds(seconds), what);

    [Test]
    public async Task Filed_routed_to_village_escalated_to_township_on_timeout_resolved_and_verified()
    {
        // Deadlines of seconds: a village has 3 s before the case climbs.
        var policy = await _http.GetFromJsonAsync<JsonElement>(new Uri(_services.Dispatch.Address, "/dispatch/policy"));
        var put = await _http.PutAsJsonAsync(new Uri(_services.Dispatch.Address, "/dispatch/policy"), new
        {
            rules = policy.GetProperty("rules"),
            deadlines = new { courtyard = "2s", village = "3s", township = "10m", county = "1h" },
        });
        Assert.That((int)put.StatusCode, Is.EqualTo(200), await put.Content.ReadAsStringAsync());

        // Incidents learns the units from Grids over RabbitMQ; file once it knows them.
        var filedAt = DateTimeOffset.UtcNow;
        var created = await Eventually.GetAsync(async () =>
        {
            var response = await _http.PostAsJsonAsync(new Uri(_services.Incidents.Address, "/incidents"), new
            {
                unitCode = Demo.Courtyard, category = "dispute", grade = "IV", title = "宅基地边界纠纷", description = "两户因院墙位置争执",
            });
            return (int)response.StatusCode == 201 ? await response.Content.ReadFromJsonAsync<IncidentJson>() : null;
        }, _ => true, TimeSpan.FromSeconds(60), "Incidents to accept a filing at a demo courtyard");

        var routed = await WaitForAsync(created.Id, i => i.Tier is not null, "routing");
        Assert.That((routed.Status, routed.Tier, routed.HandlingUnitCode), Is.EqualTo(("assigned", "village", Demo.Village)));

        var escalated = await WaitForAsync(created.Id, i => i.Tier == "township", "the deadline escalation", seconds: 45);
        Assert.That(escalated.HandlingUnitCode, Is.EqualTo(Demo.Township));
        var climb = escalated.Timeline.Single(t => t.Action == "escalated");
        Assert.That(climb.Reason, Is.EqualTo("deadline-passed"));
        Assert.That(climb.At - routed.Timeline.Single(t => t.Action == "assigned").At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(3)));
        TestContext.Out.WriteLine($"filed→escalated in {(climb.At - filedAt).TotalSeconds:0.0}s (village deadline 3s)");

        var resolve = await _http.PostAsJsonAsync(new Uri(_services.Incidents.Address, $"/incidents/{created.Id}/resolve"), new { note = "司法所调解达成协议" }, "justice-office");
        Assert.That((int)resolve.StatusCode, Is.EqualTo(200));
        var verify = await _http.PostAsJsonAsync(new Uri(_services.Incidents.Address, $"/incidents/{created.Id}/verification"), new { result = "solved", satisfaction = "satisfied", comment = "满意" }, TestTokens.Verifier("gw-zhang"));
        Assert.That((int)verify.StatusCode, Is.EqualTo(200));

        var closed = await WaitForAsync(created.Id, i => i.Status == "closed", "closing");
        Assert.That(closed.Timeline.Where(t => t.Action != "warning").Select(t => t.Action),
            Is.EqualTo(new[] { "filed", "assigned", "escalated", "resolved", "verified" }));
        Assert.That(closed.Timeline.Where(t => t.Action == "warning").Select(t => t.Reason), Does.Contain("red"), "the red card when the deadline passed");
        await Eventually.GetAsync(async () =>
        {
            var view = await _http.GetFromJsonAsync<JsonElement>(new Uri(_services.Dispatch.Address, $"/dispatch/assignments/{created.Id}"));
            return view.GetProperty("assignment").GetProperty("status").GetString();
        }, s => s == "closed", TimeSpan.FromSeconds(30), "Dispatch to close the assignment (its clock stops)");
    }
}
