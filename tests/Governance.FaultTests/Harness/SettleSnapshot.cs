namespace Governance.FaultTests.Harness;

/// <summary>
/// One look at whether a scenario's system has come to rest (<see cref="FaultCluster.SettleAsync"/>): the
/// outbox rows each service has not relayed yet, the messages in the services' queues (ready and
/// unacknowledged), and the rows in each service's inbox. At rest: nothing unsent, nothing queued, and
/// the inboxes the same as at the look before.
/// </summary>
public sealed record SettleSnapshot(
    IReadOnlyDictionary<string, long> Unsent, IReadOnlyDictionary<string, long> Queued, IReadOnlyDictionary<string, long> Inbox)
{
    public bool Drained => Unsent.Values.All(n => n == 0) && Queued.Values.All(n => n == 0);

    public bool SameAs(SettleSnapshot? other) => other is not null && Line == other.Line;

    /// <summary>"unsent=0,3,0 queued=5 inbox=120,118,240" (services in the order looked at).</summary>
    public string Line =>
        $"unsent={string.Join(',', Unsent.Values)} queued={Queued.Values.Sum()} inbox={string.Join(',', Inbox.Values)}";

    /// <summary>What kept this look from counting as at rest, compared with <paramref name="before"/> (the
    /// previous look that succeeded, if any): "outbox rows not yet relayed: incidents=3; …".</summary>
    public string StillMoving(SettleSnapshot? before)
    {
        var reasons = new List<string>();
        if (Unsent.Where(u => u.Value > 0).ToList() is { Count: > 0 } unsent)
            reasons.Add($"outbox rows not yet relayed: {string.Join(", ", unsent.Select(u => $"{u.Key}={u.Value}"))}");
        if (Queued.Where(q => q.Value > 0).ToList() is { Count: > 0 } queued)
            reasons.Add($"messages still in queues: {string.Join(", ", queued.Select(q => $"{q.Key}={q.Value}"))}");
        if (before is null)
            reasons.Add("no earlier successful look to compare the inboxes with");
        else if (Inbox.Where(i => before.Inbox.GetValueOrDefault(i.Key) != i.Value).ToList() is { Count: > 0 } growing)
            reasons.Add($"inboxes still changing: {string.Join(", ", growing.Select(i => $"{i.Key} {before.Inbox.GetValueOrDefault(i.Key)}→{i.Value}"))}");
        return reasons.Count > 0 ? string.Join("; ", reasons) : "at rest in the last look, but the look before it failed";
    }

    /// <summary>The line printed when the limit passed first: the last successful look and what in it was
    /// still moving, and the last failed look's error, so the log says what did not settle.</summary>
    public static string NotSettled(TimeSpan limit, SettleSnapshot? latest, SettleSnapshot? before, string? lastFailure)
    {
        var what = latest is null
            ? "no look at the outboxes, inboxes and queues succeeded"
            : $"{latest.Line}: {latest.StillMoving(before)}";
        return $"did not settle within {limit.TotalSeconds:0}s: {what}{(lastFailure is null ? "" : $"; last failed look: {lastFailure}")}";
    }
}
