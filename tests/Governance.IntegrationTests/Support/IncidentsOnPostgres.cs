using Governance.Incidents;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Support;

/// <summary>A scratch Incidents database on the test PostgreSQL server, migrated as the service migrates
/// its own at start, for tests of a store's SQL; dropped afterwards.</summary>
public static class IncidentsOnPostgres
{
    public static async Task RunAsync(string name, Func<IncidentsDatabase, Task> exercise)
    {
        var connection = await TestServers.CreateDatabaseAsync(name);
        try
        {
            var db = new IncidentsDatabase(new DatabaseOptions(DatabaseProvider.Postgres, connection));
            await TestMigrations.RunAsync(db, IncidentsModule.MigrationTracks);
            await exercise(db);
        }
        finally
        {
            await TestServers.DropDatabaseAsync(name);
        }
    }
}
