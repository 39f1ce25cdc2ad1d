using System.Collections.Concurrent;
using Governance.Infrastructure.UnitCopy;
using Microsoft.Extensions.Logging;

namespace Governance.Dispatch.Notices;

/// <summary>
/// Turns an event into deliveries, inside the consumer's transaction: the notice is completed with
/// the unit names people recognise, matched against the enabled subscriptions, and a pending row
/// written for each match. The inbox record commits with them, so a redelivered event queues nothing.
/// </summary>
public sealed class NoticeQueue(DispatchDatabase database, ILogger<NoticeQueue> logger)
{
    /// <summary>How long an answer of <see cref="AnyListensAsync"/> is kept: every routed case asks (a read on a
    /// connection of its own, issue #19); rules change a few times a year.</summary>
    public static readonly TimeSpan ListenersKeptFor = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (bool Any, long Until)> _listeners = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether any enabled subscription listens for this kind of notice. Checked before a consumer
    /// opens its transaction, so an event nobody subscribed to costs one read instead of an inbox row,
    /// an assignment read and a commit (deploy/benchmark-history.md). The answer is kept for
    /// <see cref="ListenersKeptFor"/>, and forgotten at once when this process changes a rule
    /// (<see cref="ForgetListeners"/>): a rule saved here hears from the next event on, as if it had been
    /// created just after it; saved on another Dispatch instance, from at most two seconds later.
    /// </summary>
    public async Task<bool> AnyListensAsync(params NoticeKind[] kinds)
    {
        var key = string.Join(',', kinds);
        // The machine's clock, not the application's: a test's fake clock must not keep an answer for ever.
        var now = Environment.TickCount64;
        if (_listeners.TryGetValue(key, out var kept) && kept.Until > now) return kept.Any;
        await using var c = await database.OpenReadAsync();
        var any = await SubscriptionStore.AnyEnabledForAsync(c, kinds);
        _listeners[key] = (any, now + (long)ListenersKeptFor.TotalMilliseconds);
        return any;
    }

    /// <summary>A rule was created, changed or deleted here: the next event asks the database again.</summary>
    public void ForgetListeners() => _listeners.Clear();

    /// <summary>The case's assignment, for the facts its events do not carry (category, grade, place).</summary>
    public static Task<Assignment?> CaseAsync(UnitOfWork<DispatchDatabase> uow, Guid incidentId) =>
        AssignmentStore.FindAsync(uow, incidentId);

    public async Task QueueAsync(UnitOfWork<DispatchDatabase> uow, Notice notice)
    {
        var subscriptions = NoticeRouting.Select(await SubscriptionStore.EnabledAsync(uow), notice);
        if (subscriptions.Count == 0) return;
        var place = await UnitCopyStore.FindAsync(uow, notice.PlaceCode);
        var unit = await UnitCopyStore.FindAsync(uow, notice.HandlingUnitCode);
        var named = notice with { PlaceName = place?.Name, HandlingUnitName = unit?.Name };
        var queued = await DeliveryStore.QueueAsync(uow, subscriptions, named, uow.Now);
        logger.LogDebug("Notice {Key} queued for {Queued} of {Matched} matching subscription(s)", NoticeRouting.EventKey(notice), queued, subscriptions.Count);
    }
}
