using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace Governance.FaultTests.Harness;

/// <summary>
/// Stops and starts the local servers the test command started (tests/run-all.sh): the RabbitMQ
/// application inside its Erlang node, and the PostgreSQL cluster. Needs the rights run-all.sh has
/// (root, or the same sudo-less setup as deploy/lib/servers.sh).
/// </summary>
public static class LocalServers
{
    private static string PgVersion => Environment.GetEnvironmentVariable("PG_VERSION") ?? "15";
    private static string PgCluster => Environment.GetEnvironmentVariable("PG_CLUSTER") ?? "main";

    /// <summary><c>rabbitmqctl stop_app</c>: the broker closes every connection and stops serving,
    /// but the Erlang node (and with it rabbitmqctl) keeps running, so start_app brings it back with
    /// its durable queues and persistent messages. Safer on a shared node than stopping the node.</summary>
    public static void StopBroker() => Rabbitmqctl("stop_app");

    public static void StartBroker() => Rabbitmqctl("start_app");

    /// <summary>Makes sure the broker application runs: start_app on a running app is harmless.
    /// Called from finally blocks and tear-downs, so a failed test never leaves RabbitMQ stopped.</summary>
    public static void EnsureBrokerRunning()
    {
        try { StartBroker(); }
        catch (Exception ex) { TestContext.Out.WriteLine($"could not start the RabbitMQ app: {ex.Message}"); }
    }

    /// <summary>Restarts the PostgreSQL cluster (fast shutdown: sessions are cut, as a crash of the
    /// server or a failover would cut them).</summary>
    public static void RestartPostgres() => AsRoot("pg_ctlcluster", [PgVersion, PgCluster, "restart"], TimeSpan.FromSeconds(90));

    /// <summary>Starts the cluster if it is not running (pg_ctlcluster status: 0 running, 3 stopped).</summary>
    public static void EnsurePostgresRunning()
    {
        try
        {
            if (AsRoot("pg_ctlcluster", [PgVersion, PgCluster, "status"], TimeSpan.FromSeconds(30), allowFailure: true).ExitCode != 0)
                AsRoot("pg_ctlcluster", [PgVersion, PgCluster, "start"], TimeSpan.FromSeconds(90));
        }
        catch (Exception ex) { TestContext.Out.WriteLine($"could not start PostgreSQL: {ex.Message}"); }
    }

    /// <summary>Waits until PostgreSQL accepts a session again.</summary>
    public static async Task WaitForPostgresAsync(string connectionString, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                await using var c = new NpgsqlConnection(connectionString);
                await c.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                NpgsqlConnection.ClearAllPools();
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Messages (ready and unacknowledged) per queue of a virtual host.</summary>
    public static IReadOnlyDictionary<string, long> QueueDepths(string vhost)
    {
        var output = Rabbitmqctl("list_queues", "-p", vhost, "--quiet", "--no-table-headers", "name", "messages");
        var depths = new Dictionary<string, long>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && long.TryParse(parts[1], out var n)) depths[parts[0]] = n;
        }
        return depths;
    }

    public static string Rabbitmqctl(params string[] args)
    {
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") is null) environment["RABBITMQ_NODENAME"] = "rabbit@localhost";
        return Run("rabbitmqctl", args, TimeSpan.FromSeconds(90), environment: environment).Output;
    }

    /// <summary>SIGTERM: the process shuts down in order (the host's graceful stop), as a service
    /// manager stops it.</summary>
    public static void Terminate(int pid) => Signal(pid, 15);

    /// <summary>SIGKILL straight through kill(2): no process-tree walk first, so it lands within
    /// microseconds of the decision (<see cref="HostProcess.Kill"/> then only reaps it).</summary>
    public static void KillNow(int pid) => Signal(pid, 9);

    private static void Signal(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill -{signal} {pid} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    [DllImport("libc")]
    private static extern uint geteuid();

    /// <summary>As root: directly when we are root (CI containers), else through sudo without a
    /// password prompt (as deploy/lib/servers.sh does).</summary>
    private static (int ExitCode, string Output) AsRoot(string file, string[] args, TimeSpan limit, bool allowFailure = false) =>
        geteuid() == 0 ? Run(file, args, limit, allowFailure) : Run("sudo", ["-n", file, .. args], limit, allowFailure);

    public static (int ExitCode, string Output) Run(string file, string[] args, TimeSpan limit, bool allowFailure = false,
        IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        // The server tools live in /usr/sbin, which a non-root PATH often lacks.
        start.Environment["PATH"] = $"{Environment.GetEnvironmentVariable("PATH")}:/usr/sbin:/sbin";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {limit.TotalSeconds:0}s");
        }
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        return (process.ExitCode, output.Result);
    }
}
