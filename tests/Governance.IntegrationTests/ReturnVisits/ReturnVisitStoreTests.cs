using System.Text.Json;
using Governance.Contracts;
using Governance.Incidents.Dashboard;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Webhooks;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.ReturnVisits;

/// <summary>
/// The SQL of 回访 on PostgreSQL (what a distributed county runs): a link found only by its token's hash, voided
/// by the next resolution, answered once; the text queued and claimed with the shared delivery columns, listed
/// with the number masked; residents' answers summed apart from staff-recorded satisfaction.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReturnVisitStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Test]
    public Task On_PostgreSQL() => IncidentsOnPostgres.RunAsync("t_return_visit_store_pg", ExerciseAsync);

    private static async Task ExerciseAsync(IncidentsDatabase db)
    {
        var runner = Changes.Runner(db);
        var incident = Guid.CreateVersion7();
        var (first, second) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await runner.RunAsync(async uow =>
        {
            await uow.ExecuteAsync("""
                INSERT INTO open311_requests (incident_id, client_name, requested_at_ms, caller_masked) VALUES (@incident, '12345', 0, @masked)
                """, new { incident, masked = JsonSerializer.Serialize(new CallerContact("张三", "13812345678", null).Masked()) });
            await ReturnVisitStore.InsertAsync(uow, first, incident);
            await SmsDeliveryStore.QueueAsync(uow, first, incident, SmsDeliveryStore.ReturnVisit);
        });
        Assert.That(await runner.RunAsync(uow => CallerStore.HasPhoneAsync(uow, incident)), Is.True);

        var token = ReturnVisitToken.New();
        await runner.RunAsync(uow => ReturnVisitStore.SetTokenAsync(uow, first, token, Now.AddDays(7)));
        await using (var c = await db.OpenReadAsync())
        {
            var found = await ReturnVisitStore.FindByTokenAsync(c, token);
            Assert.That((found?.Id, found?.State, found?.ExpiresAt), Is.EqualTo((first, ReturnVisitState.Open, Now.AddDays(7))));
            Assert.That(await ReturnVisitStore.FindByTokenAsync(c, ReturnVisitToken.New()), Is.Null);
            var listed = await SmsDeliveryStore.ListAsync(c, null, 10);
            Assert.That(listed.Select(d => (d.IncidentId, d.PhoneMasked, d.Purpose, d.State.Status)),
                Is.EqualTo(new[] { (incident, (string?)"138****5678", SmsDeliveryStore.ReturnVisit, DeliveryStatus.Pending) }));
        }

        // The next resolution voids the open link and opens another; only an open link is answered.
        Assert.That(await runner.RunAsync(uow => ReturnVisitStore.VoidOpenAsync(uow, incident, "resolved-again")), Is.EqualTo(1));
        await runner.RunAsync(uow => ReturnVisitStore.InsertAsync(uow, second, incident));
        await runner.RunAsync(uow => ReturnVisitStore.AnswerAsync(uow, first, Satisfaction.Satisfied, "晚了"));
        await runner.RunAsync(uow => ReturnVisitStore.AnswerAsync(uow, second, Satisfaction.BasicallySatisfied, null));
        await using (var c = await db.OpenReadAsync())
        {
            var voided = await ReturnVisitStore.FindByTokenAsync(c, token);
            Assert.That((voided?.State, voided?.VoidReason), Is.EqualTo((ReturnVisitState.Voided, "resolved-again")));
            Assert.That(voided!.RefusalAt(Now), Is.EqualTo(ReturnVisitRefusal.Voided));
            Assert.That((await ReturnVisitStore.FindAsync(c, second))?.State, Is.EqualTo(ReturnVisitState.Answered));
        }

        var claimed = await runner.RunAsync(uow => DeliveryQueue.ClaimAsync(uow, SmsDeliveryStore.Table, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(1), 10));
        Assert.That(claimed.Select(d => (d.TargetId, d.Payload)), Is.EqualTo(new[] { (first, SmsDeliveryStore.ReturnVisit) }));

        // Residents' answers, on the day they answered, apart from what staff recorded.
        var place = new PlaceAncestry(Demo.Grid, Demo.Village, Demo.Township);
        var closed = new Incident(incident, Demo.Courtyard, Category.Dispute, Grade.IV, "t", "d", null, IncidentStatus.Closed, Tier.Village,
            Demo.Village, null, 1, null, "open311:12345", Now, Now, Ancestry: place, Satisfaction: Satisfaction.Satisfied);
        await runner.RunAsync(async uow =>
        {
            await DashboardProjector.ClosedAsync(uow, closed, staffRecorded: false);
            await DashboardProjector.ResidentAnsweredAsync(uow, closed, Satisfaction.Satisfied);
        });
        await runner.RunAsync(uow => DashboardProjector.ResidentAnsweredAsync(uow, closed, Satisfaction.Dissatisfied));
        await using (var c = await db.OpenReadAsync())
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            var headline = await DashboardStore.HeadlineAsync(c, new DashboardScope(Demo.County, UnitLevel.County, today.AddDays(-1), today.AddDays(1)));
            Assert.That((headline.Closed, headline.SatisfactionAnswers, headline.ResidentAnswers, headline.ResidentSatisfied), Is.EqualTo((1L, 0L, 2L, 1L)));
        }
    }
}
