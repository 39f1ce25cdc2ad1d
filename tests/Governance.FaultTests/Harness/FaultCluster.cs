using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Governance.IntegrationTests.Support;
using Npgsql;

namespace Governance.FaultTests.Harness;

/// <summary>
/// The distributed deployment of one scenario: its own PostgreSQL database per service and its own
/// RabbitMQ virtual host (<see cref="PostgresRabbitEnvironment"/>), and the services as real
/// processes (<see cref="HostProcess"/>) that a scenario can kill, stop and start again.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    public const string Grids = "grids", Incidents = "incidents", Dispatch = "dispatch";

    /// <summary>The exit code of a process its messaging watchdog stopped (MessagingWatchdog.WedgedExitCode).</summary>
    private const int WatchdogExitCode = 75;

    // The supervisor (SuperviseAsync) changes the lists below beside the scenario's own thread.
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _supervising = new();
    private Task _supervisor = Task.CompletedTask;
    private int _watchdogRestarts;
    private readonly List<HostProcess> _everStarted = [];
    private readonly Dictionary<string, List<HostProcess>> _running = new()
    {
        [Grids] = [], [Incidents] = [], [Dispatch] = [],
    };

    public PostgresRabbitEnvironment Environment { get; }
    public Dictionary<string, string> Settings { get; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(40) };

    private FaultCluster(PostgresRabbitEnvironment environment, Dictionary<string, string> settings)
    {
        Environment = environment;
        Settings = settings;
        QueueDepths = () => LocalServers.QueueDepths(environment.VirtualHost);
        // Every request signed in, as a county administrator of the demo county (the test hosts
        // accept TestTokens' signing key; see PostgresRabbitEnvironment.Settings).
        Http.DefaultRequestHeaders.Authorization = TestTokens.Bearer("fault-tests");
    }

    /// <summary>Creates the databases and the virtual host and starts <paramref name="instances"/>
    /// process(es) of each service; returns once every one is ready and a first case was routed
    /// (so both copies of the unit tree are in place). The databases live on the shared PostgreSQL, or on the
    /// server <paramref name="postgresAdmin"/> names.</summary>
    public static async Task<FaultCluster> StartAsync(string name, int instances = 1, IDictionary<string, string>? settings = null,
        string? postgresAdmin = null)
    {
        var environment = await CreateEnvironmentAsync(name, postgresAdmin);
        var merged = environment.Settings();
        // The retries as shipped (MessagingOptions' defaults), not the integration tests' quick ones:
        // these tests ask whether the deployed configuration loses or doubles anything.
        merged["Messaging:RetryLimit"] = "5";
        merged["Messaging:RetryMinInterval"] = "00:00:00.100";
        merged["Messaging:RetryMaxInterval"] = "00:00:05";
        merged["Logging:LogLevel:Default"] = "Warning";
        merged["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) merged[key] = value;
        LimitConnectionPools(merged, environment, instances);
        var cluster = new FaultCluster(environment, merged);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // All at once (start order does not matter: Incidents and Dispatch ask Grids for the unit
            // tree whenever it answers), except that a second Grids waits for the first: on first
            // start Grids seeds the demo county into its empty database, and two instances seeding
            // at the same moment collide on the units' keys (one of them exits).
            var first = new[] { cluster.Start(Grids), cluster.Start(Incidents), cluster.Start(Dispatch) };
            await Task.WhenAll(first.Select(p => p.WaitReadyAsync(cluster.Http, TimeSpan.FromSeconds(120))));
            var more = new List<HostProcess>();
            for (var i = 1; i < instances; i++) more.AddRange([cluster.Start(Grids), cluster.Start(Incidents), cluster.Start(Dispatch)]);
            await Task.WhenAll(more.Select(p => p.WaitReadyAsync(cluster.Http, TimeSpan.FromSeconds(120))));
            await cluster.WarmUpAsync();
            cluster._supervisor = cluster.SuperviseAsync(cluster._supervising.Token);
            TestContext.Out.WriteLine($"{name}: {instances} process(es) per service ready in {watch.Elapsed.TotalSeconds:0.0}s");
            return cluster;
        }
        catch
        {
            cluster.DumpOutput();
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Each process's share of PostgreSQL's 100 connections, as deploy/README.md tells a county to size its pools
    /// (instances × services × pool below max_connections): with Npgsql's default of 100 per process, six
    /// processes under load took every slot, and a request waited through "too many clients" retries past the
    /// harness's 40 s timeout (fault drill G failed so in CI). A process that needs more waits in its own pool.
    /// </summary>
    private static void LimitConnectionPools(Dictionary<string, string> settings, PostgresRabbitEnvironment environment, int instances)
    {
        var share = Math.Min(24, 72 / (3 * instances)); // the rest for the harness's own queries
        foreach (var (service, connection) in environment.ConnectionStrings)
            settings[$"ConnectionStrings:{service}"] = new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = share }.ConnectionString;
    }

    /// <summary>The databases and the virtual host; waits (bounded) for a free PostgreSQL
    /// connection slot when other test runs on the machine hold them all (53300 is transient).</summary>
    private static async Task<PostgresRabbitEnvironment> CreateEnvironmentAsync(string name, string? postgresAdmin)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try { return await PostgresRabbitEnvironment.CreateAsync(name, postgresAdmin); }
            catch (NpgsqlException ex) when (ex.IsTransient && DateTime.UtcNow < deadline)
            {
                TestContext.Out.WriteLine($"{name}: PostgreSQL busy ({ex.Message}); trying again");
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(2000);
            }
        }
    }

    public IReadOnlyList<HostProcess> Running(string service)
    {
        lock (_gate) return _running[service].ToList();
    }

    private List<HostProcess> AllRunning()
    {
        lock (_gate) return _running.Values.SelectMany(p => p).ToList();
    }

    /// <summary>The first running Incidents process (the one the load files at).</summary>
    public Uri IncidentsAddress(int index = 0)
    {
        var running = Running(Incidents);
        return running.Count == 0 ? new Uri("http://127.0.0.1:9") : running[index % running.Count].Address;
    }

    public Uri DispatchAddress => Running(Dispatch)[0].Address;

    /// <summary>Processes that their messaging watchdog stopped and the harness started again.</summary>
    public int WatchdogRestarts => Volatile.Read(ref _watchdogRestarts);

    /// <summary>Why each of those processes took itself for wedged: its watchdog's crit line.</summary>
    public IReadOnlyList<string> WatchdogReasons
    {
        get { lock (_gate) return _watchdogReasons.ToList(); }
    }

    private readonly List<string> _watchdogReasons = [];

    public HostProcess Start(string service)
    {
        var process = HostProcess.Start(service, Settings);
        lock (_gate)
        {
            _everStarted.Add(process);
            _running[service].Add(process);
        }
        return process;
    }

    /// <summary>
    /// What systemd's Restart=on-failure does for the packaged services (deploy/package/systemd): a process that ends
    /// with the watchdog's exit code (its RabbitMQ client wedged, MessagingWatchdog.cs) is started again at its address.
    /// Other ends are the scenario's to see (<see cref="ThrowIfAnyDied"/>).
    /// </summary>
    private async Task SuperviseAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(500, ct); }
            catch (OperationCanceledException) { return; }
            foreach (var stopped in AllRunning().Where(p => p.HasExited && p.ExitCode == WatchdogExitCode))
            {
                var reason = stopped.Output.Split('\n').Select(l => l.Trim())
                    .FirstOrDefault(l => l.StartsWith("Messaging of this process is wedged", StringComparison.Ordinal)) ?? "(no watchdog line)";
                lock (_gate)
                {
                    _running[stopped.Name].Remove(stopped);
                    _watchdogReasons.Add($"{stopped.Name}: {reason}");
                }
                var again = Restart(stopped);
                Interlocked.Increment(ref _watchdogRestarts);
                TestContext.Out.WriteLine($"{stopped.Name} pid {stopped.Id} was stopped by its messaging watchdog; started again as pid {again.Id}");
            }
        }
    }

    public async Task<HostProcess> StartAsync(string service)
    {
        var process = Start(service);
        await process.WaitReadyAsync(Http, TimeSpan.FromSeconds(120));
        return process;
    }

    /// <summary>Starts a dead process's service again at its address (where a gateway that lists it looks).</summary>
    public HostProcess Restart(HostProcess dead)
    {
        if (!dead.HasExited) throw new InvalidOperationException($"{dead.Name} pid {dead.Id} is still running");
        var process = HostProcess.Start(dead.Name, Settings, dead.Address.Port);
        lock (_gate)
        {
            _everStarted.Add(process);
            _running[dead.Name].Add(process);
        }
        return process;
    }

    /// <summary>The gateway (services/Gateway, as deploy/run-distributed.sh starts it) in front of every running
    /// process, destinations d1, d2, … per service in the order they started; returns once it answers /health/ready 200.</summary>
    public async Task<HostProcess> StartGatewayAsync(IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (service, processes) in _running.ToDictionary(r => r.Key, r => Running(r.Key)))
            for (var i = 0; i < processes.Count; i++)
                settings[$"ReverseProxy:Clusters:{service}:Destinations:d{i + 1}:Address"] = processes[i].Address.ToString();
        var gateway = HostProcess.StartGateway(settings);
        lock (_gate) _everStarted.Add(gateway); // logged and stopped with the services; not one of them for ThrowIfAnyDied
        await gateway.WaitReadyAsync(Http, TimeSpan.FromSeconds(60));
        return gateway;
    }

    /// <summary>True once every running process answers /health/ready with 200 (database and bus
    /// connected again after an outage); false if one still does not at the end of the limit.</summary>
    public async Task<bool> WaitAllReadyAsync(TimeSpan limit)
    {
        try
        {
            await Task.WhenAll(AllRunning().Select(p => p.WaitReadyAsync(Http, limit)));
            return true;
        }
        catch (TimeoutException ex)
        {
            TestContext.Out.WriteLine(ex.Message);
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, in-flight transactions and deliveries are cut.</summary>
    public void Kill(HostProcess process)
    {
        process.Kill();
        lock (_gate) _running[process.Name].Remove(process);
    }

    /// <summary>SIGTERM and wait, as a service manager stops a service; SIGKILL if it hangs.</summary>
    public async Task StopAsync(HostProcess process, TimeSpan limit)
    {
        LocalServers.Terminate(process.Id);
        var deadline = DateTime.UtcNow + limit;
        while (!process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);
        if (!process.HasExited) TestContext.Out.WriteLine($"{process.Name} did not stop within {limit.TotalSeconds:0}s of SIGTERM; killing it");
        Kill(process);
    }

    public NpgsqlConnection Connection(string service) => new(Environment.ConnectionStrings[service]);

    public async Task<T> QueryAsync<T>(string service, Func<NpgsqlConnection, Task<T>> query)
    {
        await using var connection = Connection(service);
        await connection.OpenAsync();
        return await query(connection);
    }

    /// <summary>Files one case until Incidents accepts it (its unit copy is complete), then waits
    /// until Dispatch routed it (Dispatch's copy too).</summary>
    private async Task WarmUpAsync()
    {
        var id = await Eventually.GetAsync(async () =>
        {
            var response = await Http.PostAsJsonAsync(new Uri(IncidentsAddress(), "/incidents"), Load.Body("warm-up"));
            return (int)response.StatusCode == 201 ? (await response.Content.ReadFromJsonAsync<IncidentJson>())?.Id : null;
        }, _ => true, TimeSpan.FromSeconds(90), "Incidents to accept a first filing");
        await Eventually.GetAsync(() => QueryAsync(Incidents, c => c.ExecuteScalarAsync<string>(
            "SELECT status FROM incidents WHERE id = @id", new { id })), s => s != "filed", TimeSpan.FromSeconds(90), "the first case to be routed");
    }

    /// <summary>Writes the current routing policy again with other per-tier deadlines ("2s", "1h").</summary>
    public async Task SetDeadlinesAsync(string courtyard, string village, string township, string county)
    {
        var policy = (await Http.GetFromJsonAsync<JsonObject>(new Uri(DispatchAddress, "/dispatch/policy")))!;
        policy.Remove("version");
        policy["deadlines"] = new JsonObject { ["courtyard"] = courtyard, ["village"] = village, ["township"] = township, ["county"] = county };
        // These tests count cases climbing when late: every missed deadline escalates (the default
        // keeps ordinary matters with their unit).
        policy["onMissedDeadline"] = "escalate";
        foreach (var rule in policy["rules"]!.AsArray()) rule!.AsObject().Remove("onMissedDeadline");
        var response = await Http.PutAsJsonAsync(new Uri(DispatchAddress, "/dispatch/policy"), policy);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Waits (bounded) until every given case left "filed" in Incidents; false if some did not.</summary>
    public async Task<bool> WaitRoutedAsync(IReadOnlyCollection<Guid> ids, TimeSpan limit)
    {
        var array = ids.ToArray();
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var routed = await TryAsync(() => QueryAsync(Incidents, c => c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM incidents WHERE id = ANY(@array) AND status <> 'filed'", new { array })));
            if (routed == array.Length) return true;
            ThrowIfAnyDied();
            await Task.Delay(250);
        }
        return false;
    }

    /// <summary>Waits (bounded) until a SQL count on a service's database reaches <paramref name="target"/>.</summary>
    public async Task<long> WaitCountAsync(string service, string sql, object? parameters, long target, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        long last = -1;
        while (DateTime.UtcNow < deadline)
        {
            last = await TryAsync(() => QueryAsync(service, c => c.ExecuteScalarAsync<long>(sql, parameters)));
            if (last >= target) return last;
            ThrowIfAnyDied();
            await Task.Delay(250);
        }
        return last;
    }

    /// <summary>
    /// Waits until nothing moves any more: every outbox drained, the services' queues empty
    /// (ready and unacknowledged), and the inboxes unchanged between two looks. A repeat that is still
    /// on its way would otherwise be missed by the count that follows. Bounded; a system that never
    /// settles is reported and then counted as it is.
    /// </summary>
    public async Task SettleAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        SettleSnapshot? previous = null, latest = null, beforeLatest = null;
        string? lastFailure = null;
        while (DateTime.UtcNow < deadline)
        {
            SettleSnapshot? snapshot = null;
            try { snapshot = await SnapshotAsync(); }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                NpgsqlConnection.ClearAllPools();
                lastFailure = $"{ex.GetType().Name}: {ex.Message}";
            }
            if (snapshot is not null && snapshot.Drained && snapshot.SameAs(previous)) return;
            if (snapshot is not null) (beforeLatest, latest) = (latest, snapshot);
            previous = snapshot;
            ThrowIfAnyDied();
            await Task.Delay(500);
        }
        TestContext.Out.WriteLine(SettleSnapshot.NotSettled(limit, latest, beforeLatest, lastFailure));
    }

    private async Task<SettleSnapshot> SnapshotAsync()
    {
        var unsent = new Dictionary<string, long>();
        var inbox = new Dictionary<string, long>();
        foreach (var service in new[] { Grids, Incidents, Dispatch })
        {
            unsent[service] = await QueryAsync(service, c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at_ms IS NULL"));
            inbox[service] = await QueryAsync(service, c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inbox_messages"));
        }
        var queued = QueueDepths().Where(q => q.Key.StartsWith("governance.") && !q.Key.EndsWith("_error")).ToDictionary();
        return new SettleSnapshot(unsent, queued, inbox);
    }

    /// <summary>Messages (ready and unacknowledged) per queue of the scenario's virtual host; the single
    /// node's unless the scenario runs on another broker (<see cref="RabbitCluster"/>).</summary>
    public Func<IReadOnlyDictionary<string, long>> QueueDepths { get; set; }

    /// <summary>Messages in the services' _error queues.</summary>
    public long ErrorQueueDepth(string? service = null) => QueueDepths()
        .Where(q => q.Key.EndsWith("_error") && (service is null || q.Key == $"governance.{service}_error")).Sum(q => q.Value);

    /// <summary>Runs a probe that may meet a database still restarting; null instead of the error.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> probe)
    {
        try { return await probe(); }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            NpgsqlConnection.ClearAllPools();
            return default;
        }
    }

    /// <summary>Fails at once if a process the scenario did not stop has ended (crashed, or killed
    /// from outside the test), instead of waiting out a limit for messages it will never process.</summary>
    public void ThrowIfAnyDied()
    {
        var dead = AllRunning().Where(p => p.HasExited && p.ExitCode != WatchdogExitCode).ToList();
        if (dead.Count > 0)
            throw new InvalidOperationException("Process(es) ended without the scenario stopping them: " +
                string.Join(", ", dead.Select(p => $"{p.Name} pid {p.Id} exit code {p.ExitCode}")));
    }

    /// <summary>The tail of every process's output, for a failed test's log.</summary>
    public void DumpOutput(int lines = 60)
    {
        List<HostProcess> everStarted;
        lock (_gate) everStarted = _everStarted.ToList();
        foreach (var p in everStarted)
        {
            var tail = p.Output.Split('\n').TakeLast(lines);
            var state = p.ExitCode is { } code ? $"exited with {code}" : "running";
            TestContext.Out.WriteLine($"===== {p.Name} (pid {p.Id}, {state}) =====\n{string.Join('\n', tail)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _supervising.CancelAsync();
        await _supervisor;
        // GOVERNANCE_FAULT_LOGS=1 prints the services' output for passing scenarios too.
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed
            || System.Environment.GetEnvironmentVariable("GOVERNANCE_FAULT_LOGS") == "1")
            DumpOutput(lines: 400);
        foreach (var p in _everStarted) p.Dispose();
        Http.Dispose();
        try { await Environment.DisposeAsync(); }
        catch (Exception ex) { TestContext.Out.WriteLine($"could not drop the scenario's databases or vhost: {ex.Message}"); }
    }
}
