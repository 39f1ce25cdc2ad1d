using Dapper;
using Governance.Grids.Model;
using Governance.IntegrationTests.Support;
using Npgsql;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// A county starting two Grids instances at once on an empty database: both see no units and try
/// to seed the demo county; one commits, the other's transaction is refused whole and it starts
/// anyway. One county, no half-written second copy, both instances serving.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TwoInstancesSeedTests
{
    [Test]
    public async Task Two_Grids_instances_starting_together_on_an_empty_database_both_start_and_the_county_is_seeded_once()
    {
        var name = $"t_two_grids_{Environment.ProcessId}";
        var connection = await TestServers.CreateDatabaseAsync(name);
        try
        {
            Dictionary<string, string> Settings() => new()
            {
                ["Governance:Services"] = "grids",
                ["Messaging:Transport"] = "InMemory",
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:grids"] = connection,
            };
            var hosts = await Task.WhenAll(InProcessHost.StartAsync(Settings()), InProcessHost.StartAsync(Settings()));
            try
            {
                foreach (var host in hosts)
                    Assert.That((int)(await host.Http.GetAsync($"/grids/units/{Demo.Courtyard}")).StatusCode, Is.EqualTo(200));
                await using var c = new NpgsqlConnection(connection);
                Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units"),
                    Is.EqualTo(DemoCounty.Generate(DemoCountySize.Demo).Units.Count));
            }
            finally
            {
                foreach (var host in hosts) await host.DisposeAsync();
            }
        }
        finally
        {
            await TestServers.DropDatabaseAsync(name);
        }
    }
}
