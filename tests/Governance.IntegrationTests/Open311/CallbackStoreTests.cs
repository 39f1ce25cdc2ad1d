using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.Incidents.Open311;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Webhooks;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// The SQL of status callbacks on PostgreSQL (what a distributed county runs): queued only for a case whose
/// client has a callback, numbered per case, claimed case by case in sequence, retried only by its own client.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CallbackStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    [Test]
    public Task On_PostgreSQL() => IncidentsOnPostgres.RunAsync("t_callback_store_pg", ExerciseAsync);

    private static async Task ExerciseAsync(IncidentsDatabase db)
    {
        var hotline = new Open311Client(Guid.CreateVersion7(), "12345热线", Now, null);
        var app = new Open311Client(Guid.CreateVersion7(), "随手拍", Now, null);
        var (hotlineCase, appCase) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await Changes.Runner(db).RunAsync(async uow =>
        {
            await ClientStore.InsertAsync(uow, hotline, "a".PadLeft(64, 'a'));
            await ClientStore.InsertAsync(uow, app, "b".PadLeft(64, 'b'));
            await ClientStore.SetCallbackAsync(uow, hotline.Id, "http://127.0.0.1:9/cb", "pd1:k1:sealed");
            foreach (var (incident, client) in new[] { (hotlineCase, hotline.Name), (appCase, app.Name) })
                await uow.ExecuteAsync("INSERT INTO open311_requests (incident_id, client_name, requested_at_ms) VALUES (@incident, @client, 0)",
                    new { incident, client });
        });

        StatusChange Change(Guid id, IncidentStatus status) => new(id, status, Tier.Village, false, Now);
        var queued = await Changes.Runner(db).RunAsync(async uow => new[]
        {
            await CallbackStore.QueueAsync(uow, Change(hotlineCase, IncidentStatus.Filed)),
            await CallbackStore.QueueAsync(uow, Change(hotlineCase, IncidentStatus.Assigned)),
            await CallbackStore.QueueAsync(uow, Change(appCase, IncidentStatus.Filed)),
        });
        Assert.That(queued, Is.EqualTo(new[] { true, true, false }), "only the client with a callback");

        // Queued at the runner's clock (now); claimed as a sender a minute later.
        var due = DateTimeOffset.UtcNow.AddMinutes(1);
        var claimed = await Changes.Runner(db).RunAsync(uow => DeliveryQueue.ClaimAsync(uow, CallbackStore.Table, due, due.AddMinutes(2), 10));
        Assert.That(claimed.Select(d => (d.TargetId, CallbackStore.Deserialize(d.Payload).Sequence, CallbackStore.Deserialize(d.Payload).Status)),
            Is.EqualTo(new[] { (hotline.Id, 1, IncidentStatus.Filed), (hotline.Id, 2, IncidentStatus.Assigned) }));

        await using (var c = await db.OpenReadAsync())
        {
            var targets = await ClientStore.CallbackTargetsAsync(c, [hotline.Id, app.Id]);
            Assert.That(targets, Is.EqualTo(new[] { new CallbackTarget(hotline.Id, hotline.Name, "http://127.0.0.1:9/cb", "pd1:k1:sealed") }));
        }

        await Changes.Runner(db).RunAsync(uow => DeliveryQueue.SettleAsync(uow, CallbackStore.Table, claimed[0].Id, 3,
            new AttemptResult(false, true, 500, "HTTP 500"), Now, giveUp: true, Now));
        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryQueue.RetryAsync(uow, CallbackStore.Table, claimed[0].Id, Now, app.Id)), Is.Null,
            "another client's delivery is not found");
        await using (var c = await db.OpenReadAsync())
        {
            var failed = (await CallbackStore.ListAsync(c, hotline.Id, DeliveryStatus.Failed, 10)).Single();
            Assert.That((failed.Sequence, failed.CaseStatus, failed.State.Attempts, failed.State.LastStatusCode), Is.EqualTo((1, IncidentStatus.Filed, 3, (int?)500)));
            Assert.That(await CallbackStore.ListAsync(c, app.Id, null, 10), Is.Empty);
        }
        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryQueue.RetryAsync(uow, CallbackStore.Table, claimed[0].Id, Now, hotline.Id)), Is.True);
    }
}
