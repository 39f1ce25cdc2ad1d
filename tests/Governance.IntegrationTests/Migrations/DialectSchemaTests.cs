using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Grids;
using Governance.Grids.Data;
using Governance.Incidents;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Migrations.Schema;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Migrations;

/// <summary>
/// The three dialects' migrations describe the same tables, columns, keys and indexes for each service:
/// SQLite and PostgreSQL read from their catalogs after migrating, SQL Server from ScriptDom's parse of its
/// scripts (none runs here). A script added to one dialect and forgotten in another, a column spelt two
/// ways, an index only one engine has: each fails here with the facts that differ.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DialectSchemaTests
{
    public sealed record Service(string Name, IReadOnlyList<MigrationTrack> Tracks, Func<DatabaseOptions, Database> Open)
    {
        public override string ToString() => Name;
    }

    private static IEnumerable<Service> Services()
    {
        // The tracks each module's InitializeAsync migrates.
        yield return new Service(GridsModule.ServiceName, GridsModule.MigrationTracks, o => new GridsDatabase(o));
        yield return new Service(IncidentsModule.ServiceName, IncidentsModule.MigrationTracks, o => new IncidentsDatabase(o));
        yield return new Service(DispatchModule.ServiceName, DispatchModule.MigrationTracks, o => new DispatchDatabase(o));
    }

    /// <summary>Differences that are meant ("only ...: fact", in every service that has the table), each
    /// with its reason; anything else is a finding.</summary>
    private static readonly Dictionary<string, string> Known = new()
    {
        ["only in SQL Server's scripts: index ix_outbox_created on outbox_messages (created_at_ms)"] =
            "SQL Server stores a table in the order of its clustered index, by default its primary key: a random " +
            "GUID would scatter the outbox's inserts across pages, so its key is NONCLUSTERED and the rows are " +
            "clustered by time. SQLite (rowid order) and PostgreSQL (a heap) already keep rows as they arrive.",
    };

    private static async Task<SchemaFacts> MigratedAsync(Service service, DatabaseProvider provider)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(provider, $"dialects_{service.Name}");
        var db = service.Open(scratch.Options);
        await TestMigrations.RunAsync(db, service.Tracks);
        await using var c = await db.OpenAsync();
        var facts = provider == DatabaseProvider.Postgres ? await PostgresCatalog.ReadAsync(c) : await SqliteCatalog.ReadAsync(c);
        if (provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return facts;
    }

    private static IEnumerable<string> Differences(string service, string left, SchemaFacts a, string right, SchemaFacts b) =>
        a.All.Except(b.All).Select(f => $"only {left}: {f}")
            .Concat(b.All.Except(a.All).Select(f => $"only {right}: {f}"))
            .Where(d => !Known.ContainsKey(d))
            .Select(d => $"{service}: {d}");

    [TestCaseSource(nameof(Services))]
    public async Task SQLite_PostgreSQL_and_SQL_Server_migrations_describe_the_same_schema(Service service)
    {
        var sqlite = await MigratedAsync(service, DatabaseProvider.Sqlite);
        var postgres = await MigratedAsync(service, DatabaseProvider.Postgres);
        var sqlServer = SqlServerScriptSchema.Read(service.Tracks);

        Assert.That(sqlite.All, Is.Not.Empty);
        var differences = Differences(service.Name, "on SQLite", sqlite, "on PostgreSQL", postgres)
            .Concat(Differences(service.Name, "on SQLite", sqlite, "in SQL Server's scripts", sqlServer)).ToList();
        Assert.That(differences, Is.Empty, string.Join("\n", differences));
    }

    [Test]
    public void The_reader_of_SQL_Server_scripts_sees_tables_columns_keys_and_indexes()
    {
        // Guards the comparison above: a reader that saw nothing would find no difference.
        var facts = SqlServerScriptSchema.Read([MigrationTrack.Messaging]);
        Assert.That(facts.All, Does.Contain("table outbox_messages").And.Contain("column outbox_messages.body")
            .And.Some.StartsWith("primary key outbox_messages (").And.Some.StartsWith("index "));
    }
}
