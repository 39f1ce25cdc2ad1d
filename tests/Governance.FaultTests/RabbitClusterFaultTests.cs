using System.Diagnostics;
using Dapper;
using Governance.FaultTests.Harness;
using Npgsql;

namespace Governance.FaultTests;

/// <summary>
/// Issue #18, item 4: RabbitMQ as a three-node cluster with quorum queues, one node killed under load.
/// The services run as processes against the cluster of deploy/lib/servers.sh (ensure_rabbitmq_cluster,
/// loopback ports 5681–5683), all connected to node 1 first (Messaging:RabbitMq:Port, then :Nodes), and
/// their queues' leaders start there too (a quorum queue's leader is on the node that declared it). Node 1
/// is killed with SIGKILL mid-load: every service must move to a surviving node by itself, the queues
/// elect new leaders among the two left, and every acknowledged filing still ends routed exactly once.
/// Prints <c>fault=h … lost= duplicated= … recovery_s=</c>: seconds from the kill until a case filed after
/// it was routed, i.e. until filing, relaying and consuming all worked again.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RabbitClusterFaultTests
{
    private const int Cases = 240;
    private const string VirtualHost = "governance-fh";

    [Test]
    public async Task H_the_RabbitMQ_node_the_services_use_killed_mid_load_nothing_lost_or_doubled()
    {
        // The other fault drills stop the single broker and restart PostgreSQL, which this one uses too.
        using var machine = await MachineLock.TakeAsync(MachineLock.FaultTests, TimeSpan.FromMinutes(15));
        var watch = Stopwatch.StartNew();
        using var rabbit = RabbitCluster.Start();
        rabbit.CreateVirtualHost(VirtualHost);
        var clusterUp = watch.Elapsed;
        // The messaging watchdog's limits shortened from 90 s (and the relay's publish timeout from 30 s) so that a
        // process whose RabbitMQ client wedged when the node died (about one run in ten before the watchdog) is
        // stopped and started again well within the drill's waits.
        var settings = RabbitCluster.Settings(VirtualHost);
        settings["Messaging:Watchdog:StallLimit"] = "00:00:30";
        settings["Messaging:Watchdog:CheckInterval"] = "00:00:02";
        settings["Outbox:PublishTimeout"] = "00:00:10";
        await using var cluster = await FaultCluster.StartAsync("fh", settings: settings);
        const int survivor = 2;
        cluster.QueueDepths = () => rabbit.QueueDepths(VirtualHost, askNode: survivor);

        var queues = rabbit.Queues(VirtualHost, askNode: 1);
        var onNode1 = rabbit.ConnectionsTo(1, VirtualHost, askNode: 1);
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), Cases, TimeSpan.FromSeconds(12), label: "h");
        await load.TryWaitCreatedAsync(Cases / 3, TimeSpan.FromSeconds(60));
        var killedAt = load.Elapsed;
        rabbit.Kill(1);
        var recovery = SecondsUntilRoutedAfterAsync(cluster, load, killedAt, TimeSpan.FromSeconds(120));
        await done;

        var routed = await cluster.WaitRoutedAsync(load.Filed, TimeSpan.FromSeconds(120));
        var recoverySeconds = await recovery;
        var ready = await cluster.WaitAllReadyAsync(TimeSpan.FromSeconds(60));
        var moved = rabbit.ConnectionsTo(2, VirtualHost, askNode: survivor) + rabbit.ConnectionsTo(3, VirtualHost, askNode: survivor);
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        TestContext.Out.WriteLine($"broker after settling (node {survivor}):\n{rabbit.Describe(VirtualHost, survivor)}");

        var durable = queues.Where(q => q.Durable).ToList();
        var temporary = queues.Where(q => !q.Durable).ToList();
        audit.Report("h", watch.Elapsed,
            $"{load.Figures(killedAt)} recovery_s={(recoverySeconds is { } s ? $"{s:0.0}" : "none")} cluster_up_s={clusterUp.TotalSeconds:0} " +
            $"connections_on_killed_node={onNode1} connections_on_survivors={moved} " +
            $"durable_queues={string.Join(',', durable.Select(q => $"{q.Name}:{q.Type}"))} temporary_queues={string.Join(',', temporary.Select(q => $"{q.Name}:{q.Type}"))} " +
            $"all_routed={routed} ready_again={ready} error_queue={cluster.ErrorQueueDepth()} watchdog_restarts={cluster.WatchdogRestarts}");

        Assert.That(durable.Select(q => q.Name), Is.SupersetOf(new[] { "governance.grids", "governance.incidents", "governance.dispatch" }));
        Assert.That(durable, Has.All.Property(nameof(RabbitCluster.QueueInfo.Type)).EqualTo("quorum"), "every durable queue is a quorum queue");
        Assert.That(temporary, Is.Not.Empty.And.All.Property(nameof(RabbitCluster.QueueInfo.Type)).EqualTo("classic"),
            "the live board's temporary queue stays classic (auto-deleted)");
        Assert.That(onNode1, Is.GreaterThanOrEqualTo(3), "every service was connected to the node that was killed");
        load.AssertFaultLandedMidLoad(killedAt, Cases * 9 / 10); // the broker is not on the filing path
        Assert.That(recoverySeconds, Is.Not.Null, "a case filed after the kill was routed");
        Assert.That(ready, Is.True, "every service reconnected to a surviving node by itself");
        Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
    }

    /// <summary>Seconds from <paramref name="killedAt"/> (on the load's clock) until one of the cases
    /// acknowledged after it has left "filed" in Incidents; null if none did within the limit.</summary>
    private static async Task<double?> SecondsUntilRoutedAfterAsync(FaultCluster cluster, Load load, TimeSpan killedAt, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var after = load.Attempts.Where(a => a.Id is not null && a.At >= killedAt).Select(a => a.Id!.Value).ToArray();
            try
            {
                if (after.Length > 0 && await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>(
                        "SELECT COUNT(*) FROM incidents WHERE id = ANY(@after) AND status <> 'filed'", new { after })) > 0)
                    return (load.Elapsed - killedAt).TotalSeconds;
            }
            catch (NpgsqlException) { NpgsqlConnection.ClearAllPools(); }
            await Task.Delay(200);
        }
        return null;
    }
}
