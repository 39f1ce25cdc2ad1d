using System.Collections.Concurrent;

namespace Governance.Infrastructure.Messaging.Watchdog;

/// <summary>How each outbox relay of this process is doing, as the watchdog sees it.</summary>
/// <param name="UnderWaySince">When the batch now running began; null between batches.</param>
/// <param name="LastSuccessAt">When a batch last published its rows (or found none), or when the relay started.</param>
/// <param name="LastPublishFailed">The last batch that ended failed in publishing (the broker confirmed nothing in time, or
/// refused, or the client failed), not in reading or marking its rows.</param>
public readonly record struct RelayState(string Service, DateTimeOffset? UnderWaySince, DateTimeOffset LastSuccessAt, bool LastPublishFailed);

/// <summary>Where the outbox relays tell the watchdog how their batches end (OutboxRelay.cs). One per process.</summary>
public sealed class RelayBatches(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RelayState> _relays = new(StringComparer.Ordinal);

    public IReadOnlyList<RelayState> Snapshot() => _relays.Values.ToList();

    public void Started(string service) => _relays[service] = new RelayState(service, null, time.GetUtcNow(), false);

    public void BatchBegins(string service) => Update(service, s => s with { UnderWaySince = time.GetUtcNow() });

    public void BatchSucceeded(string service) =>
        Update(service, s => s with { UnderWaySince = null, LastSuccessAt = time.GetUtcNow(), LastPublishFailed = false });

    public void BatchFailed(string service, bool publishFailed) => Update(service, s => s with { UnderWaySince = null, LastPublishFailed = publishFailed });

    private void Update(string service, Func<RelayState, RelayState> change) =>
        _relays.AddOrUpdate(service, _ => change(new RelayState(service, null, time.GetUtcNow(), false)), (_, s) => change(s));
}
