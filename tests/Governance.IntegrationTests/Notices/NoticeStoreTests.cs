using Governance.Contracts;
using Governance.Dispatch;
using Governance.Dispatch.Data;
using Governance.Dispatch.Notices;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Outbox;
using Governance.Infrastructure.Webhooks;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.IntegrationTests.Notices;

/// <summary>
/// The SQL of subscriptions and deliveries on PostgreSQL (what a distributed county runs) and on
/// SQLite: queued once per fact, claimed so a second sender skips what the first holds, settled,
/// listed, retried, and cleared with its subscription.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NoticeStoreTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());

    private static MigrationTrack[] DispatchTracks =>
        [MigrationTrack.Messaging, MigrationTrack.UnitCopy, MigrationTrack.ForService(DispatchModule.ServiceName, typeof(DispatchModule).Assembly)];

    private static NoticeSubscription Subscription() => new(Guid.CreateVersion7(), "龙白镇安全生产群", [Category.WorkSafety], [Grade.III, Grade.II],
        [Tier.Township], "500101001", [NoticeKind.Escalated, NoticeKind.Red], NoticeChannel.DingTalk,
        "https://oapi.dingtalk.com/robot/send?access_token=t", "SECx", true, Now, Now, "county-admin");

    private static Notice Escalation(Guid incidentId) => new(incidentId, NoticeKind.Escalated, Category.WorkSafety, Grade.III, Tier.Township,
        "500101001000", "500101001001001001", Now.AddDays(7), Now) { Sequence = 2, FromTier = Tier.Village, Reason = EscalationReason.DeadlinePassed };

    [Test]
    public async Task On_PostgreSQL()
    {
        const string name = "t_notice_store_pg";
        var connection = await TestServers.CreateDatabaseAsync(name);
        try
        {
            var db = new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Postgres, connection));
            await ExerciseAsync(db);
            await Only_an_enabled_rule_that_wants_the_kind_listens(db);
            await A_second_sender_skips_what_the_first_holds(db);
        }
        finally
        {
            await TestServers.DropDatabaseAsync(name);
        }
    }

    [Test]
    public async Task On_SQLite()
    {
        var file = Path.Combine(Path.GetTempPath(), $"governance-notices-{Guid.NewGuid():N}.db");
        try
        {
            var db = new DispatchDatabase(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}"));
            await ExerciseAsync(db);
            await Only_an_enabled_rule_that_wants_the_kind_listens(db);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task ExerciseAsync(DispatchDatabase db)
    {
        await TestMigrations.RunAsync(db, DispatchTracks);
        var subscription = Subscription();
        var notice = Escalation(Guid.CreateVersion7());

        await Changes.Runner(db).RunAsync(uow => SubscriptionStore.InsertAsync(uow, subscription));
        await using (var c = await db.OpenReadAsync())
        {
            var stored = await SubscriptionStore.FindAsync(c, subscription.Id);
            Assert.That(stored, Is.Not.Null);
            Assert.That((stored!.Categories, stored.Grades, stored.Tiers, stored.Events), Is.EqualTo((subscription.Categories, subscription.Grades, subscription.Tiers, subscription.Events)));
            Assert.That(stored with { Categories = subscription.Categories, Grades = subscription.Grades, Tiers = subscription.Tiers, Events = subscription.Events },
                Is.EqualTo(subscription));
        }

        var queued = await Changes.Runner(db).RunAsync(async uow =>
            await DeliveryStore.QueueAsync(uow, await SubscriptionStore.EnabledAsync(uow), notice, Now));
        var again = await Changes.Runner(db).RunAsync(uow => DeliveryStore.QueueAsync(uow, [subscription], notice with { At = Now.AddSeconds(1) }, Now));
        Assert.That((queued, again), Is.EqualTo((1, 0)), "the same fact is queued once per subscription");

        var claimed = await Changes.Runner(db).RunAsync(uow => DeliveryStore.ClaimAsync(uow, Now, Now.AddMinutes(2), 10));
        Assert.That(claimed, Has.Count.EqualTo(1));
        Assert.That(claimed[0].Notice, Is.EqualTo(notice));
        var held = await Changes.Runner(db).RunAsync(uow => DeliveryStore.ClaimAsync(uow, Now.AddMinutes(1), Now.AddMinutes(3), 10));
        Assert.That(held, Is.Empty, "held by the first sender until its claim runs out");

        var failure = new AttemptResult(false, true, 503, "HTTP 503");
        await Changes.Runner(db).RunAsync(uow => DeliveryStore.SettleAsync(uow, claimed[0].Id, 3, failure, Now, giveUp: true, Now));
        await using (var c = await db.OpenReadAsync())
        {
            var failed = (await DeliveryStore.ListAsync(c, DeliveryStatus.Failed, subscription.Id, 10)).Single();
            Assert.That((failed.Attempts, failed.LastStatusCode, failed.LastError, failed.FailedAt, failed.SubscriptionName),
                Is.EqualTo((3, (int?)503, "HTTP 503", (DateTimeOffset?)Now, subscription.Name)));
            Assert.That(failed.Title, Does.StartWith("【升级】安全生产"));
            Assert.That(await DeliveryStore.ListAsync(c, DeliveryStatus.Pending, null, 10), Is.Empty);
        }

        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryStore.RetryAsync(uow, claimed[0].Id, Now)), Is.True);
        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryStore.RetryAsync(uow, claimed[0].Id, Now)), Is.False, "pending already");
        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryStore.RetryAsync(uow, Guid.NewGuid(), Now)), Is.Null);
        await using (var c = await db.OpenReadAsync())
        {
            var pending = (await DeliveryStore.ListAsync(c, null, null, 10)).Single();
            Assert.That((pending.Status, pending.Attempts, pending.NextAttemptAt), Is.EqualTo((DeliveryStatus.Pending, 0, (DateTimeOffset?)Now)));
        }

        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryStore.DeleteSentBeforeAsync(uow, Now.AddYears(1))), Is.Zero, "only sent ones age out");

        // A sent one is kept for a while, then deleted.
        var other = Escalation(Guid.CreateVersion7());
        await Changes.Runner(db).RunAsync(uow => DeliveryStore.QueueAsync(uow, [subscription], other, Now));
        var sending = await Changes.Runner(db).RunAsync(uow => DeliveryStore.ClaimAsync(uow, Now, Now.AddMinutes(2), 10));
        var mine = sending.Single(d => d.Notice.IncidentId == other.IncidentId);
        await Changes.Runner(db).RunAsync(uow => DeliveryStore.SettleAsync(uow, mine.Id, 1, new AttemptResult(true, false, 200, null), Now, false, Now));
        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryStore.DeleteSentBeforeAsync(uow, Now)), Is.Zero);
        Assert.That(await Changes.Runner(db).RunAsync(uow => DeliveryStore.DeleteSentBeforeAsync(uow, Now.AddMilliseconds(1))), Is.EqualTo(1));

        Assert.That(await Changes.Runner(db).RunAsync(uow => SubscriptionStore.DeleteAsync(uow, subscription.Id)), Is.True);
        await using (var c = await db.OpenReadAsync())
            Assert.That(await DeliveryStore.ListAsync(c, null, null, 10), Is.Empty, "what it had not delivered goes with it");
    }

    /// <summary>The consumers' pre-check: a kind anywhere in an enabled rule's list, and nowhere else.</summary>
    private static async Task Only_an_enabled_rule_that_wants_the_kind_listens(DispatchDatabase db)
    {
        NoticeSubscription[] rules =
        [
            Subscription() with { Events = [NoticeKind.Yellow, NoticeKind.Supervised, NoticeKind.FlaggedOverdue] },
            Subscription() with { Events = [NoticeKind.Red] },
            Subscription() with { Events = [NoticeKind.Routed], Enabled = false },
        ];
        await Changes.Runner(db).RunAsync(async uow => { foreach (var rule in rules) await SubscriptionStore.InsertAsync(uow, rule); });
        await using (var c = await db.OpenReadAsync())
        {
            await Assert.MultipleAsync(async () =>
            {
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.Yellow]), Is.True, "first of a list");
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.Supervised]), Is.True, "middle of a list");
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.FlaggedOverdue]), Is.True, "last of a list");
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.Red]), Is.True, "the whole list");
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.Routed]), Is.False, "only a disabled rule wants it");
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.Escalated, NoticeKind.Routed]), Is.False, "nobody wants either");
                Assert.That(await SubscriptionStore.AnyEnabledForAsync(c, [NoticeKind.Escalated, NoticeKind.Red]), Is.True, "one of two");
            });
        }
        await Changes.Runner(db).RunAsync(async uow => { foreach (var rule in rules) await SubscriptionStore.DeleteAsync(uow, rule.Id); });
    }

    /// <summary>Two instances polling at once: the claim locks its rows, and the other's claim skips them.</summary>
    private static async Task A_second_sender_skips_what_the_first_holds(DispatchDatabase db)
    {
        var subscription = Subscription();
        await Changes.Runner(db).RunAsync(async uow =>
        {
            await SubscriptionStore.InsertAsync(uow, subscription);
            await DeliveryStore.QueueAsync(uow, [subscription], Escalation(Guid.CreateVersion7()), Now);
        });
        await using var first = await db.OpenAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        var firstSender = new UnitOfWork<DispatchDatabase>(first, firstTransaction, new Outbox<DispatchDatabase>(db, TimeProvider.System), Now, new AtCommit());
        var mine = await DeliveryStore.ClaimAsync(firstSender, Now, Now.AddMinutes(2), 10);
        var theirs = await Changes.Runner(db).RunAsync(uow => DeliveryStore.ClaimAsync(uow, Now, Now.AddMinutes(2), 10));
        await firstTransaction.CommitAsync();
        Assert.That((mine.Count, theirs.Count), Is.EqualTo((1, 0)));
    }
}
