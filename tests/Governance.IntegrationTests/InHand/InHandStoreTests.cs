using Governance.Contracts;
using Governance.Incidents.Dashboard;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.InHand;

/// <summary>
/// The SQL of 包案 on PostgreSQL (what a distributed county runs; the standalone tests run SQLite): migration 0019,
/// the leader's queue (open and ended), and the dashboard's counts by township over the cases' status.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class InHandStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly PlaceAncestry Place = new(Demo.Grid, Demo.Village, Demo.Township);

    [Test]
    public Task On_PostgreSQL() => IncidentsOnPostgres.RunAsync("t_in_hand_store_pg", ExerciseAsync);

    private static Incident Case(IncidentStatus status) => new(Guid.CreateVersion7(), Demo.Courtyard, Category.Dispute, Grade.IV, "t", "d", null,
        status, Tier.Village, Demo.Village, null, 1, null, "gw", Now, Now, Ancestry: Place);

    private static async Task ExerciseAsync(IncidentsDatabase db)
    {
        var runner = Changes.Runner(db);
        var (working, waiting, signed) = (Case(IncidentStatus.Accepted), Case(IncidentStatus.Verified), Case(IncidentStatus.Closed));
        await runner.RunAsync(async uow =>
        {
            foreach (var i in new[] { working, waiting, signed })
            {
                await IncidentStore.InsertAsync(uow, i, null);
                await InHandStore.InsertAsync(uow, new CaseInHand(i.Id, "leader-li", Now, "化解"), Place);
            }
            await InHandStore.VerifiedAsync(uow, waiting.Id, "verifier");
            await InHandStore.SignedOffAsync(uow, signed.Id);
        });

        await using var c = await db.OpenReadAsync();
        Assert.That((await InHandStore.OfLeaderAsync(c, "leader-li", openOnly: true, 10, 0)).Select(i => i.Id),
            Is.EquivalentTo(new[] { working.Id, waiting.Id }));
        Assert.That((await InHandStore.OfLeaderAsync(c, "leader-li", openOnly: false, 10, 0)).Select(i => i.Id),
            Is.EquivalentTo(new[] { working.Id, waiting.Id, signed.Id }));
        Assert.That(await InHandStore.OfLeaderAsync(c, "leader-wang", openOnly: false, 10, 0), Is.Empty);
        Assert.That((await InHandStore.FindAsync(c, waiting.Id))?.VerifiedBy, Is.EqualTo("verifier"));

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var figures = await InHandFiguresStore.FiguresAsync(c, new DashboardScope(Demo.Township, UnitLevel.Township, today.AddDays(-1), today));
        // Taken "now" by the test's clock (2026-03-02) lies outside a period of today: only the signing-off (uow.Now) falls in it.
        Assert.That((figures.Working, figures.AwaitingSignOff, figures.SignedOff, figures.Merged), Is.EqualTo((1L, 1L, 1L, 0L)));
        var elsewhere = await InHandFiguresStore.FiguresAsync(c, new DashboardScope("500101002000", UnitLevel.Township, today.AddDays(-1), today));
        Assert.That((elsewhere.Working, elsewhere.AwaitingSignOff, elsewhere.SignedOff), Is.EqualTo((0L, 0L, 0L)));
    }
}
