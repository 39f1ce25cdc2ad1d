using System.Diagnostics;
using Dapper;
using Governance.Grids.Data;
using Governance.Grids.Handling;
using Governance.Grids.Model;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// A realistic county (30 townships, 400 villages, 5,000 grids, 40,000 courtyards, ~49,000 people,
/// boundaries for every unit) written by the seeder in multi-row batches, on SQLite and PostgreSQL.
/// The time taken is printed, not asserted: it depends on the machine.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class CountySeedTests(Provider provider)
{
    private ScratchDatabase _scratch = null!;
    private GridsDatabase _db = null!;

    [OneTimeSetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(provider.Database(), "county_seed");
        _db = new GridsDatabase(_scratch.Options);
        await TestMigrations.RunAsync(_db, Governance.Grids.GridsModule.MigrationTracks);
    }

    [OneTimeTearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    [Test]
    public async Task The_county_size_is_written_in_bulk_announced_in_batches_fully_covered_and_locatable()
    {
        var county = DemoCounty.Generate(DemoCountySize.County);
        var runner = new UnitOfWorkRunner<GridsDatabase>(_db, new Outbox<GridsDatabase>(_db, TimeProvider.System), TimeProvider.System);
        var watch = Stopwatch.StartNew();
        Assert.That(await runner.RunAsync(uow => DemoCountySeeder.SeedAsync(uow, county)), Is.True);
        watch.Stop();
        TestContext.Out.WriteLine($"{provider}: seeded {county.Units.Count} units, {county.Staff.Count} staff, {county.Duties.Count} duties, " +
            $"{county.Departments.Count} departments, {county.CareSubjects.Count} care subjects and {county.Boundaries.Count} boundaries in {watch.ElapsedMilliseconds} ms");

        await using var c = await _db.OpenReadAsync();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM units WHERE level = 5"), Is.EqualTo(40_000));
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM staff"), Is.EqualTo(county.Staff.Count));
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unit_history"), Is.EqualTo(county.Units.Count));
            Assert.That(await BoundaryStore.CountAsync(c), Is.EqualTo(county.Units.Count));
            // Announced in batches of 500, not one message per unit or person (people twice: StaffChanged and
            // AccountAccessChanged, their access for the session checks).
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages"),
                Is.EqualTo((county.Units.Count + 499) / 500 + 2 * ((county.Staff.Count + 499) / 500) + (county.Departments.Count + 499) / 500));
            Assert.That(await CoverageStore.VillagesWithoutGridsAsync(c), Is.Empty);
            Assert.That(await CoverageStore.GridsWithoutGridWorkerAsync(c, DateTimeOffset.UtcNow), Is.Empty);
        });

        var random = new Random(11);
        for (var i = 0; i < 20; i++)
        {
            var (lat, lng) = (30.5 + random.NextDouble() * 0.6, 108.0 + random.NextDouble() * 0.8);
            var found = await Locator.LocateAsync(_db, lat, lng);
            Assert.That(found?.Courtyard, Is.Not.Null, $"{lat},{lng}");
            Assert.That(found!.Courtyard!.ParentCode, Is.EqualTo(found.Grid!.Code));
            Assert.That(found.Grid.ParentCode, Is.EqualTo(found.Village!.Code));
        }

        Assert.That(await runner.RunAsync(uow => DemoCountySeeder.SeedAsync(uow, county)), Is.False, "a county is seeded once");
    }
}
