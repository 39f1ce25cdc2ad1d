using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Governance.Benchmarks;

/// <summary>The local PostgreSQL and RabbitMQ (deploy/lib/servers.sh started them): databases and a
/// virtual host of the benchmark's own, created fresh and dropped at the end.</summary>
public static class Servers
{
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("GOVERNANCE_BENCH_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=governance;Password=governance;Database=postgres";

    public static string ConnectionString(string database, int? maxPool = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database };
        if (maxPool is { } max) builder.MaxPoolSize = max;
        return builder.ConnectionString;
    }

    public static async Task<string> CreateDatabaseAsync(string name)
    {
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await admin.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Drops a benchmark database, retrying while a session of another role (a monitoring
    /// query, someone's psql) is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(PostgresAdmin);
                await admin.OpenAsync();
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (attempt < 10 && e.SqlState is "42501" or "55006")
            {
                Log.Info($"dropping {name}: {e.MessageText}; trying again");
                await Task.Delay(2000);
            }
        }
    }

    /// <summary>Committed transactions of a database so far (pg_stat_database; flushed by the server
    /// about once a second, so read it after a pause).</summary>
    public static Task<long> CommitsAsync(string database) => DatabaseStatAsync(database, "xact_commit");

    /// <summary>Deadlocks PostgreSQL detected in a database so far (pg_stat_database): each cost a transaction a wait of
    /// deadlock_timeout (a second) and its retry.</summary>
    public static Task<long> DeadlocksAsync(string database) => DatabaseStatAsync(database, "deadlocks");

    /// <param name="column">A counter column of pg_stat_database (a constant of ours, never input).</param>
    private static async Task<long> DatabaseStatAsync(string database, string column)
    {
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        return await admin.ExecuteScalarAsync<long>($"SELECT {column} FROM pg_stat_database WHERE datname = @database", new { database });
    }

    public static string Setting(string name)
    {
        using var admin = new NpgsqlConnection(PostgresAdmin);
        admin.Open();
        return admin.ExecuteScalar<string>($"SHOW {name}") ?? "";
    }

    public static void CreateVirtualHost(string vhost)
    {
        Rabbitmqctl(["delete_vhost", vhost], allowFailure: true);
        Rabbitmqctl(["add_vhost", vhost]);
        Rabbitmqctl(["set_permissions", "-p", vhost, "guest", ".*", ".*", ".*"]);
    }

    public static void DeleteVirtualHost(string vhost) => Rabbitmqctl(["delete_vhost", vhost], allowFailure: true);

    public static string Rabbitmqctl(string[] args, bool allowFailure = false)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (Environment.GetEnvironmentVariable("RABBITMQ_NODENAME") is null) start.Environment["RABBITMQ_NODENAME"] = "rabbit@localhost";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"rabbitmqctl {string.Join(' ', args)} timed out");
        }
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {error.Result}{output.Result}");
        return output.Result;
    }
}
