using Npgsql;

namespace Governance.FaultTests.Harness;

/// <summary>
/// The PostgreSQL primary and synchronous hot standby of deploy/lib/servers.sh (ensure_postgres_pair: two
/// clusters of their own on 127.0.0.1:5441 and :5442, not the shared server), and the multi-host connection
/// string the services use to follow a promotion, as deploy/README.md tells a county to write it.
/// </summary>
public static class PostgresPair
{
    public const int PrimaryPort = 5441, StandbyPort = 5442;

    /// <summary>Both hosts; Npgsql opens sessions only on the one that takes writes, and looks again at a
    /// host it found down or read-only after a second instead of its default ten.</summary>
    public static string Admin =>
        $"Host=127.0.0.1:{PrimaryPort},127.0.0.1:{StandbyPort};Target Session Attributes=primary;Host Recheck Seconds=1;" +
        "Username=governance;Password=governance;Database=postgres";

    /// <summary>Starts the pair (installing PostgreSQL if needed; a standby promoted by an earlier run is made
    /// again from the primary) and drops the databases an earlier run of <paramref name="prefix"/> left on it.</summary>
    public static async Task EnsureAsync(string prefix)
    {
        Servers("ensure_postgres_pair", TimeSpan.FromMinutes(5));
        await using var admin = new NpgsqlConnection(Admin);
        await admin.OpenAsync();
        var leftOver = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE @p", admin))
        {
            list.Parameters.AddWithValue("p", $"t\\_{prefix}\\_%");
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) leftOver.Add(reader.GetString(0));
        }
        foreach (var name in leftOver)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The primary stops as a crash would (pg_ctl stop -m immediate), then the standby is promoted.</summary>
    public static void FailOver() => Servers("fail_over_postgres_pair", TimeSpan.FromSeconds(90));

    /// <summary>The old primary follows the promoted standby (pg_rewind), as deploy/README.md tells a county to rejoin it.</summary>
    public static void RejoinOldPrimary() => Servers("rejoin_postgres_pair_old_primary", TimeSpan.FromMinutes(2));

    /// <summary>A session on the old primary's port alone: after <see cref="RejoinOldPrimary"/>, the standby.</summary>
    public static string OnOldPrimary(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = PrimaryPort, TargetSessionAttributes = null, Pooling = false }
            .ConnectionString;

    public static void Stop()
    {
        try { Servers("stop_postgres_pair", TimeSpan.FromSeconds(90)); }
        catch (Exception ex) { TestContext.Out.WriteLine($"could not stop the PostgreSQL pair: {ex.Message}"); }
    }

    /// <summary>Runs functions of deploy/lib/servers.sh, as tests/run-all.sh does.</summary>
    private static void Servers(string commands, TimeSpan limit)
    {
        var script = Path.Combine(RepositoryRoot, "deploy", "lib", "servers.sh");
        var (_, output) = LocalServers.Run("bash", ["-c", $"set -e; source \"$0\"; {commands}", script], limit);
        if (output.Length > 0) TestContext.Out.WriteLine(output);
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Governance.sln"))) return folder.FullName;
            throw new InvalidOperationException($"No Governance.sln above {AppContext.BaseDirectory}");
        }
    }
}
