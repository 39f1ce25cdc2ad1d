using Dapper;
using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Distributed;

/// <summary>Migrations apply on a real PostgreSQL and on SQLite, and applying them again changes nothing.</summary>
[TestFixture]
[NonParallelizable]
public sealed class MigrationTests
{
    private static IReadOnlyList<MigrationTrack> DispatchTracks => DispatchModule.MigrationTracks;

    /// <summary>The scripts Dispatch's database runs, written out by hand (a new script is added here too):
    /// outbox/inbox and audit log, the unit copy (its retired flag, its boundary box, its places for intake), the account copy (session
    /// checks), then Dispatch's own six.</summary>
    private static readonly string[] DispatchScripts =
        ["messaging 1", "messaging 2", "messaging 3", "unit-copy 1", "unit-copy 2", "unit-copy 3", "unit-copy 4", "account-copy 1", "dispatch 1", "dispatch 2", "dispatch 3", "dispatch 4", "dispatch 5", "dispatch 6"];

    private static async Task<List<string>> AppliedAsync(System.Data.Common.DbConnection c) =>
        (await c.QueryAsync<(string Track, int Version)>("SELECT track, version FROM schema_migrations"))
            .Select(m => $"{m.Track} {m.Version}").ToList();

    private static async Task<List<string>> MigrateTwiceAsync(DispatchDatabase db)
    {
        var runner = new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync(DispatchTracks);
        await using var c = await db.OpenAsync();
        var first = await AppliedAsync(c);
        await runner.MigrateAsync(DispatchTracks);
        Assert.That(await AppliedAsync(c), Is.EquivalentTo(first), "the second run applies nothing");
        // The tables are there and usable.
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM assignments"), Is.Zero);
        return first;
    }

    [Test]
    public async Task Migrations_apply_once_on_PostgreSQL()
    {
        const string name = "t_migrations_pg";
        var connection = await TestServers.CreateDatabaseAsync(name);
        try
        {
            Assert.That(await MigrateTwiceAsync(new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Postgres, connection))), Is.EquivalentTo(DispatchScripts));
        }
        finally
        {
            await TestServers.DropDatabaseAsync(name);
        }
    }

    [Test]
    public async Task Migrations_apply_once_on_SQLite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"governance-migrations-{Guid.NewGuid():N}.db");
        try
        {
            Assert.That(await MigrateTwiceAsync(new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"))), Is.EquivalentTo(DispatchScripts));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
