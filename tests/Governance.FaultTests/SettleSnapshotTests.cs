using Governance.FaultTests.Harness;

namespace Governance.FaultTests;

/// <summary>
/// A drill that does not settle says what did not: fault G once printed "did not settle within 60s: "
/// and nothing after it, because its last look at the databases had failed. No servers needed.
/// </summary>
[TestFixture]
public sealed class SettleSnapshotTests
{
    private static SettleSnapshot Look(long incidentsUnsent, long dispatchQueued, long incidentsInbox) => new(
        new Dictionary<string, long> { ["grids"] = 0, ["incidents"] = incidentsUnsent, ["dispatch"] = 0 },
        new Dictionary<string, long> { ["governance.dispatch"] = dispatchQueued, ["governance.incidents"] = 0 },
        new Dictionary<string, long> { ["grids"] = 5, ["incidents"] = incidentsInbox, ["dispatch"] = 200 });

    [Test]
    public void It_names_the_outbox_rows_queued_messages_and_inboxes_still_moving_and_the_last_failure()
    {
        var line = SettleSnapshot.NotSettled(TimeSpan.FromSeconds(60), Look(3, 5, 123), Look(4, 6, 120), "NpgsqlException: too many clients");
        Assert.That(line, Is.EqualTo("did not settle within 60s: unsent=0,3,0 queued=5 inbox=5,123,200: " +
            "outbox rows not yet relayed: incidents=3; messages still in queues: governance.dispatch=5; inboxes still changing: incidents 120→123; " +
            "last failed look: NpgsqlException: too many clients"));
    }

    [Test]
    public void When_no_look_succeeded_it_says_so_with_the_error()
    {
        Assert.That(SettleSnapshot.NotSettled(TimeSpan.FromSeconds(60), null, null, "InvalidOperationException: rabbitmqctl list_queues failed"),
            Is.EqualTo("did not settle within 60s: no look at the outboxes, inboxes and queues succeeded; " +
                "last failed look: InvalidOperationException: rabbitmqctl list_queues failed"));
    }

    [Test]
    public void A_single_look_at_rest_says_there_was_nothing_to_compare_the_inboxes_with()
    {
        Assert.That(SettleSnapshot.NotSettled(TimeSpan.FromSeconds(60), Look(0, 0, 120), null, null),
            Is.EqualTo("did not settle within 60s: unsent=0,0,0 queued=0 inbox=5,120,200: no earlier successful look to compare the inboxes with"));
    }
}
