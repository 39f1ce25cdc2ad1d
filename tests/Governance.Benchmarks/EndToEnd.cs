using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Governance.Benchmarks;

/// <summary>
/// The system end to end: cases filed over HTTP → IncidentFiled through the outbox → Dispatch routes
/// → IncidentRouted back → Incidents records the assignment (status "assigned"). Completion is read
/// from Incidents' database, which is fine for a benchmark (the services never read each other's).
/// </summary>
public static class EndToEnd
{
    private static readonly HttpClient Probe = Authorized(new HttpClient { Timeout = TimeSpan.FromSeconds(10) });

    public static HttpClient Authorized(HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token.GridWorker(Grids.Model.DemoCounty.CountyCode));
        return http;
    }

    // ---------------------------------------------------------------- distributed

    public static async Task DistributedAsync(Report report, Options o, double brokerMsgsPerSecond)
    {
        const string vhost = "governance-bench";
        string[] services = ["grids", "incidents", "dispatch"];
        var databases = services.ToDictionary(s => s, s => $"bench_{s}");
        var processes = new List<ServiceProcess>();
        Directory.CreateDirectory(o.WorkDir);
        try
        {
            Servers.CreateVirtualHost(vhost);
            // The services' connection strings are the shipped ones (appsettings.Distributed.json, pool
            // settings included) pointed at the benchmark's own databases.
            var hostDir = Path.GetDirectoryName(o.HostDll)!;
            using var shipped = JsonDocument.Parse(File.ReadAllText(Path.Combine(hostDir, "appsettings.Distributed.json")));
            var connections = new Dictionary<string, string>();
            foreach (var (service, database) in databases)
            {
                await Servers.CreateDatabaseAsync(database);
                connections[service] = new NpgsqlConnectionStringBuilder(
                    shipped.RootElement.GetProperty("ConnectionStrings").GetProperty(service).GetString()) { Database = database }.ConnectionString;
            }
            report.Note("distributed: services' connection string (from appsettings.Distributed.json): " +
                new NpgsqlConnectionStringBuilder(connections["incidents"]) { Password = "…" }.ConnectionString);

            Dictionary<string, string> Settings(string service)
            {
                var s = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Distributed",
                    ["Governance:Services"] = service,
                    ["Messaging:RabbitMq:VirtualHost"] = vhost,
                    ["Logging:LogLevel:Default"] = "Warning",
                };
                foreach (var (name, cs) in connections) s[$"ConnectionStrings:{name}"] = cs;
                foreach (var (k, v) in Token.Settings) s[k] = v;
                foreach (var (k, v) in o.Overrides) s[k] = v;
                return s;
            }

            var grids = ServiceProcess.Start("grids", o.HostDll, hostDir, o.WorkDir, Settings("grids"), probe: true);
            processes.Add(grids);
            await grids.WaitReadyAsync(Probe, TimeSpan.FromSeconds(120));
            var incidents = ServiceProcess.Start("incidents", o.HostDll, hostDir, o.WorkDir, Settings("incidents"), probe: true);
            var dispatch = ServiceProcess.Start("dispatch", o.HostDll, hostDir, o.WorkDir, Settings("dispatch"), probe: true);
            processes.AddRange([incidents, dispatch]);
            await Task.WhenAll(incidents.WaitReadyAsync(Probe, TimeSpan.FromSeconds(120)), dispatch.WaitReadyAsync(Probe, TimeSpan.FromSeconds(120)));

            var courtyards = await CourtyardsAsync(grids.Address);
            DbConnection IncidentsDb() => new NpgsqlConnection(connections["incidents"]);
            DbConnection DispatchDb() => new NpgsqlConnection(connections["dispatch"]);
            await WaitForCopiesAsync(courtyards.Count, IncidentsDb, DispatchDb);

            using var filer = new Filer(incidents.Address, courtyards, Math.Max(o.Workers, 64));
            await WarmUpAsync(filer, IncidentsDb);

            var cluster = new Cluster(processes, databases, IncidentsDb, DispatchDb);
            await CostAsync(report, o, filer, cluster);
            var deadlocksBefore = await DeadlocksAsync(databases);
            var casesPerSecond = await ThroughputAsync(report, "distributed", o.Workers, o.Duration, filer, IncidentsDb, processes);
            await Task.Delay(1500); // pg_stat_database is flushed about once a second
            var deadlocks = (await DeadlocksAsync(databases)).ToDictionary(d => d.Key, d => d.Value - deadlocksBefore[d.Key]);
            report.Add("distributed", "deadlocks during the closed loop (pg_stat_database)", deadlocks.Values.Sum(), "",
                string.Join(", ", deadlocks.Select(d => $"{d.Key} {d.Value}")) + "; each a wait of deadlock_timeout and a retry");
            if (o.Profile) await ProfileAsync(report, o, filer, IncidentsDb, processes);
            await SettleAsync(IncidentsDb);
            await LatencyAsync(report, o.Rate, o.LatencyDuration, filer, IncidentsDb, target: true);
            // The same at half of what the system just sustained: latency when it is not overloaded.
            if (casesPerSecond / 2 < o.Rate && casesPerSecond >= 4)
            {
                await SettleAsync(IncidentsDb);
                await LatencyAsync(report, Math.Round(casesPerSecond / 2), o.LatencyDuration, filer, IncidentsDb, target: false);
            }
            if (brokerMsgsPerSecond > 0)
                report.Target("distributed", "ratio e2e cases/s ÷ broker msg/s", casesPerSecond / brokerMsgsPerSecond, "", 0.10, atLeast: true);
            if (o.ScaleOut) await ScaleOutAsync(report, o, casesPerSecond, processes, Settings, courtyards, IncidentsDb, hostDir);
            // Last: it moves cases on from "assigned", which the phases above count.
            if (o.DayMix)
                await DayMixAsync(report, o, "distributed", processes.Where(p => p.Name.StartsWith("incidents", StringComparison.Ordinal)).Select(p => p.Address).ToList(),
                    courtyards, IncidentsDb, processes);

            foreach (var p in processes)
                report.Target("memory", $"peak RSS {p.Name} (distributed)", p.PeakRssMb(), "MB", 250, atLeast: false);
            Log.Info("distributed: " + string.Join(", ", processes.Select(p => $"{p.Name} RSS now {p.RssMb():0} MB")));
        }
        finally
        {
            foreach (var p in processes) p.Dispose();
            foreach (var database in databases.Values) await Servers.DropDatabaseAsync(database);
            Servers.DeleteVirtualHost(vhost);
        }
    }

    private static async Task<Dictionary<string, long>> DeadlocksAsync(IReadOnlyDictionary<string, string> databases)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (service, database) in databases) counts[service] = await Servers.DeadlocksAsync(database);
        return counts;
    }

    /// <summary>
    /// Where each service's CPU goes under the closed loop (CpuProfile.cs): the same load again, apart from the
    /// measured one (sampling costs a little CPU of its own), its middle ten seconds sampled in every service.
    /// </summary>
    private static async Task ProfileAsync(Report report, Options o, Filer filer, Func<DbConnection> incidentsDb, IReadOnlyList<ServiceProcess> processes)
    {
        var tool = Environment.GetEnvironmentVariable(CpuProfile.ToolVariable);
        if (string.IsNullOrEmpty(tool) || !File.Exists(tool))
        {
            Log.Info($"profile: skipped, no dotnet-trace ({CpuProfile.ToolVariable}; deploy/benchmark.sh --profile installs it)");
            return;
        }
        await SettleAsync(incidentsDb);
        var length = TimeSpan.FromSeconds(10);
        Log.Info($"distributed: profile, closed loop of {o.Workers} workers, {length.TotalSeconds} s of it sampled in each service");
        var load = filer.ClosedLoopAsync(o.Workers, length + TimeSpan.FromSeconds(15), maxCases: 1_000_000);
        await Task.Delay(TimeSpan.FromSeconds(8));
        var traces = await CpuProfile.RecordAsync(tool, processes, length, o.WorkDir);
        await load;
        foreach (var (name, trace) in traces)
        {
            var (samples, shares, ours) = CpuProfile.Read(trace);
            report.Note($"distributed · where {name}'s CPU goes ({samples} samples on CPU, closed loop): " +
                string.Join(", ", shares.Select(s => $"{s.Share} {s.Fraction * 100:0.0} %")));
            report.Note($"distributed · {name}'s busiest methods of our own (innermost of ours on the stack): " +
                string.Join(", ", ours.Select(f => $"{f.Frame} {f.Fraction * 100:0.0} %")));
            File.Delete(trace);
        }
    }

    /// <summary>
    /// What a second machine buys (issue #19, item 4): a second instance of Incidents and of Dispatch beside the
    /// first — Incidents' instances both take filings (the load generator alternates), Dispatch's and Incidents'
    /// consumers compete for their queues — and the same closed loop again. Printed as the ratio to the single
    /// instances' rate of this run. On this 2-core machine both instances share the same cores, the database and
    /// the broker: the figure says what the software's own serial parts cost, not what a second server adds.
    /// </summary>
    private static async Task ScaleOutAsync(Report report, Options o, double single, List<ServiceProcess> processes,
        Func<string, Dictionary<string, string>> settings, IReadOnlyList<string> courtyards, Func<DbConnection> incidentsDb, string hostDir)
    {
        await SettleAsync(incidentsDb);
        var incidents2 = ServiceProcess.Start("incidents-2", o.HostDll, hostDir, o.WorkDir, settings("incidents"), probe: false);
        var dispatch2 = ServiceProcess.Start("dispatch-2", o.HostDll, hostDir, o.WorkDir, settings("dispatch"), probe: false);
        processes.AddRange([incidents2, dispatch2]);
        await Task.WhenAll(incidents2.WaitReadyAsync(Probe, TimeSpan.FromSeconds(120)), dispatch2.WaitReadyAsync(Probe, TimeSpan.FromSeconds(120)));
        var first = processes.Single(p => p.Name == "incidents");
        using var filer = new Filer([first.Address, incidents2.Address], courtyards, Math.Max(o.Workers, 64));
        var doubled = await ThroughputAsync(report, "distributed ×2", o.Workers, o.Duration, filer, incidentsDb, processes);
        report.Add("distributed ×2", "cases/s with two instances of Incidents and Dispatch ÷ with one", doubled / Math.Max(1, single), "×",
            $"{doubled:0} vs {single:0} cases/s, the same run, {o.Workers} workers");
    }

    /// <summary>
    /// The day mix (DayMix.cs): every case through its whole life with the reads the pages make, closed loop, after
    /// the filings above have been routed. Whole lives a second, requests a case, and CPU a case over everything that
    /// serves it — beside the filing-only CPU per case of the same run, the ratio says what the rest of a day adds.
    /// </summary>
    private static async Task DayMixAsync(Report report, Options o, string mode, IReadOnlyList<Uri> incidents, IReadOnlyList<string> courtyards,
        Func<DbConnection> incidentsDb, IReadOnlyList<ServiceProcess> processes)
    {
        await SettleAsync(incidentsDb);
        var section = $"{mode} day mix";
        var duration = TimeSpan.FromSeconds(Math.Max(20, o.Duration.TotalSeconds / 2));
        Log.Info($"{section}: closed loop, {o.Workers} cases at a time, {duration.TotalSeconds} s");
        using var mix = new DayMix(incidents, courtyards, Grids.Model.DemoCounty.CountyCode);
        var start = CpuSnapshot.Take();
        var result = await mix.RunAsync(o.Workers, duration, maxLives: (long)(duration.TotalSeconds * 5_000));
        var cpu = CpuSnapshot.Take().Since(start, processes.ToDictionary(p => p.Pid, p => p.Name).Append(new(Environment.ProcessId, "load generator"))
            .ToDictionary(p => p.Key, p => p.Value));
        var seconds = result.Elapsed.TotalSeconds;
        var lives = Math.Max(1, result.Lives);
        var perCase = cpu.Where(g => !g.Group.StartsWith("other")).Sum(g => g.Cores) * seconds / lives * 1000;
        report.Add(section, "whole lives/s (filed → routed → accepted → resolved → verified)", result.Lives / seconds, "cases/s",
            $"{o.Workers} at a time, {seconds:0} s; {result.Failed} failed ({result.Failures})");
        report.Add(section, "requests per case (4 writes, the reads the pages make)", (double)result.Requests / Math.Max(1, result.Lives + result.Failed), "requests");
        report.Add(section, "CPU per case, whole life (services, databases, broker, load generator)", perCase, "ms",
            string.Join(", ", cpu.Where(g => !g.Group.StartsWith("other")).Select(g => $"{g.Group} {g.Cores * seconds / lives * 1000:0.0}")));
        if (report.Value(mode, "CPU per case (services, databases, broker, load generator)") is { } filing and > 0)
            report.Add(section, "CPU per whole life ÷ CPU per filing (same run)", perCase / filing, "×", "what the rest of a case's day adds to its intake");
    }

    /// <summary>The running services, their databases and the counters a case moves.</summary>
    private sealed record Cluster(IReadOnlyList<ServiceProcess> Processes, IReadOnlyDictionary<string, string> Databases,
        Func<DbConnection> IncidentsDb, Func<DbConnection> DispatchDb);

    private sealed record Counters(DateTime At, Dictionary<string, long> Commands, Dictionary<string, long> Commits,
        long IncidentsOutbox, long DispatchOutbox, long IncidentsInbox, long DispatchInbox, Dictionary<string, Dictionary<string, long>> Statements);

    private static async Task<Counters> ReadCountersAsync(Cluster cluster)
    {
        var probes = cluster.Processes.ToDictionary(p => p.Name, p => Benchmarks.Probe.Read(p.ProbeFile));
        var commits = new Dictionary<string, long>();
        foreach (var (service, database) in cluster.Databases) commits[service] = await Servers.CommitsAsync(database);
        await using var i = cluster.IncidentsDb();
        await using var d = cluster.DispatchDb();
        return new Counters(DateTime.UtcNow, probes.ToDictionary(p => p.Key, p => p.Value.Commands), commits,
            await i.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"), await d.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"),
            await i.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_messages"), await d.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_messages"),
            probes.ToDictionary(p => p.Key, p => p.Value.Statements));
    }

    /// <summary>
    /// What one case costs, measured: database commands each service sent (Npgsql's own counter, read
    /// by the probe), transactions each database committed (pg_stat_database), messages published
    /// (outbox rows) and consumed transactionally (inbox rows). The idle background (relay polls,
    /// deadline sweeps) is measured first and taken off.
    /// </summary>
    private static async Task CostAsync(Report report, Options o, Filer filer, Cluster cluster)
    {
        var n = o.CostCases;
        await Task.Delay(1500);
        var idleStart = await ReadCountersAsync(cluster);
        await Task.Delay(4000);
        var idleEnd = await ReadCountersAsync(cluster);
        var idleSeconds = (idleEnd.At - idleStart.At).TotalSeconds;

        foreach (var p in cluster.Processes) File.WriteAllText(Benchmarks.Probe.TraceFlag(p.ProbeFile!), "");
        await Task.Delay(1200);
        var before = await ReadCountersAsync(cluster);
        var assignedBefore = await CountAsync(cluster.IncidentsDb, "status = 'assigned'");
        var load = await filer.ClosedLoopAsync(8, TimeSpan.FromSeconds(60), n);
        await WaitUntilAsync(async () => await CountAsync(cluster.IncidentsDb, "status = 'assigned'") >= assignedBefore + load.Ok, TimeSpan.FromSeconds(60), "cost cases routed");
        // Let the relays mark their last rows and the statistics reach pg_stat_database.
        await WaitUntilAsync(async () =>
        {
            await using var i = cluster.IncidentsDb();
            await using var d = cluster.DispatchDb();
            return await i.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at_ms IS NULL") == 0
                && await d.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at_ms IS NULL") == 0;
        }, TimeSpan.FromSeconds(30), "outboxes empty");
        await Task.Delay(1500);
        var after = await ReadCountersAsync(cluster);
        foreach (var p in cluster.Processes) File.Delete(Benchmarks.Probe.TraceFlag(p.ProbeFile!));

        var seconds = (after.At - before.At).TotalSeconds;
        double PerCase(long during, long idleDelta) => (during - idleDelta * seconds / idleSeconds) / load.Ok;
        foreach (var service in new[] { "incidents", "dispatch", "grids" })
        {
            report.Add("cost per case", $"DB commands sent by {service}", PerCase(after.Commands[service] - before.Commands[service],
                idleEnd.Commands[service] - idleStart.Commands[service]), "round trips", "Npgsql command counter, idle background taken off");
            report.Add("cost per case", $"transactions committed in {service} DB", PerCase(after.Commits[service] - before.Commits[service],
                idleEnd.Commits[service] - idleStart.Commits[service]), "commits", "pg_stat_database.xact_commit");
        }
        report.Add("cost per case", "messages published (outbox rows)",
            (double)(after.IncidentsOutbox - before.IncidentsOutbox + after.DispatchOutbox - before.DispatchOutbox) / load.Ok, "msgs");
        report.Add("cost per case", "deliveries consumed transactionally (inbox rows)",
            (double)(after.IncidentsInbox - before.IncidentsInbox + after.DispatchInbox - before.DispatchInbox) / load.Ok, "deliveries");
        report.Note($"Cost accounting: {load.Ok} cases filed by 8 closed-loop workers in {seconds:0.0} s; idle background measured over {idleSeconds:0.0} s beforehand.");

        foreach (var service in new[] { "incidents", "dispatch" })
        {
            var statements = after.Statements[service]
                .Select(s => (Text: s.Key, PerCase: (s.Value - before.Statements[service].GetValueOrDefault(s.Key)) / (double)load.Ok))
                .Where(s => s.PerCase >= 0.02).OrderByDescending(s => s.PerCase).ToList();
            report.Note($"Statements per case sent by {service} (traced, {statements.Sum(s => s.PerCase):0.0} in all, incl. background): " +
                string.Join("; ", statements.Select(s => $"{s.PerCase:0.00}× `{s.Text.Replace("`", "'")}`")));
        }
    }

    /// <summary>p50/p95/p99 from the POST to the moment Incidents recorded the routing (the routed
    /// consumer's transaction time, incidents.updated_at_ms; both clocks are this machine's), at a
    /// fixed offered load (open loop).</summary>
    private static async Task LatencyAsync(Report report, double rate, TimeSpan duration, Filer filer, Func<DbConnection> incidentsDb, bool target)
    {
        Log.Info($"latency: open loop at {rate} cases/s for {duration.TotalSeconds} s");
        var (filed, failed, late) = await filer.OpenLoopAsync(rate, duration, maxInFlight: 2000);
        var ids = filed.Select(f => f.Id).ToArray();
        var routed = new Dictionary<Guid, long>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (routed.Count < ids.Length && DateTime.UtcNow < deadline)
        {
            await using var c = incidentsDb();
            routed = (await c.QueryAsync<(Guid Id, long UpdatedAtMs)>(
                    "SELECT id AS Id, updated_at_ms AS UpdatedAtMs FROM incidents WHERE status = 'assigned' AND id = ANY(@ids)", new { ids }))
                .ToDictionary(r => r.Id, r => r.UpdatedAtMs);
            if (routed.Count < ids.Length) await Task.Delay(500);
        }
        // A case not routed within the wait counts as infinitely late.
        var latencies = filed.Select(f => routed.TryGetValue(f.Id, out var at) ? Math.Max(0, at - f.SentAtMs) : double.PositiveInfinity)
            .Order().ToList();
        var http = filed.Select(f => f.HttpMs).Order().ToList();
        var section = "distributed";
        report.Add(section, $"file→routed p50 @ {rate:0}/s", Percentile.Of(latencies, 50), "ms");
        report.Add(section, $"file→routed p95 @ {rate:0}/s", Percentile.Of(latencies, 95), "ms");
        var note = $"{filed.Count} cases over {duration.TotalSeconds:0} s open loop; {failed} failed ({filer.FailureSummary()}), {late} sent >50 ms late, {ids.Length - routed.Count} not routed in 90 s";
        if (target) report.Target(section, $"file→routed p99 @ {rate:0}/s", Percentile.Of(latencies, 99), "ms", 250, atLeast: false, note);
        else report.Add(section, $"file→routed p99 @ {rate:0}/s (half the sustained rate)", Percentile.Of(latencies, 99), "ms", note);
        report.Add(section, $"POST /incidents p99 @ {rate:0}/s", Percentile.Of(http, 99), "ms", $"p50 {Percentile.Of(http, 50):0.0} ms");
    }

    // ---------------------------------------------------------------- standalone

    public static async Task StandaloneAsync(Report report, Options o)
    {
        var folder = Path.Combine(o.WorkDir, "standalone");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (k, v) in Token.Settings) settings[k] = v;
        foreach (var (k, v) in o.Overrides) settings[k] = v;
        using var host = ServiceProcess.Start("standalone", o.HostDll, folder, o.WorkDir, settings, probe: false);
        await host.WaitReadyAsync(Probe, TimeSpan.FromSeconds(120));
        var courtyards = await CourtyardsAsync(host.Address);
        DbConnection Sqlite(string name)
        {
            var c = new SqliteConnection($"Data Source={Path.Combine(folder, "data", name + ".db")};Default Timeout=30");
            return c;
        }
        DbConnection IncidentsDb() => Sqlite("incidents");
        await WaitForCopiesAsync(courtyards.Count, IncidentsDb, () => Sqlite("dispatch"));
        using var filer = new Filer(host.Address, courtyards, Math.Max(o.StandaloneWorkers, 64));
        await WarmUpAsync(filer, IncidentsDb);
        await ThroughputAsync(report, "standalone", o.StandaloneWorkers, o.Duration, filer, IncidentsDb, [host]);
        if (o.DayMix) await DayMixAsync(report, o, "standalone", [host.Address], courtyards, IncidentsDb, [host]);
        report.Target("memory", "peak RSS standalone (all three)", host.PeakRssMb(), "MB", 250, atLeast: false);
    }

    // ---------------------------------------------------------------- shared

    /// <summary>Sustained cases/s: cases that reached "assigned" per second over the closed-loop run
    /// after its first 10 s, read from Incidents' database once a second. Returns that rate.</summary>
    private static async Task<double> ThroughputAsync(Report report, string section, int workers, TimeSpan duration, Filer filer,
        Func<DbConnection> incidentsDb, IReadOnlyList<ServiceProcess> processes)
    {
        Log.Info($"{section}: closed loop, {workers} workers, {duration.TotalSeconds} s");
        var warmUp = TimeSpan.FromSeconds(10);
        var baseline = await CountAsync(incidentsDb, "status = 'assigned'");
        var watch = Stopwatch.StartNew();
        var load = filer.ClosedLoopAsync(workers, duration, maxCases: (long)(duration.TotalSeconds * 20_000));
        var samples = new List<(double Seconds, long Assigned)>();
        CpuSnapshot? cpuStart = null;
        (double Seconds, long Assigned) windowStart = default;
        while (!load.IsCompleted)
        {
            await Task.WhenAny(load, Task.Delay(1000));
            var sample = (watch.Elapsed.TotalSeconds, await CountAsync(incidentsDb, "status = 'assigned'") - baseline);
            samples.Add(sample);
            if (cpuStart is null && watch.Elapsed >= warmUp)
            {
                cpuStart = CpuSnapshot.Take();
                windowStart = sample;
            }
        }
        var result = await load;
        var cpuEnd = CpuSnapshot.Take();
        var windowEnd = samples[^1];
        var rate = (windowEnd.Assigned - windowStart.Assigned) / (windowEnd.Seconds - windowStart.Seconds);
        var backlog = result.Ok - windowEnd.Assigned;

        var drained = Stopwatch.StartNew();
        await WaitUntilAsync(async () => await CountAsync(incidentsDb, "status = 'assigned'") - baseline >= result.Ok, TimeSpan.FromSeconds(300), $"{section} backlog routed");
        var drainSeconds = drained.Elapsed.TotalSeconds;

        var http = result.HttpMs.Order().ToList();
        var filedRate = result.Ok / watch.Elapsed.TotalSeconds;
        var target = section.StartsWith("distributed", StringComparison.Ordinal) ? 1000 : 2000;
        report.Target(section, "sustained cases/s (filed→assigned)", rate, "cases/s", target, atLeast: true,
            $"{workers} workers, {windowEnd.Seconds - windowStart.Seconds:0} s window after {warmUp.TotalSeconds:0} s warm-up; filed {filedRate:0}/s; backlog at end {backlog}, routed {drainSeconds:0.0} s later; {result.Failed} failed ({filer.FailureSummary()})");
        report.Add(section, "POST /incidents p99 under closed loop", Percentile.Of(http, 99), "ms", $"p50 {Percentile.Of(http, 50):0.0} ms");
        // How the rate moved through the run (a rate that sinks as rows pile up is a scan somewhere).
        var tens = new List<string>();
        for (var t = 10; t <= (int)windowEnd.Seconds; t += 10)
        {
            var a = samples.LastOrDefault(s => s.Seconds <= t - 10);
            var b = samples.LastOrDefault(s => s.Seconds <= t);
            if (b.Seconds > a.Seconds) tens.Add($"{(b.Assigned - a.Assigned) / (b.Seconds - a.Seconds):0}");
        }
        report.Note($"{section}: routed cases/s per 10 s of the closed loop: {string.Join(" → ", tens)}");
        var named = processes.ToDictionary(p => p.Pid, p => p.Name);
        named[Environment.ProcessId] = "load generator";
        if (cpuStart is not null)
        {
            var cpu = cpuEnd.Since(cpuStart, named);
            // CPU time one case costs, over everything that serves it (not "other": what else ran on
            // the machine; RabbitMQ is one process for every user, so it is counted whole). Mostly
            // load-independent, so it compares runs even when the machine is busy.
            var ours = cpu.Where(g => !g.Group.StartsWith("other")).Sum(g => g.Cores);
            var windowSeconds = windowEnd.Seconds - windowStart.Seconds;
            var perCase = ours * windowSeconds / Math.Max(1, windowEnd.Assigned - windowStart.Assigned) * 1000;
            report.Add(section, "CPU per case (services, databases, broker, load generator)", perCase, "ms",
                string.Join(", ", cpu.Where(g => !g.Group.StartsWith("other")).Select(g => $"{g.Group} {g.Cores * windowSeconds / Math.Max(1, windowEnd.Assigned - windowStart.Assigned) * 1000:0.0}")));
            report.Note($"{section}: CPU over the window (cores of {Environment.ProcessorCount}): " +
                string.Join(", ", cpu.Select(g => $"{g.Group} {g.Cores:0.00}")) + $"; total {cpu.Sum(g => g.Cores):0.00}");
        }
        return rate;
    }

    /// <summary>Waits until every case filed so far is routed (an overloaded phase leaves work behind
    /// that would otherwise be counted in the next).</summary>
    private static async Task SettleAsync(Func<DbConnection> incidentsDb) =>
        await WaitUntilAsync(async () => await CountAsync(incidentsDb, "status <> 'assigned'") == 0, TimeSpan.FromSeconds(300), "earlier cases routed");

    private static async Task WarmUpAsync(Filer filer, Func<DbConnection> incidentsDb)
    {
        var before = await CountAsync(incidentsDb, "status = 'assigned'");
        var warm = await filer.ClosedLoopAsync(8, TimeSpan.FromSeconds(30), 400);
        await WaitUntilAsync(async () => await CountAsync(incidentsDb, "status = 'assigned'") >= before + warm.Ok, TimeSpan.FromSeconds(60), "warm-up cases routed");
        Log.Info($"warm-up: {warm.Ok} cases routed ({warm.Failed} failed)");
        if (warm.Ok == 0) throw new InvalidOperationException("No case could be filed; see the service logs in data/benchmark/");
    }

    private static async Task<List<string>> CourtyardsAsync(Uri grids)
    {
        var json = await Probe.GetStringAsync(new Uri(grids, "/grids/units?level=courtyard&limit=5000"));
        using var document = JsonDocument.Parse(json);
        var codes = document.RootElement.EnumerateArray().Select(u => u.GetProperty("code").GetString()!).ToList();
        if (codes.Count == 0) throw new InvalidOperationException("Grids lists no courtyards");
        Log.Info($"{codes.Count} courtyards to file at");
        return codes;
    }

    private static async Task WaitForCopiesAsync(int courtyards, Func<DbConnection> incidentsDb, Func<DbConnection> dispatchDb) =>
        await WaitUntilAsync(async () =>
        {
            await using var i = incidentsDb();
            await using var d = dispatchDb();
            const string sql = "SELECT COUNT(*) FROM unit_copy WHERE level = 5";
            return await i.ExecuteScalarAsync<long>(sql) >= courtyards && await d.ExecuteScalarAsync<long>(sql) >= courtyards;
        }, TimeSpan.FromSeconds(120), "unit copies complete in Incidents and Dispatch");

    private static async Task<long> CountAsync(Func<DbConnection> db, string where)
    {
        await using var c = db();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM incidents WHERE {where}");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Gave up waiting for {what} after {limit.TotalSeconds} s");
            await Task.Delay(250);
        }
    }
}
