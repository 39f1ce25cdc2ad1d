using Governance.Dispatch.Routing;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Handling;

/// <summary>
/// Moves a case between tiers for a recorded reason — up one tier, straight up to a tier (re-grading,
/// the county pulling it up), or back down to the village — and restarts clocks. Every move takes
/// the clocks of the policy the case started under, and records who made it (<c>by</c>: a person's
/// id, or system:&lt;job&gt;).
/// </summary>
public sealed class Escalator(PolicyStore policies, CalendarStore calendars)
{
    /// <summary>One tier up. The county is the top: there it changes nothing (a missed county deadline
    /// is flagged instead: <see cref="MissedDeadlines"/>).</summary>
    public async Task EscalateAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment, EscalationReason reason, string? note, string by)
    {
        if (EscalationLadder.Next(assignment.Tier) is { } next)
            await MoveUpToAsync(uow, assignment, next, reason, note, by);
    }

    /// <summary>Straight up to <paramref name="target"/> (which must be above the current tier).</summary>
    public async Task MoveUpToAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment, Tier target, EscalationReason reason, string? note, string by)
    {
        if (target <= assignment.Tier) return;
        var (moved, weekdaysOnly) = await ArriveAsync(uow, assignment, target);
        await AssignmentStore.InsertEscalationAsync(uow, assignment.IncidentId,
            new Escalation(assignment.Tier, target, reason, note, uow.Now, by));
        HistoryStore.Add(uow, assignment.IncidentId, new HistoryEntry(uow.Now, by,
            HistoryActions.Escalated, target, moved.UnitCode, note is null ? Codes.Of(reason) : $"{Codes.Of(reason)}: {note}"));
        await uow.PublishAsync(new IncidentEscalated(assignment.IncidentId, moved.Sequence, assignment.Tier, target, moved.UnitCode,
            moved.DueAt, reason, note, uow.Now, by, weekdaysOnly));
    }

    /// <summary>退回: the command centre sends a case one tier down, to the unit of the place there that
    /// can settle it (the township to the village, the county to the township).</summary>
    public async Task SendBackAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment, Tier to, string reason, string by)
    {
        var (moved, weekdaysOnly) = await ArriveAsync(uow, assignment, to);
        HistoryStore.Add(uow, assignment.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.Returned, to, moved.UnitCode, reason));
        await uow.PublishAsync(new IncidentReturned(assignment.IncidentId, moved.Sequence, assignment.Tier, to, moved.UnitCode,
            moved.DueAt, reason, by, uow.Now, weekdaysOnly));
    }

    /// <summary>Starts the tier's clock again (verification said partly or not solved: reopened on the same tier).</summary>
    public async Task RestartClockAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment, string by)
    {
        var (restarted, weekdaysOnly) = await ArriveAsync(uow, assignment, assignment.Tier);
        HistoryStore.Add(uow, assignment.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.Reopened, restarted.Tier, restarted.UnitCode, null));
        await uow.PublishAsync(new IncidentRouted(restarted.IncidentId, restarted.Sequence, restarted.Tier, restarted.UnitCode,
            restarted.DueAt, restarted.PolicyVersion, uow.Now, by, weekdaysOnly));
    }

    /// <returns>The case as it arrived, and the year its deadline was counted in by weekdays only (no calendar).</returns>
    private async Task<(Assignment Arrived, int? WeekdaysOnlyYear)> ArriveAsync(UnitOfWork<DispatchDatabase> uow, Assignment assignment, Tier tier)
    {
        var chain = await UnitCopyStore.ChainAsync(uow, assignment.PlaceCode);
        var unit = EscalationLadder.HandlingUnit(chain, tier)
            ?? throw new ArrivedTooEarlyException($"No {tier} unit above {assignment.PlaceCode} in Dispatch's copy");
        var policy = await policies.VersionAsync(uow, assignment.PolicyVersion);
        var calendar = await calendars.CurrentAsync(uow);
        var clock = policy.ClockFor(assignment.Category, assignment.Grade);
        var clocks = AssignmentClock.Start(policy, calendar, clock, tier, uow.Now, policy.DeadlineOn(tier));
        var arrived = assignment.OnTier(tier, unit.Code, clocks, uow.Now, assignment.Sequence + 1);
        await AssignmentStore.UpdateAsync(uow, arrived, uow.Now);
        // Departments belong to the unit that called them in: a case that moves leaves them behind.
        if (arrived.UnitCode != assignment.UnitCode)
            await DepartmentPartStore.ReleaseAllAsync(uow, assignment.IncidentId);
        return (arrived, clocks.WeekdaysOnlyYear);
    }
}
