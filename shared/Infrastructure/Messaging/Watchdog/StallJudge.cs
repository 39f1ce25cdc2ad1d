namespace Governance.Infrastructure.Messaging.Watchdog;

/// <summary>What the watchdog saw of one service's queue at one look.</summary>
/// <param name="Ready">Messages waiting in the queue for any consumer, or null when the broker could not be asked
/// (it is away: that is an outage, which the bus rides out by itself, not a wedge).</param>
/// <param name="Activity">What this process is doing with the queue's deliveries.</param>
public readonly record struct QueueLook(string Queue, long? Ready, QueueActivity Activity);

/// <summary>
/// Decides whether this process's messaging is wedged, from what it can see: its outbox relays and its service
/// queues. Pure, so the rules are tested without a broker (StallJudgeTests).
/// <list type="bullet">
/// <item>A relay batch is bounded (Outbox:PublishTimeout) and ends in success or a logged failure either way. One
/// that has had no outcome for the stall limit is stuck inside the client: no later case of that service is announced.</item>
/// <item>A relay whose batches have failed in publishing (no confirm in time, refused, the client failing) for the stall
/// limit, while the broker answers a fresh connection, has a client out of step with the broker: waiting for confirms
/// that will not come, or taking every confirm for a refusal (fault drill H saw Dispatch's publishes "rejected by
/// broker" for minutes after the cluster was whole again, while Incidents' went through). A relay that cannot reach
/// the broker, or whose database fails, is not wedged: that is an outage, which it rides out by itself. A broker that
/// truly refuses every publish that long while answering (a quorum queue without its majority) restarts the process
/// every stall limit: harmless, and it says so in the log.</item>
/// <item>A queue that held ready messages at every look for the stall limit while this process received none of
/// them has a consumer that no longer consumes (the broker hands ready messages to every live consumer with room).
/// Its deliveries may all be stuck in our consumers instead (a table locked by hand for that long): a restart then
/// changes nothing, and costs nothing either.</item>
/// <item>A delivery whose consumers finished that long ago but which is still not acknowledged is stuck in the
/// transport.</item>
/// </list>
/// </summary>
public sealed class StallJudge(TimeSpan limit)
{
    private readonly Dictionary<string, DateTimeOffset> _readySince = new(StringComparer.Ordinal);

    /// <summary>Why the process is wedged, or null when it is not.</summary>
    public string? Judge(DateTimeOffset now, IReadOnlyCollection<RelayState> relays, IReadOnlyCollection<QueueLook> queues)
    {
        var brokerAnswers = queues.Any(q => q.Ready is not null);
        foreach (var relay in relays)
        {
            if (relay.UnderWaySince is { } since && now - since >= limit)
                return $"the outbox relay of {relay.Service} has had a batch under way for {Seconds(now - since)} without an outcome";
            if (relay.LastPublishFailed && brokerAnswers && now - relay.LastSuccessAt >= limit)
                return $"the outbox relay of {relay.Service} has had no publish confirmed for {Seconds(now - relay.LastSuccessAt)} though the broker answers";
        }

        foreach (var look in queues)
        {
            if (look.Activity.SettlingSince is { } consumed && now - consumed >= limit)
                return $"a delivery from queue {look.Queue} has waited {Seconds(now - consumed)} for its acknowledgement after its consumers finished";
            if (look.Ready is not > 0)
            {
                // Empty, or the broker could not be asked: the clock starts again at the next look with messages.
                _readySince.Remove(look.Queue);
                continue;
            }
            if (!_readySince.TryGetValue(look.Queue, out var since)) _readySince[look.Queue] = since = now;
            var waited = now - Max(since, look.Activity.LastReceivedAt);
            if (waited >= limit)
                return $"queue {look.Queue} has held {look.Ready} ready message(s) for {Seconds(waited)} while this process received none";
        }
        return null;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0} s";
}
