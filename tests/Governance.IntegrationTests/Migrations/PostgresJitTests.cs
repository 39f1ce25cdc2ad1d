using Dapper;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Migrations;

/// <summary>Every connection a service opens to PostgreSQL runs with JIT off (PostgresConnections.cs): the work list's
/// bucket query spent 2.0 s compiling for 15 ms of work at 30,000 open cases.</summary>
[TestFixture]
public sealed class PostgresJitTests
{
    [Test]
    public Task A_service_connection_runs_without_jit() => IncidentsOnPostgres.RunAsync("t_jit_off", async db =>
    {
        await using var c = await db.OpenAsync();
        Assert.That(await c.ExecuteScalarAsync<string>("SHOW jit"), Is.EqualTo("off"));
    });
}
