using System.Net.Http.Json;
using System.Text;
using Dapper;
using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Deadlines;
using Governance.Incidents.Data;
using Governance.Infrastructure.Messaging;
using Governance.IntegrationTests.Support;
using MassTransit;
using Microsoft.Extensions.Time.Testing;
using RabbitMQ.Client;

namespace Governance.IntegrationTests.Distributed;

/// <summary>
/// The three services in one process, but on the distributed transport and databases: real
/// RabbitMQ, one real PostgreSQL database per service. The clock is fake, so deadlines of days
/// pass in an instant and nothing sleeps.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RabbitPostgresFlowTests
{
    private PostgresRabbitEnvironment _environment = null!;
    private InProcessHost _host = null!;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await PostgresRabbitEnvironment.CreateAsync("flow");
        _host = await InProcessHost.StartAsync(_environment.Settings(), _time);
        // These tests follow cases up the ladder: every missed deadline escalates here.
        await PolicyEdits.EscalateOnMissedDeadlineAsync(_host.Http);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _environment.DisposeAsync();
    }

    private Task<IncidentJson> WaitForAsync(Guid id, Func<IncidentJson, bool> done, string what) =>
        Eventually.GetAsync(() => _host.IncidentAsync(id), done, TimeSpan.FromSeconds(30), what);

    private async Task<IncidentJson> FileWhenUnitsKnownAsync(string unitCode, string category, string grade) =>
        await Eventually.GetAsync(async () =>
        {
            try { return await _host.FileAsync(unitCode, category, grade); }
            catch (InvalidOperationException) { return null; } // Incidents' copy of the units not complete yet
        }, _ => true, TimeSpan.FromSeconds(30), "Incidents to know the demo county's units");

    [Test]
    public async Task Dispute_is_routed_to_village_and_climbs_to_township_when_its_deadline_passes_then_closes_on_verification()
    {
        var filed = await FileWhenUnitsKnownAsync(Demo.Courtyard, "dispute", "IV");
        var routed = await WaitForAsync(filed.Id, i => i.Status == "assigned", "the case to be routed");
        Assert.That(routed.Tier, Is.EqualTo("village"));
        Assert.That(routed.HandlingUnitCode, Is.EqualTo(Demo.Village));
        Assert.That(routed.DueAt, Is.EqualTo(routed.Timeline.Single(t => t.Action == "assigned").At + TimeSpan.FromDays(3)));

        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        // The background sweeper wakes on the fake clock too; whichever sweep claims the case, it climbs once.
        await _host.Get<DeadlineSweeper>().SweepAsync();

        var escalated = await WaitForAsync(filed.Id, i => i.Tier == "township", "the escalation to reach Incidents");
        Assert.That(escalated.HandlingUnitCode, Is.EqualTo(Demo.Township));
        var step = escalated.Timeline.Single(t => t.Action == "escalated");
        Assert.That(step.Reason, Is.EqualTo("deadline-passed"));
        Assert.That(escalated.DueAt, Is.EqualTo(step.At + TimeSpan.FromDays(7)));

        var resolved = await _host.Http.PostAsJsonAsync($"/incidents/{filed.Id}/resolve", new { note = "调解成功" }, "township-handler");
        Assert.That((int)resolved.StatusCode, Is.EqualTo(200));
        var verified = await _host.Http.PostAsJsonAsync($"/incidents/{filed.Id}/verification", new { satisfied = true }, TestTokens.Verifier("reporter"));
        Assert.That((int)verified.StatusCode, Is.EqualTo(200));

        var closed = await _host.IncidentAsync(filed.Id);
        Assert.That(closed!.Status, Is.EqualTo("closed"));
        await Eventually.GetAsync(async () =>
        {
            var body = await _host.Http.GetStringAsync($"/dispatch/assignments/{filed.Id}");
            return body.Contains("\"status\":\"closed\"") ? body : null;
        }, _ => true, TimeSpan.FromSeconds(30), "Dispatch to close the assignment");
    }

    [Test]
    public async Task The_same_Idempotency_Key_sent_eight_times_at_once_files_one_case_and_answers_every_request_with_it()
    {
        await FileWhenUnitsKnownAsync(Demo.Courtyard, "other", "IV"); // units known before the race
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/incidents")
            {
                Content = JsonContent.Create(new { unitCode = Demo.Courtyard, category = "consultation", grade = "IV", title = "同一请求", description = "重试" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            var response = await _host.Http.SendAsync(request);
            return ((int)response.StatusCode, (await response.Content.ReadFromJsonAsync<IncidentJson>())!.Id);
        }));
        Assert.That(responses.Count(r => r.Item1 == 201), Is.EqualTo(1), "one request files the case");
        Assert.That(responses.Where(r => r.Item1 != 201).Select(r => r.Item1), Is.All.EqualTo(200), "the others get it back, no 500");
        Assert.That(responses.Select(r => r.Id).Distinct().Count(), Is.EqualTo(1));
        await using var c = await _host.Get<IncidentsDatabase>().OpenAsync();
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE idempotency_key = @key", new { key }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_redelivered_IncidentFiled_routes_the_case_once()
    {
        await FileWhenUnitsKnownAsync(Demo.Grid, "environment", "IV"); // units known to Dispatch too
        var incidentId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var otherId = Guid.NewGuid();
        var message = new IncidentFiled(incidentId, Demo.Grid, Category.Environment, Grade.III, "重复投递", "test", _time.GetUtcNow());
        var bus = _host.Get<IBus>();
        await bus.Publish(message, c => c.MessageId = messageId);
        await bus.Publish(message, c => c.MessageId = messageId);
        await bus.Publish(message, c => c.MessageId = otherId); // the same case under another id

        // Done when both ids are recorded and Dispatch's queue holds nothing, delivered or not: the
        // broker confirmed the three publishes, so the repeat of the first id has been consumed too.
        var db = _host.Get<DispatchDatabase>();
        var queue = BusSetup.QueueName("dispatch");
        await Eventually.GetAsync(async () =>
        {
            await using var c = await db.OpenAsync();
            var recorded = await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'IncidentFiledConsumer' AND message_id IN (@messageId, @otherId)", new { messageId, otherId });
            return (Recorded: recorded, Queued: TestServers.QueueMessages(_environment.VirtualHost)[queue]);
        }, r => r == (2, 0), TimeSpan.FromSeconds(60), $"Dispatch to record both ids and {queue} to be empty");

        // What a second routing would add: another IncidentRouted announced, or a later assignment
        // (sequence 2) in place of the first; the assignment row itself is one per case by its key.
        await using var connection = await db.OpenAsync();
        var routedAnnouncements = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox_messages WHERE message_type = @type AND body LIKE @id",
            new { type = typeof(IncidentRouted).FullName, id = $"%{incidentId}%" });
        var sequence = await connection.QuerySingleAsync<int>("SELECT sequence FROM assignments WHERE incident_id = @incidentId", new { incidentId });
        TestContext.Out.WriteLine($"deliveries=3 assignment_sequence={sequence} routed_announcements={routedAnnouncements}");
        Assert.That(sequence, Is.EqualTo(1));
        Assert.That(routedAnnouncements, Is.EqualTo(1));
    }

    [Test]
    public async Task A_poison_message_ends_in_the_error_queue_and_the_others_flow_on()
    {
        var poisonId = Guid.NewGuid();
        await _host.Get<IBus>().Publish(new IncidentFiled(poisonId, "000000000000999", Category.Other, Grade.IV, "无效网格", "test", _time.GetUtcNow()));

        var factory = new ConnectionFactory { HostName = TestServers.RabbitHost, VirtualHost = _environment.VirtualHost };
        var errorQueue = $"{BusSetup.QueueName("dispatch")}_error";
        var dead = await Eventually.GetAsync(async () =>
        {
            // A fresh connection each time: asking for a queue that does not exist yet closes the channel, and a quorum
            // queue declared a moment ago may answer "noproc" (541), which closes the whole connection.
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                await using var channel = await connection.CreateChannelAsync();
                return await channel.BasicGetAsync(errorQueue, autoAck: true);
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) { return null; }
        }, got => got is not null, TimeSpan.FromSeconds(60), $"the poison message in {errorQueue}");
        Assert.That(Encoding.UTF8.GetString(dead.Body.Span), Does.Contain(poisonId.ToString()));

        var healthy = await FileWhenUnitsKnownAsync(Demo.Courtyard, "facilities", "III");
        var routed = await WaitForAsync(healthy.Id, i => i.Status == "assigned", "a healthy case to be routed after the poison");
        Assert.That(routed.Tier, Is.EqualTo("village"));
    }

    [Test]
    public async Task A_row_published_again_after_the_relay_lost_its_mark_changes_nothing_twice()
    {
        var filed = await FileWhenUnitsKnownAsync(Demo.Courtyard, "livelihood", "IV");
        await WaitForAsync(filed.Id, i => i.Status == "assigned", "the case to be routed");

        // As if the relay died after RabbitMQ confirmed the publish but before it marked the row sent.
        var incidents = _host.Get<IncidentsDatabase>();
        await using (var c = await incidents.OpenAsync())
        {
            var reset = await c.ExecuteAsync("UPDATE outbox_messages SET sent_at_ms = NULL WHERE message_type = @type AND body LIKE @id",
                new { type = typeof(IncidentFiled).FullName, id = $"%{filed.Id}%" });
            Assert.That(reset, Is.EqualTo(1));
        }
        await Eventually.GetAsync(async () =>
        {
            await using var c = await incidents.OpenAsync();
            return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at_ms IS NULL");
        }, n => n == 0, TimeSpan.FromSeconds(30), "the relay to publish the row again");

        var dispatch = _host.Get<DispatchDatabase>();
        await using var connection = await dispatch.OpenAsync();
        var sequence = await connection.ExecuteScalarAsync<int>("SELECT sequence FROM assignments WHERE incident_id = @id", new { id = filed.Id });
        var routed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE message_type = @type AND body LIKE @id",
            new { type = typeof(IncidentRouted).FullName, id = $"%{filed.Id}%" });
        Assert.That(sequence, Is.EqualTo(1));
        Assert.That(routed, Is.EqualTo(1));
    }

    [Test]
    public async Task A_change_that_fails_leaves_no_message_behind()
    {
        var marker = $"rolled-back-{Guid.NewGuid()}";
        var runner = _host.Get<UnitOfWorkRunner<IncidentsDatabase>>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(async uow =>
        {
            await uow.PublishAsync(new UnitSnapshotRequested(marker));
            throw new InvalidOperationException("the change failed after queuing its message");
        }));
        await using var c = await _host.Get<IncidentsDatabase>().OpenAsync();
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE body LIKE @m", new { m = $"%{marker}%" }), Is.Zero);
    }

    [Test]
    public async Task The_whole_escalation_ladder_works_over_RabbitMQ_with_every_reason_recorded()
    {
        // Deadline: courtyard → village → township → county, then flagged (the county is the top).
        var climbing = await FileWhenUnitsKnownAsync(Demo.Grid, "environment", "IV");
        await WaitForAsync(climbing.Id, i => i.Tier == "courtyard", "routing to the grid");
        foreach (var (days, tier) in new[] { (1.0, "village"), (3.0, "township"), (7.0, "county") })
        {
            _time.Advance(TimeSpan.FromDays(days) + TimeSpan.FromSeconds(1));
            await _host.Get<DeadlineSweeper>().SweepAsync();
            await WaitForAsync(climbing.Id, i => i.Tier == tier, $"the climb to {tier}");
        }
        _time.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1));
        await _host.Get<DeadlineSweeper>().SweepAsync();
        await WaitForAsync(climbing.Id, i => i.FlaggedOverdueAt is not null, "the county flag");

        // Handler asked; re-graded; twice not solved; the county pulled it up.
        var asked = await FileWhenUnitsKnownAsync(Demo.Courtyard, "facilities", "III");
        await WaitForAsync(asked.Id, i => i.Tier == "village", "routing");
        await _host.Http.PostAsJsonAsync($"/incidents/{asked.Id}/escalation-requests", new { reason = "超出村级能力" }, "village-handler");
        await _host.Http.PostAsJsonAsync($"/incidents/{asked.Id}/escalation-requests/decision", new { approve = true }, "township-dispatcher");
        await WaitForAsync(asked.Id, i => i.Tier == "township", "the requested escalation");

        var regraded = await FileWhenUnitsKnownAsync(Demo.Courtyard, "facilities", "IV");
        await WaitForAsync(regraded.Id, i => i.Tier == "courtyard", "routing");
        await _host.Http.PostAsJsonAsync($"/incidents/{regraded.Id}/grade", new { grade = "II", reason = "隐患扩大" }, "gw-zhang");
        await WaitForAsync(regraded.Id, i => i.Tier == "township", "the re-graded climb");

        var rejected = await FileWhenUnitsKnownAsync(Demo.Courtyard, "livelihood", "III");
        await WaitForAsync(rejected.Id, i => i.Tier == "village", "routing");
        for (var round = 1; round <= 2; round++)
        {
            await _host.Http.PostAsJsonAsync($"/incidents/{rejected.Id}/resolve", new { note = $"第{round}次处理" }, "village-handler");
            await _host.Http.PostAsJsonAsync($"/incidents/{rejected.Id}/verification", new { result = "not-solved" }, TestTokens.Verifier("resident"));
            await WaitForAsync(rejected.Id, i => i.Status != "resolved", "the verification");
        }
        await WaitForAsync(rejected.Id, i => i.Tier == "township", "the climb after two rejections");

        await _host.Http.PostAsJsonAsync($"/dispatch/assignments/{asked.Id}/pull-up", new { reason = "跨乡镇供水" }, "county-supervisor");
        await WaitForAsync(asked.Id, i => i.Tier == "county", "the pull-up");

        var dispatch = _host.Get<DispatchDatabase>();
        await using var connection = await dispatch.OpenAsync();
        var reasons = (await connection.QueryAsync<string>(
            "SELECT reason FROM escalations WHERE incident_id IN (@a, @b, @c, @d)",
            new { a = climbing.Id, b = asked.Id, c = regraded.Id, d = rejected.Id })).ToList();
        TestContext.Out.WriteLine($"escalations over RabbitMQ: {string.Join(", ", reasons.GroupBy(r => r).Select(g => $"{g.Key}={g.Count()}"))}");
        Assert.That(reasons.Count(r => r == "deadline-passed"), Is.EqualTo(3));
        Assert.That(reasons, Does.Contain("handler-requested").And.Contain("regraded").And.Contain("rejected-twice").And.Contain("county-pulled-up"));
    }
}
