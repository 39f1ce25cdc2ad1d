using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.FaultTests.Harness;
using Governance.IntegrationTests.Support;

namespace Governance.FaultTests;

// One fixture with the other drills (FaultToleranceTests.cs): the same machine lock and order ([Order]: see there).
#pragma warning disable CS0618
public sealed partial class FaultToleranceTests
{
    private static readonly string[] Services = [FaultCluster.Grids, FaultCluster.Incidents, FaultCluster.Dispatch];

    /// <summary>
    /// Issue #18, item 4: two instances of each service behind the gateway (services/Gateway), cases filed
    /// through it under load as the filing page files them (Idempotency-Key, sent again after no answer or
    /// a 5xx), one instance of each service killed with SIGKILL mid-load. The gateway routes around them:
    /// every filing sent once they are dead succeeds at its first try (only those in flight at the kill
    /// may fail, and succeed when sent again), and its health checks stop routing to them; its readiness
    /// says "degraded" (200), never "unready", while they are dead and "ready" once they are back at their
    /// addresses; every filing is acknowledged, stored once and routed (the surviving instances compete
    /// for the same queues). Prints <c>lost= duplicated= recovery_s=</c>: recovery_s is how long after
    /// the kill the last filing was sent whose first try failed (0 when none did).
    /// </summary>
    [Test, Order(9)]
    public async Task H_one_instance_of_each_service_killed_behind_the_gateway_which_routes_around_them()
    {
        var watch = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync("fh", instances: 2, new Dictionary<string, string>
        {
            ["Messaging:PrefetchCount"] = "16", // six processes share one PostgreSQL, as in drill G
        });
        // Its health probes wait longer than the 2 s shipped: on a loaded test machine a live instance's answer
        // can take that long, and this drill is about instances that are dead (refused at once), not slow.
        var probeTimeout = new Dictionary<string, string> { ["Gateway:HealthTimeout"] = "00:00:10" };
        foreach (var service in Services) probeTimeout[$"ReverseProxy:Clusters:{service}:HealthCheck:Active:Timeout"] = "00:00:10";
        var gateway = await cluster.StartGatewayAsync(probeTimeout);
        const int count = 240;
        var (load, done) = Load.Start(cluster.Http, _ => gateway.Address, count, TimeSpan.FromSeconds(20), label: "j", retry: true);
        await load.TryWaitCreatedAsync(count / 4, TimeSpan.FromSeconds(60));

        var victims = Services.Select(s => cluster.Running(s)[0]).ToList();
        var killedAt = load.Elapsed;
        foreach (var victim in victims) cluster.Kill(victim); // SIGKILL, and waits until each has ended
        var deadAt = load.Elapsed;
        using var stopWatching = new CancellationTokenSource();
        var watching = WatchReadinessAsync(cluster.Http, gateway.Address, stopWatching.Token);

        // Dead until the gateway has stopped routing to all three (YARP's health checks) and a few
        // seconds of filings went to the survivors alone.
        await Eventually.GetAsync(() => ReadAsync(cluster.Http, gateway.Address), r => RoutedToNone(r, victims),
            TimeSpan.FromSeconds(60), "the gateway to stop routing to the killed instances");
        var aroundAt = load.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var restartedAt = load.Elapsed;
        var restarted = victims.Select(cluster.Restart).ToList();
        await Task.WhenAll(restarted.Select(p => p.WaitReadyAsync(cluster.Http, TimeSpan.FromSeconds(120))));
        await Eventually.GetAsync(async () => await ReadAsync(cluster.Http, gateway.Address),
            r => r.GetProperty("status").GetString() == "ready", TimeSpan.FromSeconds(120), "the gateway's readiness to be \"ready\" again");
        var readyAgainAt = load.Elapsed;
        await stopWatching.CancelAsync();
        var seen = await watching;
        await done;

        var routed = await cluster.WaitRoutedAsync(load.Filed, TimeSpan.FromSeconds(180));
        await cluster.SettleAsync(TimeSpan.FromSeconds(60));
        var audit = await Audit.TakeAsync(cluster, load.Filed);
        var storedTwice = await cluster.QueryAsync(FaultCluster.Incidents, c => c.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM (SELECT title FROM incidents WHERE title LIKE 'h #%' GROUP BY title HAVING COUNT(*) > 1) twice"));
        var attempts = load.Attempts;
        var failedFirst = attempts.Where(a => a.FirstStatus != 201).ToList();
        var recovery = failedFirst.Where(a => a.At >= killedAt).Select(a => a.At - killedAt).DefaultIfEmpty(TimeSpan.Zero).Max();
        // Sent once the victims were dead, until they were back: the gateway routed around them, first by
        // sending what they refused to the survivors, then (aroundAt) by no longer sending them anything.
        var whileDead = attempts.Where(a => a.At >= deadAt && a.At < restartedAt).ToList();
        var readinessSeen = string.Join(' ', seen.GroupBy(r => r).Select(g => $"{g.Key}×{g.Count()}"));
        audit.Report("j", watch.Elapsed,
            $"recovery_s={recovery.TotalSeconds:0.0} {load.Figures(killedAt)} instances=2 killed={string.Join(',', victims.Select(v => v.Name))} " +
            $"first_try_failed={failedFirst.Count} first_answers={string.Join(' ', attempts.GroupBy(a => a.FirstStatus).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))} " +
            $"retried={attempts.Count(a => a.Tries > 1)} stored_twice={storedTwice} dead_after_s={(deadAt - killedAt).TotalSeconds:0.0} routed_around_s={(aroundAt - killedAt).TotalSeconds:0.0} " +
            $"ready_again_s={(readyAgainAt - restartedAt).TotalSeconds:0.0} readiness_seen={readinessSeen} all_routed={routed} error_queue={cluster.ErrorQueueDepth()}");

        Assert.Multiple(() =>
        {
            Assert.That(load.Acknowledged, Is.EqualTo(count), $"every filing acknowledged, retried with its key where needed ({load.Answers})");
            Assert.That(load.AcknowledgedAfter(killedAt), Is.GreaterThan(0), "filings acknowledged after the kill");
            Assert.That(storedTwice, Is.Zero, "a filing sent again is stored once");
            Assert.That(whileDead, Is.Not.Empty, "filings sent while the killed instances were dead");
            Assert.That(whileDead.Where(a => a.FirstStatus != 201), Is.Empty,
                "every filing sent while the killed instances were dead succeeds at its first try");
            Assert.That(seen, Does.Contain("200 degraded"), "readiness says degraded while an instance of each service is dead");
            Assert.That(seen, Is.All.StartsWith("200 "), "readiness never says unready: every service kept an instance");
            Assert.That(cluster.ErrorQueueDepth(), Is.Zero);
        });
    }

    /// <summary>The gateway's /health/ready ("200 degraded", "503 unready", "0 no answer" …), polled
    /// until cancelled.</summary>
    private static async Task<List<string>> WatchReadinessAsync(HttpClient http, Uri gateway, CancellationToken stop)
    {
        var seen = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(gateway, "/health/ready"), stop);
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                seen.Add($"{(int)response.StatusCode} {body.GetProperty("status").GetString()}");
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (HttpRequestException) { seen.Add("0 no answer"); }
            try { await Task.Delay(250, stop); } catch (OperationCanceledException) { break; }
        }
        return seen;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, Uri gateway) =>
        await (await http.GetAsync(new Uri(gateway, "/health/ready"))).Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>True when the readiness body shows none of <paramref name="dead"/> in rotation ("routed": false).</summary>
    private static bool RoutedToNone(JsonElement readiness, IReadOnlyList<HostProcess> dead)
    {
        var theirs = readiness.GetProperty("services").EnumerateArray().SelectMany(s => s.GetProperty("instances").EnumerateArray())
            .Where(i => dead.Any(d => new Uri(i.GetProperty("url").GetString()!).Port == d.Address.Port)).ToList();
        return theirs.Count == dead.Count && theirs.All(i => !i.GetProperty("routed").GetBoolean());
    }
}
