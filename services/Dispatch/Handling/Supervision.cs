using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>
/// Pressing a case that stays with its unit (属地负责): the tier above is prompted to urge at yellow,
/// the case is flagged 超期预警 to it when a clock runs out, and people above urge (催办) and supervise
/// (督办). Each step is recorded in the history and on the boards it concerns.
/// </summary>
public static class Supervision
{
    /// <summary>超期预警: the case stays on its tier and is flagged to the tier above (the county
    /// itself at the top). A missed resolution deadline stops the clock (overdue); a missed
    /// acknowledgement stops only the acknowledgement clock — the resolution clock still runs.</summary>
    public static async Task FlagOverdueAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, DeadlineKind clock, string by)
    {
        var flagged = clock == DeadlineKind.Resolution ? a with { Status = AssignmentStatus.Overdue } : a with { AcknowledgeBy = null };
        await AssignmentStore.UpdateAsync(uow, flagged, uow.Now);
        var to = await UnitAboveAsync(uow, a) ?? new NotifiedUnit(a.Tier, a.UnitCode);
        await BoardNoteStore.AddAsync(uow,
            new BoardNote(a.IncidentId, to.UnitCode, to.Tier, BoardNoteKinds.OverdueFlag, a.Sequence, by, Codes.Of(clock), uow.Now));
        HistoryStore.Add(uow, a.IncidentId, new HistoryEntry(uow.Now, by, HistoryActions.FlaggedOverdue,
            a.Tier, a.UnitCode, $"{Codes.Of(clock)} deadline missed; 超期预警 → {Codes.Of(to.Tier)} {to.UnitCode}"));
        await uow.PublishAsync(new IncidentFlaggedOverdue(a.IncidentId, a.Tier, a.UnitCode, uow.Now, to.Tier, to.UnitCode, clock, a.Sequence, by));
    }

    /// <summary>Yellow under supervise: the board of the tier above shows the case as one to urge (催办).</summary>
    public static async Task PromptUrgeAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string by)
    {
        if (await UnitAboveAsync(uow, a) is not { } above) return;
        await BoardNoteStore.AddAsync(uow,
            new BoardNote(a.IncidentId, above.UnitCode, above.Tier, BoardNoteKinds.UrgePrompt, a.Sequence, by, null, uow.Now));
        HistoryStore.Add(uow, a.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.UrgePrompted, above.Tier, above.UnitCode, null));
    }

    /// <summary>催办: a person urges the holder; it shows on the holder's board and on the timeline.</summary>
    public static async Task UrgeAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string note, string by)
    {
        await BoardNoteStore.AddAsync(uow,
            new BoardNote(a.IncidentId, a.UnitCode, a.Tier, BoardNoteKinds.Urged, a.Sequence, by, note, uow.Now));
        HistoryStore.Add(uow, a.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.Urged, a.Tier, a.UnitCode, note));
        await uow.PublishAsync(new IncidentUrged(a.IncidentId, a.Sequence, a.Tier, a.UnitCode, note, by, uow.Now));
    }

    /// <summary>督办: a person puts the case under supervision, with what he requires.</summary>
    public static async Task SuperviseAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string note, string by)
    {
        await AssignmentStore.UpdateAsync(uow, a with { SupervisedAt = uow.Now }, uow.Now);
        HistoryStore.Add(uow, a.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.Supervised, a.Tier, a.UnitCode, note));
        await uow.PublishAsync(new IncidentSupervised(a.IncidentId, by, note, uow.Now));
    }

    /// <summary>The unit on the tier above the holder, on the place's chain; null at the county.</summary>
    private static async Task<NotifiedUnit?> UnitAboveAsync(UnitOfWork<DispatchDatabase> uow, Assignment a)
    {
        if (EscalationLadder.Next(a.Tier) is not { } next) return null;
        var chain = await UnitCopyStore.ChainAsync(uow, a.PlaceCode);
        return EscalationLadder.HandlingUnit(chain, next) is { } unit ? new NotifiedUnit(next, unit.Code) : null;
    }
}
