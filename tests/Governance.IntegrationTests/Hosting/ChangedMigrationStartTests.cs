using Dapper;
using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Hosting;

/// <summary>
/// The Host itself, as an operator starts it, on a database whose record of an applied script no longer
/// matches the script that ships (as after an edit of 0003_notices.sql): it exits with 78 and one line
/// naming the script and the service, and serves nothing.
/// </summary>
[TestFixture]
public sealed class ChangedMigrationStartTests
{
    [Test]
    public async Task The_host_refuses_to_start_with_one_line_naming_the_changed_script_and_its_service()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"governance-changed-migration-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var settings = StandaloneEnvironment.Settings(folder);
            var db = new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, settings["ConnectionStrings:dispatch"]));
            await TestMigrations.RunAsync(db, DispatchModule.MigrationTracks);
            await using (var c = await db.OpenAsync())
                await c.ExecuteAsync("UPDATE schema_migrations SET checksum = @recorded WHERE track = 'dispatch' AND version = 3", new { recorded = new string('a', 64) });
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            using var host = HostProcess.Start("dispatch", settings);

            Assert.That(await host.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.True, $"the host should refuse to start:\n{host.Output}");
            Assert.That(host.ExitCode, Is.EqualTo(78), host.Output);
            var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith("Governance cannot start:")).ToList();
            Assert.That(lines, Has.Count.EqualTo(1), host.Output);
            Assert.That(lines[0], Does.StartWith("Governance cannot start: the dispatch service's migration dispatch 0003_notices.sql (sqlite) was changed after this database applied it (recorded checksum aaaaaaaaaaaa,"));
            Assert.That(host.Output, Does.Not.Contain("is serving at").And.Not.Contain("Unhandled exception").And.Not.Contain("   at "), host.Output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await ScratchFolder.DeleteAsync(folder);
        }
    }
}
