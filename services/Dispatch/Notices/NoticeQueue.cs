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
    /// <summary>
    /// Whether any enabled subscription listens for this kind of notice. Checked before a consumer
    /// opens its transaction, so an event nobody subscribed to costs one read instead of an inbox row,
    /// an assignment read and a commit (deploy/benchmark-history.md). A subscription created while the
    /// event is in flight hears from the next event on, as if it had been created just after.
    /// </summary>
    public async Task<bool> AnyListensAsync(params NoticeKind[] kinds)
    {
        await using var c = await database.OpenReadAsync();
        return await SubscriptionStore.AnyEnabledForAsync(c, kinds);
    }

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
