using System.Data.Common;
using Dapper;
using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Migrations;

/// <summary>
/// Each applied migration's checksum is recorded; a database migrated before checksums were kept is
/// adopted with its history intact; a script changed after it was applied stops the start, naming it,
/// before anything newer runs. On SQLite and on a real PostgreSQL.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MigrationChecksumTests
{
    private static readonly DatabaseProvider[] Providers = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static IReadOnlyList<MigrationTrack> DispatchTracks => DispatchModule.MigrationTracks;

    /// <summary>The probe scripts under ProbeScripts/{folder}/, all as one track named "probe".</summary>
    private static MigrationTrack Probe(string folder) =>
        new("probe", typeof(MigrationChecksumTests).Assembly, $"Governance.IntegrationTests.Migrations.ProbeScripts.{folder}");

    private static MigrationRunner Runner(Database db) => new(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    private sealed class Row
    {
        public string Track { get; init; } = "";
        public int Version { get; init; }
        public string Name { get; init; } = "";
        public long AppliedAtMs { get; init; }
        public string? Checksum { get; init; }
    }

    private static async Task<List<Row>> HistoryAsync(DbConnection c) =>
        (await c.QueryAsync<Row>("SELECT track AS Track, version AS Version, name AS Name, applied_at_ms AS AppliedAtMs, checksum AS Checksum FROM schema_migrations ORDER BY track, version")).ToList();

    private static string ExpectedChecksum(string track, int version, DatabaseProvider provider)
    {
        var scripts = MigrationRunner.ScriptsFor(DispatchTracks.Append(Probe("as_applied")).Single(t => t.Name == track), provider);
        return MigrationChecksum.Of(scripts.Single(s => s.Version == version).Sql);
    }

    [TestCaseSource(nameof(Providers))]
    public async Task Every_applied_script_has_its_checksum_recorded(DatabaseProvider provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "checksums_recorded");
        var db = new DispatchDatabase(scratch.Options);
        await Runner(db).MigrateAsync(DispatchTracks);
        await using var c = await db.OpenAsync();
        var history = await HistoryAsync(c);
        // Every script that ships for this dialect, counted from the scripts (a new migration needs no edit here).
        Assert.That(history, Has.Count.EqualTo(DispatchTracks.Sum(t => MigrationRunner.ScriptsFor(t, provider).Count)));
        Assert.That(history.Select(r => r.Checksum), Is.EqualTo(history.Select(r => ExpectedChecksum(r.Track, r.Version, provider))));
    }

    [TestCaseSource(nameof(Providers))]
    public async Task A_database_migrated_before_checksums_is_adopted_with_its_history_intact(DatabaseProvider provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "checksums_adopted");
        var db = new DispatchDatabase(scratch.Options);
        await Runner(db).MigrateAsync(DispatchTracks);
        await using var c = await db.OpenAsync();
        // The history table as releases before checksums made it, its times set apart from today's.
        await c.ExecuteAsync("ALTER TABLE schema_migrations DROP COLUMN checksum");
        await c.ExecuteAsync("UPDATE schema_migrations SET applied_at_ms = 1000 + version");
        var before = (await c.QueryAsync<(string Track, int Version, string Name, long AppliedAtMs)>(
            "SELECT track, version, name, applied_at_ms FROM schema_migrations ORDER BY track, version")).ToList();

        await Runner(db).MigrateAsync(DispatchTracks);

        var after = await HistoryAsync(c);
        Assert.That(after.Select(r => (r.Track, r.Version, r.Name, r.AppliedAtMs)), Is.EqualTo(before), "the same rows, times untouched, nothing applied again");
        Assert.That(after.Select(r => r.Checksum), Is.EqualTo(after.Select(r => ExpectedChecksum(r.Track, r.Version, provider))),
            "each row's checksum filled from the current scripts");
        // From now on an edit is noticed.
        await c.ExecuteAsync("UPDATE schema_migrations SET checksum = @other WHERE track = 'dispatch' AND version = 3", new { other = new string('0', 64) });
        await Assert.ThrowsAsync<MigrationChangedException>(() => Runner(db).MigrateAsync(DispatchTracks));
    }

    [TestCaseSource(nameof(Providers))]
    public async Task A_script_changed_after_it_was_applied_stops_the_start_naming_it_before_anything_newer_runs(DatabaseProvider provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "checksums_changed");
        var db = new DispatchDatabase(scratch.Options);
        await Runner(db).MigrateAsync([Probe("as_applied")]);

        var changed = (await Assert.ThrowsAsync<MigrationChangedException>(() => Runner(db).MigrateAsync([Probe("as_edited")])))!;

        var dialect = MigrationRunner.DialectFolder(provider);
        var applied = ExpectedChecksum("probe", 1, provider);
        var edited = MigrationChecksum.Of(MigrationRunner.ScriptsFor(Probe("as_edited"), provider)[0].Sql);
        Assert.That(changed.Message, Is.EqualTo(
            $"the dispatch service's migration probe 0001_probe_notes.sql ({dialect}) was changed after this database applied it " +
            $"(recorded checksum {applied[..12]}, the script's is now {edited[..12]}): restore the script as it was applied and put the change in a new migration."));
        Assert.That(changed.Message, Does.Not.Contain('\n'));
        await using var c = await db.OpenAsync();
        Assert.That((await HistoryAsync(c)).Select(r => $"{r.Track} {r.Version}"), Is.EqualTo(new[] { "probe 1" }), "0002, written after the edit, did not run");
    }

    [TestCaseSource(nameof(Providers))]
    public async Task The_same_script_checked_out_with_CRLF_line_endings_is_not_a_change(DatabaseProvider provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, "checksums_crlf");
        var db = new DispatchDatabase(scratch.Options);
        await Runner(db).MigrateAsync([Probe("as_applied")]);
        Assume.That(MigrationRunner.ScriptsFor(Probe("as_applied_crlf"), provider)[0].Sql, Does.Contain("\r\n"), "the CRLF copy kept its line endings");

        await Assert.DoesNotThrowAsync(() => Runner(db).MigrateAsync([Probe("as_applied_crlf")]));
    }
}
