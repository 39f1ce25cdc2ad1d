using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Residents;

/// <summary>
/// The SQL of the courtyard QR page on PostgreSQL (what a distributed county runs): a code found as the phone's
/// newest unused one, counted per phone, spent once; a filing found by its status token's hash and counted per phone.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ResidentStoreTests
{
    [Test]
    public Task On_PostgreSQL() => IncidentsOnPostgres.RunAsync("t_resident_store_pg", ExerciseAsync);

    private static async Task ExerciseAsync(IncidentsDatabase db)
    {
        var runner = Changes.Runner(db);
        // Both codes are written in one unit of work, at one uow.Now: the id breaks the tie, so the newer id must
        // be the later one (two v7 ids made in the same millisecond are in no particular order).
        var at = DateTimeOffset.UtcNow;
        var (older, newer, incident) = (Guid.CreateVersion7(at), Guid.CreateVersion7(at.AddMilliseconds(1)), Guid.CreateVersion7());
        await runner.RunAsync(async uow =>
        {
            await ResidentStore.InsertCodeAsync(uow, older, "500101001001001001", "phone-a", "hash-1", uow.Now.AddMinutes(10));
            await ResidentStore.InsertCodeAsync(uow, newer, "500101001001001001", "phone-a", "hash-2", uow.Now.AddMinutes(10));
            await ResidentStore.InsertCodeAsync(uow, Guid.CreateVersion7(), "500101001001001001", "phone-b", "hash-3", uow.Now.AddMinutes(10));
        });
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        await using (var c = await db.OpenReadAsync())
        {
            Assert.That(await ResidentStore.CodesSinceAsync(c, "phone-a", since), Is.EqualTo(2));
            Assert.That(await ResidentStore.CodesSinceAsync(c, "phone-a", DateTimeOffset.UtcNow.AddHours(1)), Is.Zero);
        }
        var found = await runner.RunAsync(uow => ResidentStore.NewestUnusedAsync(uow, "phone-a"));
        Assert.That((found?.Id, found?.CodeHash, found?.Attempts), Is.EqualTo(((Guid?)newer, "hash-2", (int?)0)));
        await runner.RunAsync(async uow =>
        {
            await ResidentStore.CountAttemptAsync(uow, newer);
            await ResidentStore.MarkUsedAsync(uow, newer);
        });
        Assert.That((await runner.RunAsync(uow => ResidentStore.NewestUnusedAsync(uow, "phone-a")))?.Id, Is.EqualTo(older), "a used code is passed over");

        await runner.RunAsync(uow => ResidentStore.InsertFilingAsync(uow, incident, "500101001001001001", "phone-a", "token-hash"));
        await using (var c = await db.OpenReadAsync())
        {
            var filing = await ResidentStore.FindByTokenHashAsync(c, "token-hash");
            Assert.That((filing?.IncidentId, filing?.UnitCode), Is.EqualTo(((Guid?)incident, "500101001001001001")));
            Assert.That(await ResidentStore.FindByTokenHashAsync(c, "other"), Is.Null);
            Assert.That(await ResidentStore.FilingsSinceAsync(c, "phone-a", since), Is.EqualTo(1));
            Assert.That(await ResidentStore.FilingsSinceAsync(c, "phone-b", since), Is.Zero);
        }
    }
}
