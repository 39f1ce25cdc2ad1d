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
    private static MigrationTrack[] DispatchTracks =>
        [MigrationTrack.Messaging, MigrationTrack.UnitCopy, MigrationTrack.ForService(DispatchModule.ServiceName, typeof(DispatchModule).Assembly)];

    private static int ScriptCount(DatabaseProvider provider) => DispatchTracks.Sum(t => MigrationRunner.ScriptsFor(t, provider).Count);

    private static async Task<long> MigrateTwiceAsync(DispatchDatabase db)
    {
        var runner = new MigrationRunner(db, TimeProvider.System, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync(DispatchTracks);
        await using var c = await db.OpenAsync();
        var first = await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations");
        await runner.MigrateAsync(DispatchTracks);
        Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"), Is.EqualTo(first));
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
            Assert.That(await MigrateTwiceAsync(new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Postgres, connection))), Is.EqualTo(ScriptCount(DatabaseProvider.Postgres)));
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
            Assert.That(await MigrateTwiceAsync(new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"))), Is.EqualTo(ScriptCount(DatabaseProvider.Sqlite)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
