using System.Diagnostics;
using Npgsql;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// The real servers the test command (tests/run-all.sh) started on loopback. Each fixture gets
/// its own PostgreSQL databases and its own RabbitMQ virtual host, so fixtures never see each
/// other's rows or messages. Nothing here skips a test when a server is missing: it fails.
/// </summary>
public static class TestServers
{
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("GOVERNANCE_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=governance;Password=governance;Database=postgres";

    public static string RabbitHost => Environment.GetEnvironmentVariable("GOVERNANCE_TEST_RABBITMQ_HOST") ?? "127.0.0.1";

    /// <summary>Creates a fresh database and returns its connection string; on the shared server, or on the one
    /// <paramref name="postgresAdmin"/> names (the fault tests' primary and standby pair).</summary>
    public static async Task<string> CreateDatabaseAsync(string name, string? postgresAdmin = null)
    {
        postgresAdmin ??= PostgresAdmin;
        await using (var admin = new NpgsqlConnection(postgresAdmin))
        {
            await admin.OpenAsync();
            await DropAsync(admin, name); // left over from a run that was killed
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>
    /// Drops a database, ending the sessions still connected to it. WITH (FORCE) also tries to end an
    /// autovacuum worker busy with it (after a bulk load, as CountySeedTests makes), which the test
    /// role may not signal: 42501, "must be a member of the role whose process is being terminated".
    /// A plain DROP stops autovacuum by itself (waiting up to 5 s), so that is tried next; a session
    /// still connected (55006) is waited for. Bounded: 20 attempts, 250 ms apart.
    /// </summary>
    public static async Task DropDatabaseAsync(string name, string? postgresAdmin = null)
    {
        // This process's own idle sessions on it first.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(postgresAdmin ?? PostgresAdmin);
        await admin.OpenAsync();
        await DropAsync(admin, name);
    }

    private static async Task DropAsync(NpgsqlConnection admin, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == "42501")
            {
                try
                {
                    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\"");
                    return;
                }
                catch (PostgresException again) when (again.SqlState == "55006" && attempt < 20) { }
            }
            catch (PostgresException e) when (e.SqlState == "55006" && attempt < 20) { }
            await Task.Delay(250);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection admin, string sql)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new, empty RabbitMQ virtual host that the guest user may use (TestVirtualHosts: made in batches).</summary>
    public static string NewVirtualHost() => TestVirtualHosts.Take();

    /// <summary>Deletes a virtual host from <see cref="NewVirtualHost"/>, with its queues (in batches, TestVirtualHosts).</summary>
    public static void DeleteVirtualHost(string vhost) => TestVirtualHosts.Return(vhost);

    /// <summary>The messages each queue of a virtual host holds, ready or delivered and not yet
    /// acknowledged (the broker's own count, not sampled statistics): 0 once every delivery to the
    /// queue, a redelivery too, has been consumed.</summary>
    public static IReadOnlyDictionary<string, long> QueueMessages(string vhost) =>
        ListQueues(vhost, "name", "messages").Where(r => long.TryParse(r[1], out _)).ToDictionary(r => r[0], r => long.Parse(r[1]));

    /// <summary>Each queue of a virtual host with its type ("classic", "quorum") and whether it is durable.</summary>
    public static IReadOnlyDictionary<string, (string Type, bool Durable)> QueueTypes(string vhost) =>
        ListQueues(vhost, "name", "type", "durable").ToDictionary(r => r[0], r => (r[1], r[2] == "true"));

    /// <summary>rabbitmqctl list_queues with the given columns, one array per queue.</summary>
    private static List<string[]> ListQueues(string vhost, params string[] columns)
    {
        var output = Rabbitmqctl(["list_queues", "-p", vhost, "--quiet", "--no-table-headers", .. columns], false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', StringSplitOptions.TrimEntries)).Where(parts => parts.Length == columns.Length).ToList();
    }

    internal static string Rabbitmqctl(string[] args, bool allowFailure)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") is null) start.Environment["RABBITMQ_NODENAME"] = "rabbit@localhost";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(); throw new TimeoutException($"rabbitmqctl {string.Join(' ', args)} timed out"); }
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {error.Result}{output.Result}");
        return output.Result;
    }
}
