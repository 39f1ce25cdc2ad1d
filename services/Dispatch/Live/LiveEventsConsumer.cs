using Governance.Dispatch.Messaging;
using Governance.Infrastructure.UnitCopy;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Governance.Dispatch.Live;

/// <summary>
/// Hears the events that change a command centre's board and hands them to this instance's
/// <see cref="LiveBroadcaster"/>. It changes nothing, so it is not a transactional consumer.
///
/// It runs on its own temporary endpoint (non-durable, auto-delete, one per instance: see
/// <see cref="LiveSetup"/>), not on the service queue: there, several Dispatch instances compete for
/// each message, so a board connected to instance A would miss what instance B consumed. A queue per
/// instance bound to the same events lets every instance see every change; a stopped instance's queue
/// disappears with it, and nothing is kept for boards that are not connected.
///
/// Everything it hears was committed before it was sent: Dispatch's own events leave through the
/// outbox after their transaction; for Incidents' events (accepted, resolved, verified), which change
/// Dispatch's assignment through Dispatch's consumers, it waits until that consumer's inbox row shows
/// the change was committed, so a board never reloads too early.
/// </summary>
public sealed class LiveEventsConsumer(DispatchDatabase db, LiveBroadcaster broadcaster, ILogger<LiveEventsConsumer> log) :
    IConsumer<IncidentRouted>, IConsumer<IncidentEscalated>, IConsumer<IncidentReturned>, IConsumer<DeadlineWarning>,
    IConsumer<IncidentDepartmentsAssigned>, IConsumer<IncidentFlaggedOverdue>, IConsumer<IncidentSupervised>,
    IConsumer<IncidentUrged>, IConsumer<IncidentNotifiedAbove>, IConsumer<DepartmentCheckedIn>, IConsumer<DepartmentFedBack>,
    IConsumer<IncidentAccepted>, IConsumer<IncidentResolved>, IConsumer<IncidentVerified>,
    IConsumer<IncidentTakenInHand>, IConsumer<IncidentSignedOff>
{
    private static readonly TimeSpan WaitForDispatchAtMost = TimeSpan.FromSeconds(10);

    public Task Consume(ConsumeContext<IncidentRouted> c) =>
        AnnounceAsync("routed", c.Message.IncidentId, c.Message.Tier, c.Message.HandlingUnitCode, null, c.Message.RoutedAt, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentEscalated> c) =>
        AnnounceAsync("escalated", c.Message.IncidentId, c.Message.ToTier, c.Message.HandlingUnitCode, null, c.Message.EscalatedAt, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentReturned> c) =>
        AnnounceAsync("returned", c.Message.IncidentId, c.Message.ToTier, c.Message.HandlingUnitCode, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<DeadlineWarning> c) =>
        AnnounceAsync("warning", c.Message.IncidentId, c.Message.Tier, c.Message.HandlingUnitCode, c.Message.Level, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentDepartmentsAssigned> c) =>
        AnnounceAsync("departments-assigned", c.Message.IncidentId, null, null, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentFlaggedOverdue> c) =>
        AnnounceAsync("flagged-overdue", c.Message.IncidentId, c.Message.Tier, c.Message.HandlingUnitCode, WarningLevel.Red, c.Message.FlaggedAt, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentSupervised> c) =>
        AnnounceAsync("supervised", c.Message.IncidentId, null, null, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentUrged> c) =>
        AnnounceAsync("urged", c.Message.IncidentId, c.Message.Tier, c.Message.HandlingUnitCode, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentNotifiedAbove> c) =>
        AnnounceAsync("notified-above", c.Message.IncidentId, null, null, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<DepartmentCheckedIn> c) =>
        AnnounceAsync("department-checked-in", c.Message.IncidentId, c.Message.Tier, c.Message.HandlingUnitCode, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<DepartmentFedBack> c) =>
        AnnounceAsync("department-feedback", c.Message.IncidentId, c.Message.Tier, c.Message.HandlingUnitCode, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentAccepted> c) =>
        AfterDispatchAsync<IncidentAcceptedConsumer>(c, "accepted", c.Message.IncidentId, c.Message.At);

    public Task Consume(ConsumeContext<IncidentResolved> c) =>
        AfterDispatchAsync<IncidentResolvedConsumer>(c, "resolved", c.Message.IncidentId, c.Message.At);

    public Task Consume(ConsumeContext<IncidentVerified> c) =>
        AfterDispatchAsync<IncidentVerifiedConsumer>(c, "verified", c.Message.IncidentId, c.Message.At);

    // 包案 and its sign-off change nothing of Dispatch's: the boards and dashboards above the place reload at once.
    public Task Consume(ConsumeContext<IncidentTakenInHand> c) =>
        AnnounceAsync("taken-in-hand", c.Message.IncidentId, null, null, null, c.Message.At, c.CancellationToken);

    public Task Consume(ConsumeContext<IncidentSignedOff> c) =>
        AnnounceAsync("signed-off", c.Message.IncidentId, null, null, null, c.Message.At, c.CancellationToken);

    private async Task AfterDispatchAsync<TDispatchConsumer>(ConsumeContext context, string kind, Guid incidentId, DateTimeOffset at)
    {
        if (!broadcaster.HasSubscribers || context.MessageId is not { } messageId) return;
        var consumer = typeof(TDispatchConsumer).Name; // the name TransactionalConsumer records in the inbox
        var deadline = DateTimeOffset.UtcNow + WaitForDispatchAtMost;
        try
        {
            while (true)
            {
                await using (var c = await db.OpenReadAsync(context.CancellationToken))
                {
                    if (await c.ExecuteScalarAsync<long>(
                            "SELECT COUNT(*) FROM inbox_messages WHERE message_id = @messageId AND consumer = @consumer",
                            new { messageId, consumer }) > 0)
                        break;
                }
                // Dispatch has not applied it yet (or it failed and went to _error): announce anyway
                // after a while; a reload then shows whatever is true.
                if (DateTimeOffset.UtcNow > deadline) break;
                await Task.Delay(100, context.CancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Live events: could not check whether Dispatch applied {Kind} of {IncidentId}", kind, incidentId);
        }
        await AnnounceAsync(kind, incidentId, null, null, null, at, context.CancellationToken);
    }

    private async Task AnnounceAsync(string kind, Guid incidentId, Tier? tier, string? handlingUnitCode, WarningLevel? warning,
        DateTimeOffset at, CancellationToken ct)
    {
        if (!broadcaster.HasSubscribers) return;
        try
        {
            await using var c = await db.OpenReadAsync(ct);
            if (await AssignmentStore.FindAsync(c, incidentId) is not { } assignment) return;
            // Boards subscribe by unit: the case's place and every unit above it hear of it, which
            // covers the unit it left as well as the one it reached (both are above the place).
            var units = (await UnitCopyStore.ChainAsync(c, assignment.PlaceCode)).Select(u => u.Code)
                .Append(assignment.PlaceCode).Append(assignment.UnitCode).ToHashSet(StringComparer.Ordinal);
            broadcaster.Broadcast(new LiveEvent(kind, incidentId, assignment.PlaceCode, tier ?? assignment.Tier,
                handlingUnitCode ?? assignment.UnitCode, warning, at), units);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Best effort: a live board is a convenience on top of the queue, which stays the truth.
            log.LogWarning(e, "Live events: could not announce {Kind} of {IncidentId}", kind, incidentId);
        }
    }
}
