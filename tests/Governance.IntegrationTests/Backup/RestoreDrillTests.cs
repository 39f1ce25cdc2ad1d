using System.Net;
using System.Net.Sockets;
using Dapper;
using Governance.IntegrationTests.Packaging;
using Npgsql;

namespace Governance.IntegrationTests.Backup;

/// <summary>
/// Issue #18, item 7: the backups of deploy/backup restore to a point in time. A throwaway cluster of its own
/// (deploy/lib/servers.sh, ensure_postgres_cluster; not the shared server) archives its WAL with archive-wal.sh;
/// base-backup.sh backs it up; cases are filed, the moment noted, one more filed; then restore-drill.sh restores
/// the backup to that moment on a spare port and checks that the last case filed before it is there and the one
/// after it is not.
/// </summary>
[TestFixture]
public sealed class RestoreDrillTests
{
    private string _folder = "";
    private int _port;

    private string Cluster => Path.Combine(_folder, "cluster");
    private string Backups => Path.Combine(_folder, "backups");
    private string Connection => $"Host=127.0.0.1;Port={_port};Username=governance;Password=governance;Database=drill;Pooling=false";
    // The scripts run as postgres (they switch to it when started as root, as they are installed: /opt/governance/backup).
    // A checkout may sit where postgres cannot read (CI clones into a 0700 temporary folder): they run from a copy.
    private string Scripts => _folder + "-scripts";
    private string Script(string name) => Path.Combine(Scripts, name);

    [OneTimeSetUp]
    public async Task StartArchivingClusterAsync()
    {
        _folder = Path.Combine("/var/tmp", $"governance-drill-test-{Guid.NewGuid():N}");
        _port = FreePort();
        var archive = $"{Script("archive-wal.sh")} %p %f {Path.Combine(Backups, "wal")}";
        await ServersAsync($"""
            _as_root install -d -o postgres -g postgres -m 700 '{_folder}'
            _as_root install -d -m 755 '{Scripts}'
            _as_root install -m 755 '{Path.Combine(PackageOutput.RepositoryRoot, "deploy", "backup")}'/*.sh '{Scripts}/'
            ensure_postgres_cluster '{Cluster}' {_port} "archive_mode = on" "archive_command = '{archive}'"
            PG_PORT={_port} ensure_postgres_role_and_dbs drill
            """);
    }

    [OneTimeTearDown]
    public async Task RemoveClusterAsync()
    {
        if (_folder.Length > 0) await ServersAsync($"stop_postgres_cluster '{Cluster}' immediate; _as_root rm -rf '{_folder}' '{_folder}.log' '{Scripts}'");
    }

    [Test]
    public async Task The_drill_restores_the_base_backup_and_the_archived_WAL_to_a_moment_between_two_filings()
    {
        await using (var c = new NpgsqlConnection(Connection))
        {
            await c.ExecuteAsync("CREATE TABLE incidents (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL)");
            await c.ExecuteAsync("INSERT INTO incidents (title) VALUES ('filed before the backup')");
        }
        var environment = new Dictionary<string, string> { ["BACKUP_ROOT"] = Backups, ["PGPORT"] = _port.ToString() };
        var made = await PackageOutput.RunAsync(Script("base-backup.sh"), [], TimeSpan.FromMinutes(2), environment);
        var backup = made.Split('\n').Single(line => line.StartsWith(Path.Combine(Backups, "base"), StringComparison.Ordinal)).Trim();

        string target; // as PostgreSQL writes it: microseconds and zone, what recovery_target_time takes
        await using (var c = new NpgsqlConnection(Connection))
        {
            await c.ExecuteAsync("INSERT INTO incidents (title) VALUES ('last before the target')");
            // Read after that commit and before the next one: the target lies between the two.
            target = (await c.ExecuteScalarAsync<string>("SELECT clock_timestamp()::text"))!;
            await c.ExecuteAsync("INSERT INTO incidents (title) VALUES ('first after the target')");
        }
        // The segment holding the last commit is archived when full; switched here so the drill has it now.
        await ServersAsync($"""
            wal=$(_as_postgres psql -X -A -t -p {_port} -d postgres -c "SELECT pg_walfile_name(pg_switch_wal())")
            for _ in $(seq 300); do
                [ "$(_as_postgres psql -X -A -t -p {_port} -d postgres -c "SELECT last_archived_wal >= '$wal' FROM pg_stat_archiver")" = t ] && exit 0
                sleep 0.2
            done
            echo "segment $wal not archived" >&2; exit 1
            """);

        string[] Drill(params string[] expectations) =>
        [
            "--base", backup, "--wal", Path.Combine(Backups, "wal"), "--target-time", target,
            "--port", FreePort().ToString(), .. expectations.SelectMany(e => new[] { "--expect", $"drill:{e}" }),
        ];
        var output = await PackageOutput.RunAsync(Script("restore-drill.sh"), Drill(
            "SELECT EXISTS (SELECT FROM incidents WHERE title = 'last before the target')",
            "SELECT NOT EXISTS (SELECT FROM incidents WHERE title = 'first after the target')"), TimeSpan.FromMinutes(3));
        TestContext.Out.WriteLine(output);
        Assert.That(output, Does.Contain("rows drill public.incidents 2"), "the filing before the backup and the last one before the target");
        Assert.That(output.Split('\n').Count(l => l.StartsWith("expect ok:")), Is.EqualTo(2));

        // The checks bite: the same drill told to expect the later case fails.
        var (exitCode, refused) = await PackageOutput.RunUncheckedAsync(Script("restore-drill.sh"), Drill(
            "SELECT EXISTS (SELECT FROM incidents WHERE title = 'first after the target')"), TimeSpan.FromMinutes(3));
        Assert.That(exitCode, Is.EqualTo(1), refused);
        Assert.That(refused, Does.Contain("expect FAILED (f)"));
    }

    /// <summary>Functions of deploy/lib/servers.sh, as tests/run-all.sh runs them.</summary>
    private static Task<string> ServersAsync(string commands) => PackageOutput.RunAsync("bash",
        ["-c", $"set -e; source \"$0\"\n{commands}", Path.Combine(PackageOutput.RepositoryRoot, "deploy", "lib", "servers.sh")], TimeSpan.FromMinutes(3));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
