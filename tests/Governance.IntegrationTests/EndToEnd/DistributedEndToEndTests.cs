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

    [Test]
    public async Task Escalations_that_fell_due_while_Dispatch_was_down_fire_once_when_it_returns()
    {
        // Short clocks for this test only (the policy version is frozen with each case).
        var policy = await _http.GetFromJsonAsync<JsonElement>(new Uri(_services.Dispatch.Address, "/dispatch/policy"));
        var put = await _http.PutAsJsonAsync(new Uri(_services.Dispatch.Address, "/dispatch/policy"), new
        {
            rules = policy.GetProperty("rules"),
            // The village clock long enough that no case climbs on before Dispatch is killed, however slowly the
            // five are routed on a busy machine (4 s was not: a case reached the township before the kill).
            deadlines = new { courtyard = "2s", village = "20s", township = "10m", county = "1h" },
        });
        Assert.That((int)put.StatusCode, Is.EqualTo(200));

        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var created = await Eventually.GetAsync(async () =>
            {
                var response = await _http.PostAsJsonAsync(new Uri(_services.Incidents.Address, "/incidents"), new
                {
                    unitCode = $"50010100200{1 + i % 3}001001", category = "environment", grade = "III", title = $"停机期间{i}", description = "d",
                });
                return (int)response.StatusCode == 201 ? await response.Content.ReadFromJsonAsync<IncidentJson>() : null;
            }, _ => true, TimeSpan.FromSeconds(60), "a filing to be accepted");
            ids.Add(created.Id);
        }
        var villageDeadlines = new List<DateTimeOffset>();
        foreach (var id in ids) villageDeadlines.Add((await WaitForAsync(id, i => i.Tier == "village", "routing")).DueAt!.Value);

        // Dispatch dies (SIGKILL: no shutdown) and stays down until every village clock has run out.
        _services.KillDispatch();
        try
        {
            var untilAllDue = villageDeadlines.Max() + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
            if (untilAllDue > TimeSpan.Zero) await Task.Delay(untilAllDue < TimeSpan.FromSeconds(30) ? untilAllDue : TimeSpan.FromSeconds(30));
            foreach (var id in ids) Assert.That((await _http.GetFromJsonAsync<IncidentJson>(new Uri(_services.Incidents.Address, $"/incidents/{id}")))!.Tier, Is.EqualTo("village"));
        }
        finally
        {
            // Back whatever happened above: the fixture's other tests need Dispatch.
            await _services.RestartDispatchAsync(_settings);
        }
        foreach (var id in ids) await WaitForAsync(id, i => i.Tier == "township", "the escalation after the restart");

        // Counted once nothing is on its way: Incidents' inbox holds every escalation Dispatch announced
        // for these cases, nothing is left to relay, and neither queue holds a message (a redelivery
        // would be one). A repeat from any of them would be on the timeline by then.
        await Eventually.GetAsync(() => SettledAsync(ids), s => s.Announced >= ids.Count && s.Recorded == s.Announced && s.Unsent == 0 && s.Queued == 0,
            TimeSpan.FromSeconds(60), "the escalations to be announced, relayed and consumed");

        // Once each: one deadline escalation per case on Dispatch's side and on the timelines.
        var (lost, twice) = (0, 0);
        foreach (var id in ids)
        {
            var view = await _http.GetFromJsonAsync<JsonElement>(new Uri(_services.Dispatch.Address, $"/dispatch/assignments/{id}"));
            var escalations = view.GetProperty("escalations").GetArrayLength();
            var timeline = (await _http.GetFromJsonAsync<IncidentJson>(new Uri(_services.Incidents.Address, $"/incidents/{id}")))!.Timeline.Count(t => t.Action == "escalated");
            if (escalations == 0 || timeline == 0) lost++;
            else if (escalations > 1 || timeline > 1) twice++;
        }
        TestContext.Out.WriteLine($"fault=dispatch-down-during-deadlines cases={ids.Count} lost={lost} duplicated={twice}");
        Assert.That((lost, twice), Is.EqualTo((0, 0)));
    }

    private sealed record Settled(int Announced, long Recorded, long Unsent, long Queued);

    /// <summary>The IncidentEscalated messages Dispatch announced for the cases, how many of them
    /// Incidents' inbox recorded, Dispatch's unrelayed outbox rows, and the services' queued messages.</summary>
    private async Task<Settled?> SettledAsync(IReadOnlyCollection<Guid> cases)
    {
        var ids = cases.ToArray();
        Guid[] announced;
        long unsent, recorded;
        await using (var dispatch = new NpgsqlConnection(_environment.ConnectionStrings["dispatch"]))
        {
            announced = (await dispatch.QueryAsync<Guid>(
                "SELECT id FROM outbox_messages WHERE message_type = @type AND (body::jsonb->>'incidentId')::uuid = ANY(@ids)",
                new { type = typeof(IncidentEscalated).FullName, ids })).ToArray();
            unsent = await dispatch.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at_ms IS NULL");
        }
        await using (var incidents = new NpgsqlConnection(_environment.ConnectionStrings["incidents"]))
            recorded = await incidents.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'IncidentEscalatedConsumer' AND message_id = ANY(@announced)", new { announced });
        var queues = TestServers.QueueMessages(_environment.VirtualHost);
        var queued = queues[BusSetup.QueueName("incidents")] + queues[BusSetup.QueueName("dispatch")];
        return new Settled(announced.Length, recorded, unsent, queued);
    }
}
