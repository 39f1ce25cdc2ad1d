using System.Diagnostics;
using Governance.FaultTests.Harness;
using Governance.IntegrationTests.Support;

namespace Governance.FaultTests;

// One fixture with the other drills (FaultToleranceTests.cs): the same machine lock and order ([Order]: see there).
#pragma warning disable CS0618
public sealed partial class FaultToleranceTests
{
    /// <summary>
    /// The messaging watchdog end to end (shared/Infrastructure/Messaging/Watchdog): RabbitMQ's memory alarm is raised
    /// (the high watermark set to 0), so the broker blocks every publishing connection and confirms nothing while it
    /// answers everything else — from inside a process, what a wedged client looks like. Cases are filed meanwhile
    /// (the phone's way: Idempotency-Key, sent again after no answer); Incidents' relay gives up batch after batch;
    /// after Messaging:Watchdog:StallLimit the process logs its crit line and exits 75, and the harness starts it
    /// again as systemd does. Once the alarm is lowered every acknowledged case is routed once.
    /// Prints <c>lost= duplicated= watchdog_restarts=</c>.
    /// </summary>
    [Test, Order(11)]
    public async Task L_the_broker_confirms_nothing_while_it_answers_the_watchdog_restarts_the_process_nothing_lost()
    {
        const int cases = 120;
        var watch = Stopwatch.StartNew();
        var settings = new Dictionary<string, string>
        {
            ["Messaging:Watchdog:StallLimit"] = "00:00:15",
            ["Messaging:Watchdog:CheckInterval"] = "00:00:01",
            ["Outbox:PublishTimeout"] = "00:00:05",
        };
        await using var cluster = await FaultCluster.StartAsync("fl", settings: settings);
        var (load, done) = Load.Start(cluster.Http, _ => cluster.IncidentsAddress(), cases, TimeSpan.FromSeconds(20),
            label: "l", retry: true, maxTries: 12);
        await load.TryWaitCreatedAsync(cases / 4, TimeSpan.FromSeconds(60));
        var alarmAt = load.Elapsed;
        TimeSpan restartedAfter;
        try
        {
            LocalServers.Rabbitmqctl("set_vm_memory_high_watermark", "0");
            await Eventually.GetAsync(() => Task.FromResult<int?>(cluster.WatchdogRestarts), n => n >= 1, TimeSpan.FromSeconds(90),
                "a process to be stopped by its watchdog and started again");
            restartedAfter = load.Elapsed - alarmAt;
        }
        finally
        {
            LocalServers.Rabbitmqctl("set_vm_memory_high_watermark", "0.4"); // RabbitMQ's default, which servers.sh keeps
        }
        await done;

        var routed = await WaitRoutedAsync(cluster, load);
        var ready = await cluster.WaitAllReadyAsync(TimeSpan.FromSeconds(60));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        var reasons = cluster.WatchdogReasons;
        audit.Report("l", watch.Elapsed,
            $"{load.Figures(alarmAt)} watchdog_restarts={cluster.WatchdogRestarts} first_restart_after_s={restartedAfter.TotalSeconds:0} " +
            $"all_routed={routed} ready_again={ready} error_queue={cluster.ErrorQueueDepth()}");
        foreach (var reason in reasons) TestContext.Out.WriteLine($"  watchdog: {reason}");
        Assert.Multiple(() =>
        {
            Assert.That(reasons, Has.Some.StartsWith("incidents: ").And.Some.Contains("no publish confirmed"),
                "Incidents, whose relay had rows to send, stopped itself for it");
            Assert.That(ready, Is.True);
            Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
        });
    }
}
