using Governance.Infrastructure.Messaging.Watchdog;
using NUnit.Framework;

namespace Governance.UnitTests.Messaging;

/// <summary>What the messaging watchdog takes for a wedged process, and what it takes for an outage it must ride out.</summary>
[TestFixture]
public sealed class StallJudgeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private const string Queue = "governance.incidents";

    private static RelayState Idle(DateTimeOffset lastSuccess, bool publishFailed = false) => new("incidents", null, lastSuccess, publishFailed);

    [Test]
    public void A_relay_batch_without_an_outcome_for_the_limit_is_wedged_and_one_just_under_it_is_not()
    {
        var judge = new StallJudge(Limit);
        var batch = new RelayState("incidents", T0, T0, false);
        Assert.That(judge.Judge(T0 + Limit - TimeSpan.FromSeconds(1), [batch], []), Is.Null);
        Assert.That(judge.Judge(T0 + Limit, [batch], []), Does.Contain("outbox relay of incidents").And.Contain("60 s"));
    }

    [Test]
    public void A_relay_whose_publishes_only_fail_is_wedged_while_the_broker_answers_and_not_while_it_is_away()
    {
        var relay = Idle(T0, publishFailed: true);
        var later = T0 + Limit + TimeSpan.FromSeconds(5);
        Assert.That(new StallJudge(Limit).Judge(later, [relay], [new QueueLook(Queue, null, new QueueActivity(T0, null))]), Is.Null,
            "the broker cannot be asked: an outage, which the bus rides out");
        Assert.That(new StallJudge(Limit).Judge(later, [relay], [new QueueLook(Queue, 0, new QueueActivity(T0, null))]),
            Does.Contain("no publish confirmed for 65 s though the broker answers"));
    }

    [Test]
    public void A_relay_whose_database_fails_is_not_wedged_however_long()
    {
        var databaseDown = Idle(T0, publishFailed: false);
        Assert.That(new StallJudge(Limit).Judge(T0 + TimeSpan.FromHours(1), [databaseDown], [new QueueLook(Queue, 0, new QueueActivity(T0, null))]), Is.Null);
    }

    [Test]
    public void A_queue_with_ready_messages_at_every_look_for_the_limit_while_nothing_is_received_is_wedged()
    {
        var judge = new StallJudge(Limit);
        var lastReceived = T0 - TimeSpan.FromMinutes(5); // quiet before the messages came
        for (var s = 0; s < 60; s += 5)
            Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(s), [], [new QueueLook(Queue, 159, new QueueActivity(lastReceived, null))]), Is.Null, $"at {s} s");
        Assert.That(judge.Judge(T0 + Limit, [], [new QueueLook(Queue, 159, new QueueActivity(lastReceived, null))]),
            Is.EqualTo("queue governance.incidents has held 159 ready message(s) for 60 s while this process received none"));
    }

    [Test]
    public void Receiving_or_an_empty_look_or_a_look_the_broker_did_not_answer_starts_the_clock_again()
    {
        var judge = new StallJudge(Limit);
        var quiet = T0 - TimeSpan.FromMinutes(5);
        Assert.That(judge.Judge(T0, [], [new QueueLook(Queue, 10, new QueueActivity(quiet, null))]), Is.Null);
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(40), [], [new QueueLook(Queue, 0, new QueueActivity(quiet, null))]), Is.Null, "emptied");
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(80), [], [new QueueLook(Queue, 10, new QueueActivity(quiet, null))]), Is.Null, "the clock began again at 80 s");
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(100), [], [new QueueLook(Queue, null, new QueueActivity(quiet, null))]), Is.Null, "not known");
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(150), [], [new QueueLook(Queue, 10, new QueueActivity(quiet, null))]), Is.Null, "began again at 150 s");
        var received = T0 + TimeSpan.FromSeconds(190);
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(240), [], [new QueueLook(Queue, 10, new QueueActivity(received, null))]), Is.Null,
            "90 s of ready messages, but this process received one 50 s ago: it consumes, slowly");
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(250), [], [new QueueLook(Queue, 10, new QueueActivity(received, null))]), Does.Contain("for 60 s"));
    }

    [Test]
    public void A_delivery_consumed_but_not_acknowledged_for_the_limit_is_wedged_whatever_the_queue_holds()
    {
        var judge = new StallJudge(Limit);
        var settling = new QueueActivity(T0, SettlingSince: T0);
        Assert.That(judge.Judge(T0 + TimeSpan.FromSeconds(59), [], [new QueueLook(Queue, 0, settling)]), Is.Null);
        Assert.That(judge.Judge(T0 + Limit, [], [new QueueLook(Queue, 0, settling)]),
            Is.EqualTo("a delivery from queue governance.incidents has waited 60 s for its acknowledgement after its consumers finished"));
    }
}
