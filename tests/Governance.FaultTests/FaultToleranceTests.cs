using System.Diagnostics;
using Dapper;
using Governance.Contracts;
using Governance.FaultTests.Harness;
using Governance.Infrastructure.Messaging;
using Governance.IntegrationTests.Support;
using Npgsql;

namespace Governance.FaultTests;

/// <summary>
/// Issue #6, points 5 and 6: nothing filed is lost and nothing is done twice while the broker, the
/// database or a service fails. Every scenario runs the services as real processes in distributed
/// mode (RabbitMQ, a PostgreSQL database per service, a virtual host of its own), files cases over
/// HTTP, breaks something in the middle, then counts in the databases what became of every case
/// that got 201 (<see cref="Audit"/>) and prints <c>fault=… cases=… lost=0 duplicated=0 seconds=…</c>
/// with the filings acknowledged, refused and unanswered (<see cref="Load.Figures"/>). A scenario
/// proves something only if enough filings were acknowledged and, where a fault strikes, some were
/// acknowledged before it and some after: each asserts that too.
/// The scenarios stop RabbitMQ and restart PostgreSQL for real; whatever happens, the tear-down
/// starts them again.
/// </summary>
// NUnit 5 marks [Order] obsolete in favour of [DependsOnTest], which would also run every earlier drill when one
// is run alone (--filter): minutes each. The drills only need a fixed sequence, which [Order] still gives.
#pragma warning disable CS0618
[TestFixture]
[NonParallelizable]
public sealed partial class FaultToleranceTests
{
    private const int Cases = 300;
    private IDisposable? _machineLock;

    [OneTimeSetUp]
    public async Task TakeMachineLockAsync() => _machineLock = await MachineLock.TakeAsync(MachineLock.FaultTests, TimeSpan.FromMinutes(15));

    [OneTimeTearDown]
    public void LeaveServersRunning()
    {
        LocalServers.EnsureBrokerRunning();
        LocalServers.EnsurePostgresRunning();
        _machineLock?.Dispose();
    }

    /// <summary>Bounded, and generous: it only takes long when the machine is slow.</summary>
    private static Task<bool> WaitRoutedAsync(FaultCluster cluster, Load load) =>
        cluster.WaitRoutedAsync(load.Filed, TimeSpan.FromSeconds(180));

    [Test, Order(1)]
    public async Task A_RabbitMQ_stopped_for_20s_while_cases_are_filed()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fa");
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(25), label: "a");
        TimeSpan stopped, started;
        try
        {
            await load.TryWaitCreatedAsync(Cases / 5, TimeSpan.FromSeconds(60));
            stopped = load.Elapsed;
            LocalServers.StopBroker();
            await Task.Delay(TimeSpan.FromSeconds(20));
        }
        finally
        {
            LocalServers.EnsureBrokerRunning();
        }
        started = load.Elapsed;
        var back = Stopwatch.StartNew();
        await done;

        var routed = await WaitRoutedAsync(cluster, load);
        var catchUp = back.Elapsed;
        var recovered = await cluster.WaitAllReadyAsync(TimeSpan.FromSeconds(60));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        var whileDown = load.Attempts.Where(a => a.At >= stopped && a.At < started).ToList();
        audit.Report("a", watch.Elapsed,
            $"{load.Figures(stopped)} filed_while_broker_down={whileDown.Count(a => a.Status == 201)} answers={load.Answers} all_routed={routed} routed_all_after={catchUp.TotalSeconds:0}s ready_again={recovered} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertFaultLandedMidLoad(stopped, Cases * 9 / 10); // the broker is not on the filing path
        Assert.That(recovered, Is.True, "every service reconnects to RabbitMQ by itself");
        Assert.That(whileDown.Count(a => a.Status == 201), Is.GreaterThan(Cases / 4), "intake must keep accepting while RabbitMQ is down");
        Assert.That(load.Attempts.Where(a => a.Status >= 400), Is.Empty, "no filing is refused: the outbox holds the announcements");
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }

    [Test, Order(2)]
    public async Task B_Dispatch_killed_with_SIGKILL_mid_load_and_restarted()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fb");
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(12), label: "b");
        await load.TryWaitCreatedAsync(Cases / 3, TimeSpan.FromSeconds(60));
        var inFlight = await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE status = 'filed'"));
        var killedAt = load.Elapsed;
        cluster.Kill(cluster.Running(FaultCluster.Dispatch)[0]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StartAsync(FaultCluster.Dispatch);
        await done;

        var routed = await WaitRoutedAsync(cluster, load);
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        audit.Report("b", watch.Elapsed, $"{load.Figures(killedAt)} unrouted_at_kill={inFlight} answers={load.Answers} all_routed={routed} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertFaultLandedMidLoad(killedAt, Cases * 9 / 10); // Dispatch is not on the filing path
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }

    [Test, Order(3)]
    public async Task C_every_IncidentFiled_and_IncidentRouted_delivered_twice()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fc");
        await using var broker = await Broker.ConnectAsync(cluster.Environment.VirtualHost);
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(10), label: "c");

        // Beside the relay, the test publishes every IncidentFiled (Incidents' outbox) and every
        // IncidentRouted (Dispatch's) a second time with the same message id — often before the
        // relay's own publish, so either copy may be the one processed first, or both at once.
        var copied = new HashSet<Guid>();
        async Task<int> CopyNewRowsAsync()
        {
            var rows = new List<(Guid Id, string MessageType, string Body)>();
            rows.AddRange(await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<(Guid, string, string)>(
                "SELECT id, message_type, body FROM outbox_messages WHERE message_type = @t", new { t = typeof(IncidentFiled).FullName })));
            rows.AddRange(await cluster.QueryAsync(FaultCluster.Dispatch, c => c.QueryAsync<(Guid, string, string)>(
                "SELECT id, message_type, body FROM outbox_messages WHERE message_type = @t", new { t = typeof(IncidentRouted).FullName })));
            var fresh = rows.Where(r => copied.Add(r.Id)).ToList();
            foreach (var row in fresh) await broker.PublishRowAsync(row.Id, row.MessageType, row.Body);
            return fresh.Count;
        }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!done.IsCompleted && DateTime.UtcNow < deadline)
        {
            await CopyNewRowsAsync();
            await Task.Delay(100);
        }
        await done;
        var routed = await WaitRoutedAsync(cluster, load);
        await CopyNewRowsAsync(); // the last IncidentRouted rows
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));

        var audit = await Audit.TakeAsync(cluster, load.Filed);
        var filedRows = await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox_messages WHERE message_type = @t", new { t = typeof(IncidentFiled).FullName }));
        var received = await cluster.QueryAsync(FaultCluster.Dispatch, c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'IncidentFiledConsumer'"));
        // Processed once, counted where a second processing would show: the 'assigned' entries on
        // each case's timeline in Incidents (one per IncidentRouted it processed; a second routing
        // in Dispatch would have announced another), beside the Audit's other effects.
        var assignedOnce = load.Filed.Count(id => audit.Assigned.GetValueOrDefault(id) == 1);
        audit.Report("c", watch.Elapsed,
            $"{load.Figures()} deliveries_doubled={copied.Count} incident_filed={filedRows} received_by_dispatch={received} assigned_once={assignedOnce} all_routed={routed}");
        load.AssertAcknowledgedAtLeast(Cases * 9 / 10);
        Assert.That(copied.Count, Is.GreaterThanOrEqualTo(2 * Cases), "every IncidentFiled and IncidentRouted was sent twice");
        Assert.That(received, Is.EqualTo(filedRows), "every IncidentFiled id reached Dispatch's inbox (one row per id, however often delivered)");
        Assert.That(assignedOnce, Is.EqualTo(load.Filed.Count), "each filed case shows one assignment on its timeline");
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }

    [Test, Order(4)]
    public async Task D_Incidents_killed_between_publish_and_mark_sent_its_outbox_relays_again()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fd");
        await using var broker = await Broker.ConnectAsync(cluster.Environment.VirtualHost);

        // A spy queue gets a copy of every IncidentFiled the relay publishes. Armed, it kills
        // Incidents (SIGKILL) the instant a copy arrives: the broker has the message, and the relay
        // has yet to finish its batch and commit the rows' sent_at_ms. If the row is still unsent
        // once the process is dead, the kill landed between publish and mark.
        var seen = new List<Guid>();
        var (armed, pid) = (0, 0);
        var hit = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (await broker.WatchAsync(await broker.SpyAsync(typeof(IncidentFiled)), messageId =>
        {
            var id = Guid.Parse(messageId);
            lock (seen) seen.Add(id);
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                LocalServers.KillNow(Volatile.Read(ref pid));
                hit.TrySetResult(id);
            }
        }))
        {
            var caught = new List<Guid>();
            var filed = new List<Guid>();
            var (kills, refused, unanswered, acknowledgedBeforeKills) = (0, 0, 0, 0);
            // Bursts of filings, a kill near the end of each; filings sent while Incidents is down
            // fail and do not count. Up to three rounds, until two kills landed in the window.
            for (var round = 0; round < 3 && caught.Count < 2; round++)
            {
                var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases / 3, TimeSpan.FromSeconds(4),
                    concurrency: 16, label: $"d{round}");
                // Near the end of the burst; on a slow machine, whenever the burst got that far.
                await load.TryWaitCreatedAsync(Cases / 3 * 2 / 3, TimeSpan.FromSeconds(60));
                var incidents = cluster.Running(FaultCluster.Incidents)[0];
                hit = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref pid, incidents.Id);
                Volatile.Write(ref armed, 1);
                var landed = await Task.WhenAny(hit.Task, Task.Delay(TimeSpan.FromSeconds(10))) == hit.Task;
                var killedAt = load.Elapsed;
                Volatile.Write(ref armed, 0);
                await done;
                if (landed)
                {
                    kills++;
                    acknowledgedBeforeKills += load.AcknowledgedBefore(killedAt);
                    cluster.Kill(incidents); // reaps it
                    var row = hit.Task.Result;
                    await Task.Delay(200); // a COMMIT already on the wire still lands
                    if (await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>(
                            "SELECT COUNT(*) FROM outbox_messages WHERE id = @row AND sent_at_ms IS NULL", new { row })) == 1)
                        caught.Add(row);
                    await cluster.StartAsync(FaultCluster.Incidents);
                }
                filed.AddRange(load.Filed);
                refused += load.Refused;
                unanswered += load.Unanswered;
            }
            // Filing goes on after the last kill: a short burst once Incidents is back.
            var (after, afterDone) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases / 10, TimeSpan.FromSeconds(2), label: "d-after");
            await afterDone;
            filed.AddRange(after.Filed);
            refused += after.Refused;
            unanswered += after.Unanswered;

            var routed = await cluster.WaitRoutedAsync(filed, TimeSpan.FromSeconds(120));
            await cluster.SettleAsync(TimeSpan.FromSeconds(60));
            var audit = await Audit.TakeAsync(cluster, filed);
            HashSet<Guid> publishedTwice;
            lock (seen) publishedTwice = seen.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            audit.Report("d", watch.Elapsed,
                $"acknowledged={filed.Count} refused={refused} unanswered={unanswered} acknowledged_before_kills={acknowledgedBeforeKills} " +
                $"acknowledged_after_last_kill={after.Acknowledged} kills={kills} killed_between_publish_and_mark={caught.Count} " +
                $"published_twice={publishedTwice.Count} all_routed={routed} error_queue={cluster.ErrorQueueDepth()}");
            Assert.Multiple(() =>
            {
                Assert.That(filed, Has.Count.GreaterThanOrEqualTo(Cases / 3), "filings acknowledged");
                Assert.That(acknowledgedBeforeKills, Is.GreaterThan(0), "filings acknowledged before the kills");
                Assert.That(after.Acknowledged, Is.GreaterThan(0), "filings acknowledged after the last kill");
            });
            Assert.That(caught, Is.Not.Empty, "at least one kill landed between a publish and its mark");
            Assert.That(caught, Is.SubsetOf(publishedTwice), "a row left unmarked by the dead relay is published again");
            Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
        }
    }

    [Test, Order(5)]
    public async Task E_PostgreSQL_restarted_mid_load()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fe");
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(15), label: "e");
        TimeSpan restartTook, restartedAt;
        try
        {
            await load.TryWaitCreatedAsync(Cases / 3, TimeSpan.FromSeconds(60));
            restartedAt = load.Elapsed;
            var restart = Stopwatch.StartNew();
            LocalServers.RestartPostgres();
            restartTook = restart.Elapsed;
        }
        finally
        {
            LocalServers.EnsurePostgresRunning();
        }
        await LocalServers.WaitForPostgresAsync(TestServers.PostgresAdmin, TimeSpan.FromSeconds(60));
        NpgsqlConnection.ClearAllPools(); // this process's own pooled sessions died with the server
        await done;

        var routed = await WaitRoutedAsync(cluster, load);
        var recovered = await cluster.WaitAllReadyAsync(TimeSpan.FromSeconds(60));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        audit.Report("e", watch.Elapsed,
            $"{load.Figures(restartedAt)} restart_seconds={restartTook.TotalSeconds:0.0} answers={load.Answers} all_routed={routed} ready_again={recovered} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertFaultLandedMidLoad(restartedAt, Cases / 2); // filings during the restart may be refused
        Assert.That(recovered, Is.True, "every service reconnects to PostgreSQL by itself");
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }

    [Test, Order(6)]
    public async Task F_a_poison_message_waits_in_the_error_queue_the_others_flow_on_and_it_replays_once_fixed()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("ff");
        await using var broker = await Broker.ConnectAsync(cluster.Environment.VirtualHost);

        // A grid that Incidents knows and Dispatch does not (as if Dispatch had missed Grids'
        // announcement): Incidents files cases there, Dispatch cannot route them.
        const string newGrid = "500101001001090";
        var unit = new UnitRecord(newGrid, "第九十网格", UnitLevel.Grid, Demo.Village, 1);
        await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteAsync(
            "INSERT INTO unit_copy (code, name, level, parent_code, version) VALUES (@Code, @Name, @Level, @ParentCode, @Version)",
            new { unit.Code, unit.Name, Level = (short)unit.Level, unit.ParentCode, unit.Version }));

        const int poisoned = 3, healthy = 200;
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), healthy + poisoned, TimeSpan.FromSeconds(10), label: "f",
            body: i => i % (healthy / poisoned) == 7 && i / (healthy / poisoned) < poisoned ? Load.Body($"poison #{i}", newGrid) : Load.Body($"f #{i}"));
        await done;
        var poison = await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<Guid>(
            "SELECT id FROM incidents WHERE unit_code = @newGrid", new { newGrid }));
        var others = load.Filed.Except(poison).ToList();
        Assert.That(poison.Count(), Is.EqualTo(poisoned));

        var othersRouted = await cluster.WaitRoutedAsync(others, TimeSpan.FromSeconds(120));
        var errorQueue = $"{BusSetup.QueueName(FaultCluster.Dispatch)}_error";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (cluster.ErrorQueueDepth(FaultCluster.Dispatch) < poisoned && DateTime.UtcNow < deadline) await Task.Delay(500);
        var dead = cluster.ErrorQueueDepth(FaultCluster.Dispatch);
        Assert.That(othersRouted, Is.True, "the other cases flow on past the poison");
        Assert.That(dead, Is.EqualTo(poisoned), $"the poison messages wait in {errorQueue}");

        // The fix: Dispatch learns the unit (Grids' announcement, sent again)...
        await broker.PublishAsync(new UnitsUpserted([unit]), Guid.NewGuid());
        var known = await cluster.WaitCountAsync(FaultCluster.Dispatch, "SELECT COUNT(*) FROM unit_copy WHERE code = @newGrid", new { newGrid }, 1, TimeSpan.FromSeconds(30));
        Assert.That(known, Is.EqualTo(1));
        // ...and the replay: the messages go back to the service's queue, unchanged.
        var moved = await ErrorQueueReplay.MoveAsync(broker.Connection, errorQueue, BusSetup.QueueName(FaultCluster.Dispatch));
        var replayedRouted = await cluster.WaitRoutedAsync(poison.ToList(), TimeSpan.FromSeconds(60));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));

        // The replayed copies kept their message ids: the outbox rows' ids are what Dispatch's inbox recorded.
        var poisonIds = poison.ToArray();
        var rowIds = (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<Guid>(
            "SELECT id FROM outbox_messages WHERE message_type = @type AND (body::jsonb->>'incidentId')::uuid = ANY(@poisonIds)",
            new { type = typeof(IncidentFiled).FullName, poisonIds }))).ToArray();
        var processedUnderOwnId = await cluster.QueryAsync(FaultCluster.Dispatch, c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'IncidentFiledConsumer' AND message_id = ANY(@rowIds)", new { rowIds }));

        var audit = await Audit.TakeAsync(cluster, load.Filed);
        audit.Report("f", watch.Elapsed,
            $"{load.Figures()} poisoned={poisoned} dead_lettered={dead} replayed={moved} replayed_routed={replayedRouted} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertAcknowledgedAtLeast((healthy + poisoned) * 9 / 10);
        Assert.That(moved, Is.EqualTo(poisoned));
        Assert.That(processedUnderOwnId, Is.EqualTo(poisoned), "a replayed message keeps its message id");
        // A quorum queue's message count (rabbitmqctl list_queues) follows its acknowledgements a few seconds late.
        var emptied = Stopwatch.StartNew();
        while (cluster.ErrorQueueDepth() != 0 && emptied.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(500);
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero, "the error queue empty after the replay");
    }

    [Test, Order(7)]
    public async Task G_two_instances_of_each_service_route_and_escalate_every_case_once()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fg", instances: 2, new Dictionary<string, string>
        {
            ["Dispatch:Deadlines:Interval"] = "00:00:00.100",
            // Six processes share one PostgreSQL (max_connections 100): fewer messages in flight each.
            ["Messaging:PrefetchCount"] = "16",
        });
        // Seconds on every tier: each case climbs courtyard → village → township → county, then is
        // flagged overdue at the county, with both sweepers racing for every deadline.
        await cluster.SetDeadlinesAsync("2s", "2s", "2s", "2s");
        const int count = 200;
        var (load, done) = Load.Start(cluster.Http, i => cluster.IncidentsAddress(i), count, TimeSpan.FromSeconds(5), label: "g");
        // Meanwhile handlers acknowledge (签收) each case on each tier just as its clock runs out:
        // Dispatch consumes the IncidentAccepted (either instance) while a sweeper (either one) is
        // escalating the same assignment. Acknowledging does not stop the clock, so the climb is
        // the same; neither may undo or repeat the other's change.
        using var stopHandlers = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var handlers = AcknowledgeAsDeadlinesPassAsync(cluster, () => load.Filed, stopHandlers.Token);
        await done;
        var routed = await WaitRoutedAsync(cluster, load);
        var filed = load.Filed.ToArray();
        const string flaggedSql = "SELECT COUNT(*) FROM incidents WHERE id = ANY(@filed) AND flagged_overdue_at_ms IS NOT NULL";
        await cluster.WaitCountAsync(FaultCluster.Incidents, flaggedSql, new { filed }, filed.Length, TimeSpan.FromSeconds(180));
        await stopHandlers.CancelAsync();
        var acknowledged = await handlers;
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var flagged = await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>(flaggedSql, new { filed }));

        var audit = await Audit.TakeAsync(cluster, load.Filed);
        var climbs = filed.Select(id => audit.Escalations.GetValueOrDefault(id)).ToList();
        audit.Report("g", watch.Elapsed,
            $"{load.Figures()} instances=2 escalations={climbs.Sum()} handler_acknowledged={acknowledged} flagged_overdue={flagged} all_routed={routed} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertAcknowledgedAtLeast(count * 9 / 10);
        Assert.That(climbs, Is.All.EqualTo(3), "courtyard → village → township → county: three escalations per case, each once");
        Assert.That(flagged, Is.EqualTo(filed.Length));
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }

    /// <summary>Posts /accept for every assigned case whose deadline is due within 100 ms (or just
    /// passed), round-robin over the Incidents instances, until cancelled; returns how many the
    /// Incidents service accepted.</summary>
    private static async Task<int> AcknowledgeAsDeadlinesPassAsync(FaultCluster cluster, Func<IReadOnlyList<Guid>> cases, CancellationToken stop)
    {
        var acknowledged = 0;
        var attempts = 0;
        while (!stop.IsCancellationRequested)
        {
            var ids = cases().ToArray();
            var soon = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 100;
            var due = ids.Length == 0 ? [] : (await cluster.QueryAsync(FaultCluster.Incidents, c => c.QueryAsync<Guid>(
                "SELECT id FROM incidents WHERE id = ANY(@ids) AND status = 'assigned' AND due_at_ms <= @soon", new { ids, soon }))).ToList();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            {
                var address = cluster.IncidentsAddress(Interlocked.Increment(ref attempts));
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, $"/incidents/{id}/accept"));
                request.Headers.Authorization = TestTokens.Bearer("handler");
                try
                {
                    using var response = await cluster.Http.SendAsync(request);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref acknowledged);
                }
                // A slow answer is counted like a refused one: this drill asks whether each case climbs once, not how
                // fast an accept is (the benchmarks measure that), and one timeout must not end the handlers' loop.
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { /* counted by what did get through */ }
            });
            try { await Task.Delay(50, stop); } catch (OperationCanceledException) { }
        }
        return acknowledged;
    }

    [Test, Order(8)]
    public async Task Deadlines_that_fall_due_while_Dispatch_is_down_fire_once_when_it_returns()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("f6", settings: new Dictionary<string, string>
        {
            ["Dispatch:Deadlines:Interval"] = "00:00:00.200",
        });
        // 10 s on the courtyard tier; the village that the cases climb to has an hour.
        await cluster.SetDeadlinesAsync("10s", "1h", "1h", "1h");
        const int count = 200;
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), count, TimeSpan.FromSeconds(3), label: "6");
        await done;
        var filed = load.Filed.ToArray();
        // Dispatch dies (SIGKILL: no shutdown, nothing flushed) as soon as it has assigned every case. (An orderly stop
        // would be the easier case; the integration tests' end-to-end fixture used to drill the kill, 40 s of their run.)
        var assigned = await cluster.WaitCountAsync(FaultCluster.Dispatch, "SELECT COUNT(*) FROM assignments WHERE incident_id = ANY(@filed)",
            new { filed }, filed.Length, TimeSpan.FromSeconds(180));
        Assert.That(assigned, Is.EqualTo(filed.Length), "Dispatch assigns every case before it stops");
        cluster.Kill(cluster.Running(FaultCluster.Dispatch)[0]);
        var stoppedAt = watch.Elapsed;

        var (escalatedBeforeStop, lastDueMs) = await cluster.QueryAsync(FaultCluster.Dispatch, async c => (
            await c.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT incident_id) FROM escalations WHERE incident_id = ANY(@filed)", new { filed }),
            await c.ExecuteScalarAsync<long>("SELECT MAX(due_at_ms) FROM assignments WHERE incident_id = ANY(@filed) AND tier = 'courtyard'", new { filed })));
        // It stays down until every courtyard clock has run out, and a little longer.
        var wait = DateTimeOffset.FromUnixTimeMilliseconds(lastDueMs) + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait < TimeSpan.FromSeconds(30) ? wait : TimeSpan.FromSeconds(30));
        var returnedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await cluster.StartAsync(FaultCluster.Dispatch);
        var downFor = watch.Elapsed - stoppedAt;

        await cluster.WaitCountAsync(FaultCluster.Incidents, "SELECT COUNT(*) FROM incidents WHERE id = ANY(@filed) AND tier = 'village'",
            new { filed }, filed.Length, TimeSpan.FromSeconds(180));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        var (firedAfterReturn, atVillage) = await cluster.QueryAsync(FaultCluster.Dispatch, async c => (
            await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM escalations WHERE incident_id = ANY(@filed) AND reason = 'deadline-passed' AND at_ms >= @returnedMs",
                new { filed, returnedMs }),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assignments WHERE incident_id = ANY(@filed) AND tier = 'village'", new { filed })));
        var dueWhileDown = filed.Length - escalatedBeforeStop;
        audit.Report("6", watch.Elapsed,
            $"{load.Figures()} due_while_down={dueWhileDown} fired_after_return={firedAfterReturn} escalated_before_stop={escalatedBeforeStop} dispatch_down={downFor.TotalSeconds:0}s at_village={atVillage} error_queue={cluster.ErrorQueueDepth()}");
        load.AssertAcknowledgedAtLeast(count * 9 / 10);
        Assert.That(dueWhileDown, Is.GreaterThan(0), "some deadlines fell due while Dispatch was down (else the machine was too slow to test this)");
        Assert.That(filed.Select(id => audit.Escalations.GetValueOrDefault(id)), Is.All.EqualTo(1), "each due case escalated exactly once");
        Assert.That(firedAfterReturn, Is.EqualTo(dueWhileDown), "what fell due while Dispatch was down fired when it returned");
        Assert.That(atVillage, Is.EqualTo(filed.Length));
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }
}
