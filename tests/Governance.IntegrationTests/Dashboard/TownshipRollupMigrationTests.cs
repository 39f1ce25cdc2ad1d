using System.Data.Common;
using Dapper;
using Governance.Contracts;
using Governance.Incidents;
using Governance.Incidents.Dashboard;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Dashboard;

/// <summary>
/// A database that was counting cases before the township rollup existed (migrated to 0005) is
/// upgraded by 0007, which fills the new rollup from the village one: afterwards the county's and the
/// townships' figures, now read from the township rollup, are what the villages add up to.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class TownshipRollupMigrationTests(Provider provider)
{
    private const int LastBeforeTownshipRollup = 5;
    private static readonly MigrationTrack Incidents = MigrationTrack.ForService(IncidentsModule.ServiceName, typeof(IncidentsModule).Assembly);

    private ScratchDatabase _scratch = null!;
    private IncidentsDatabase _db = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _scratch = await ScratchDatabase.CreateAsync(provider.Database(), "rollup_backfill");
        _db = new IncidentsDatabase(_scratch.Options);
    }

    [TearDown]
    public async Task DropAsync() => await _scratch.DisposeAsync();

    private MigrationRunner Runner() => new(_db, TimeProvider.System, NullLogger<MigrationRunner>.Instance);

    /// <summary>The database as an installation that last started before 0006 has it: Incidents' scripts up
    /// to 0005 applied and recorded, as MigrationRunner would have.</summary>
    private async Task MigrateToBeforeTownshipRollupAsync()
    {
        await Runner().MigrateAsync([MigrationTrack.Messaging, MigrationTrack.UnitCopy]);
        await using var c = await _db.OpenAsync();
        foreach (var (version, name, sql) in MigrationRunner.ScriptsFor(Incidents, _db.Provider).Where(s => s.Version <= LastBeforeTownshipRollup))
        {
            await using var t = await c.BeginTransactionAsync();
            foreach (var batch in MigrationRunner.Batches(sql, _db.Provider)) await c.ExecuteAsync(batch, transaction: t);
            await c.ExecuteAsync("INSERT INTO schema_migrations (track, version, name, applied_at_ms) VALUES (@track, @version, @name, 0)",
                new { track = Incidents.Name, version, name }, t);
            await t.CommitAsync();
        }
    }

    private static async Task AddVillageDayAsync(DbConnection c, int day, string village, string category, int filed, int closed, int inVillage,
        int inTownship, int onTime, int answers, int satisfied) =>
        await c.ExecuteAsync("""
            INSERT INTO rollup_village_daily (day, township_code, village_code, category, filed, closed, closed_in_village, closed_in_township,
                closed_on_time, satisfaction_answers, satisfied)
            VALUES (@day, @township, @village, @category, @filed, @closed, @inVillage, @inTownship, @onTime, @answers, @satisfied)
            """, new { day, township = village[..9] + "000", village, category, filed, closed, inVillage, inTownship, onTime, answers, satisfied });

    [Test]
    public async Task Upgrading_fills_the_township_rollup_with_what_the_villages_add_up_to()
    {
        await MigrateToBeforeTownshipRollupAsync();
        await using (var c = await _db.OpenAsync())
        {
            // Two villages of township 1 on the same day and category (they must add up), another category,
            // another day, and a village of township 2.
            await AddVillageDayAsync(c, 20261120, "500101001001", "environment", 5, 4, 3, 4, 3, 2, 1);
            await AddVillageDayAsync(c, 20261120, "500101001002", "environment", 7, 6, 2, 5, 6, 6, 5);
            await AddVillageDayAsync(c, 20261120, "500101001002", "dispute", 1, 1, 1, 1, 1, 0, 0);
            await AddVillageDayAsync(c, 20261121, "500101001001", "environment", 2, 0, 0, 0, 0, 0, 0);
            await AddVillageDayAsync(c, 20261121, "500101002001", "environment", 3, 3, 0, 1, 2, 3, 3);
        }

        await Runner().MigrateAsync([MigrationTrack.Messaging, MigrationTrack.UnitCopy, Incidents]);

        await using (var c = await _db.OpenReadAsync())
        {
            var applied = await c.QueryAsync<int>("SELECT version FROM schema_migrations WHERE track = @track", new { track = Incidents.Name });
            Assert.That(applied, Does.Contain(7));
            var summed = await c.QuerySingleAsync<(long Filed, long Closed, long InVillage, long InTownship, long OnTime, long Answers, long Satisfied)>("""
                SELECT SUM(filed), SUM(closed), SUM(closed_in_village), SUM(closed_in_township), SUM(closed_on_time), SUM(satisfaction_answers), SUM(satisfied)
                FROM rollup_township_daily WHERE day = 20261120 AND township_code = '500101001000' AND category = 'environment'
                """);
            Assert.That(summed, Is.EqualTo((12L, 10L, 5L, 9L, 9L, 8L, 6L)), "the two villages' rows are one township row");
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rollup_township_daily"), Is.EqualTo(4));

            // What the dashboard answers from the township rollup is what it answered from the villages.
            var november = (From: new DateOnly(2026, 11, 1), To: new DateOnly(2026, 11, 30));
            var county = await DashboardStore.HeadlineAsync(c, new DashboardScope(Demo.County, UnitLevel.County, november.From, november.To));
            Assert.That(county, Is.EqualTo(new Headline(18, 14, 6, 11, 12, 11, 9, 0, 0)));
            var township1 = await DashboardStore.HeadlineAsync(c, new DashboardScope("500101001000", UnitLevel.Township, november.From, november.To));
            Assert.That(township1, Is.EqualTo(new Headline(15, 11, 6, 10, 10, 8, 6, 0, 0)));
            var villagesOfTownship1 = await DashboardStore.ChildrenAsync(c,
                new DashboardScope("500101001000", UnitLevel.Township, november.From, november.To), "village_code");
            Assert.That(villagesOfTownship1.Sum(v => v.Filed), Is.EqualTo(township1.Filed));
            var trend = await DashboardStore.TrendAsync(c, new DashboardScope(Demo.County, UnitLevel.County, november.From, november.To));
            Assert.That(trend, Is.EqualTo(new[] { (20261120, 13L, 11L), (20261121, 5L, 3L) }));
        }
    }
}
