using Governance.Incidents.Dashboard;

namespace Governance.Incidents.Handling;

/// <summary>
/// Applies Dispatch's news (routed, escalated, flagged, …) to a case. Every message goes on the
/// timeline with who took the step (a person, or system:&lt;job&gt;); only a newer assignment (higher
/// sequence) replaces the current one, so messages that overtake each other leave the case as
/// Dispatch has it.
/// </summary>
public static partial class AssignmentUpdates
{
    public static async Task RoutedAsync(UnitOfWork<IncidentsDatabase> uow, IncidentRouted m)
    {
        await ApplyAsync(uow, m.IncidentId, m.Sequence, IncidentAction.Route, m.Tier, m.HandlingUnitCode, m.DueAt,
            TimelineEntry.Coded(m.RoutedAt, m.By ?? LegacyActor, TimelineAction.Assigned, m.Tier, m.HandlingUnitCode, TimelineReasons.Policy(m.PolicyVersion)));
        await NoteWeekdaysOnlyAsync(uow, m.IncidentId, m.WeekdaysOnlyYear, m.RoutedAt, m.By ?? LegacyActor, m.Tier, m.HandlingUnitCode);
    }

    public static async Task EscalatedAsync(UnitOfWork<IncidentsDatabase> uow, IncidentEscalated m)
    {
        var moved = await ApplyAsync(uow, m.IncidentId, m.Sequence, IncidentAction.Escalate, m.ToTier, m.HandlingUnitCode, m.DueAt,
            TimelineEntry.Coded(m.EscalatedAt, m.By ?? LegacyActor, TimelineAction.Escalated, m.ToTier, m.HandlingUnitCode,
                TimelineReasons.Escalated(Codes(m.Reason), m.Note)),
            deadlineMissed: m.Reason == EscalationReason.DeadlinePassed);
        await NoteWeekdaysOnlyAsync(uow, m.IncidentId, m.WeekdaysOnlyYear, m.EscalatedAt, m.By ?? LegacyActor, m.ToTier, m.HandlingUnitCode);
        await DashboardProjector.EscalatedAsync(uow, moved, m.Reason, m.FromTier, m.EscalatedAt);
    }

    public static async Task ReturnedAsync(UnitOfWork<IncidentsDatabase> uow, IncidentReturned m)
    {
        await ApplyAsync(uow, m.IncidentId, m.Sequence, IncidentAction.Return, m.ToTier, m.HandlingUnitCode, m.DueAt,
            new TimelineEntry(m.At, m.By, TimelineAction.Returned, m.ToTier, m.HandlingUnitCode, m.Reason));
        await NoteWeekdaysOnlyAsync(uow, m.IncidentId, m.WeekdaysOnlyYear, m.At, m.By, m.ToTier, m.HandlingUnitCode);
    }

    /// <summary>The case is marked where its deadline was counted by weekdays only, so no one takes a guessed date
    /// for a checked one (the county administrator is told on his page to enter that year's calendar).</summary>
    private static async Task NoteWeekdaysOnlyAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, int? year, DateTimeOffset at, string by, Tier tier, string unitCode)
    {
        if (year is { } missing)
            TimelineStore.Add(uow, id, TimelineEntry.Coded(at, by, TimelineAction.DeadlineWeekdaysOnly, tier, unitCode, TimelineReasons.WeekdaysOnly(missing)));
    }

    public static async Task SupervisedAsync(UnitOfWork<IncidentsDatabase> uow, IncidentSupervised m)
    {
        var incident = await RequireAsync(uow, m.IncidentId);
        await IncidentStore.UpdateAsync(uow, incident with { SupervisedAt = m.At, UpdatedAt = uow.Now });
        TimelineStore.Add(uow, m.IncidentId,
            new TimelineEntry(m.At, m.By, TimelineAction.Supervised, incident.Tier, incident.HandlingUnitCode, m.Note));
    }

    public static async Task DepartmentsAssignedAsync(UnitOfWork<IncidentsDatabase> uow, IncidentDepartmentsAssigned m)
    {
        var incident = await RequireAsync(uow, m.IncidentId);
        await IncidentStore.UpdateAsync(uow, incident with { LeadDepartmentCode = m.LeadDepartmentCode, UpdatedAt = uow.Now });
        // Who was called in decides who relates to the case as "department" (the permission model).
        await Permissions.CaseAuthorityStore.SetDepartmentsAsync(uow, m.IncidentId, m.LeadDepartmentCode,
            m.CoHandlers.Select(h => h.DepartmentCode));
        TimelineStore.Add(uow, m.IncidentId,
            TimelineEntry.Coded(m.At, m.By, TimelineAction.DepartmentsAssigned, incident.Tier, incident.HandlingUnitCode,
                TimelineReasons.Called(m.LeadDepartmentCode, m.CoHandlers.Select(h => (h.DepartmentCode, h.DueAt)))));
    }

    /// <summary>红黄牌 on the timeline, so anyone reading the case sees when it went yellow or red.</summary>
    public static async Task WarningAsync(UnitOfWork<IncidentsDatabase> uow, DeadlineWarning m)
    {
        var incident = await RequireAsync(uow, m.IncidentId);
        // A red card for the tier the case is on now marks it overdue there (the dashboard counts it).
        if (m.Level == WarningLevel.Red && m.Tier == incident.Tier)
            await IncidentStore.UpdateAsync(uow, await MarkOverdueAsync(uow, incident) with { UpdatedAt = uow.Now });
        // One for a tier the case has left still means a deadline was missed (not closed on time): the
        // escalation Dispatch published right after it travels on another queue and may be applied first.
        else if (m.Level == WarningLevel.Red && !incident.EverOverdue && incident.Status is not (IncidentStatus.Closed or IncidentStatus.Merged))
            await IncidentStore.UpdateAsync(uow, incident with { EverOverdue = true, UpdatedAt = uow.Now });
        TimelineStore.Add(uow, m.IncidentId,
            TimelineEntry.Coded(m.At, m.By ?? SweeperActor, TimelineAction.Warning, m.Tier, m.HandlingUnitCode, TimelineReasons.Card(Infrastructure.Hosting.Codes.Of(m.Level))));
    }

    /// <summary>超期预警: the case stays with its unit and is flagged to the tier above (the county
    /// itself at the top). A missed resolution deadline marks it overdue; a missed acknowledgement
    /// only flags it (its resolution clock still runs). A flag for a clock the case has since left
    /// goes on the timeline only — a missed resolution deadline still counts against closing on time.</summary>
    public static async Task FlaggedOverdueAsync(UnitOfWork<IncidentsDatabase> uow, IncidentFlaggedOverdue m)
    {
        var incident = await RequireAsync(uow, m.IncidentId);
        var resolution = m.Clock is null or DeadlineKind.Resolution;
        var open = incident.Status is not (IncidentStatus.Closed or IncidentStatus.Merged);
        // The flag of an assignment this service has not applied yet: the escalation that made it travels on
        // another queue (with two instances, from another relay) and is still on its way. Retried until it
        // lands, or the flag would be dropped as stale and the case never shown overdue (fault test g found it).
        if (open && m.Sequence is { } sequence && sequence > incident.AssignmentSequence)
            throw new ArrivedTooEarlyException(
                $"Incident {m.IncidentId}: the overdue flag of assignment {sequence} arrived before the assignment (here {incident.AssignmentSequence})");
        var current = (m.Sequence ?? incident.AssignmentSequence) >= incident.AssignmentSequence && m.Tier == incident.Tier;
        if (current && open && !ResolvedInTime(incident))
        {
            var flagged = resolution ? await MarkOverdueAsync(uow, incident) : incident;
            await IncidentStore.UpdateAsync(uow, flagged with { FlaggedOverdueAt = m.FlaggedAt, UpdatedAt = uow.Now });
        }
        else if (resolution && open && !incident.EverOverdue)
            await IncidentStore.UpdateAsync(uow, incident with { EverOverdue = true, UpdatedAt = uow.Now });
        var clock = Infrastructure.Hosting.Codes.Of(m.Clock ?? DeadlineKind.Resolution);
        TimelineStore.Add(uow, m.IncidentId, TimelineEntry.Coded(m.FlaggedAt, m.By ?? SweeperActor, TimelineAction.FlaggedOverdue, m.Tier,
            m.HandlingUnitCode, TimelineReasons.Flagged(clock, Infrastructure.Hosting.Codes.Of(m.FlaggedToTier ?? m.Tier), m.FlaggedToUnitCode ?? m.HandlingUnitCode)));
    }

    /// <summary>The actor of a message from a Dispatch older than actors on its messages.</summary>
    private const string LegacyActor = "system:dispatch";
    private const string SweeperActor = "system:deadline-sweeper";

    private static string Codes(EscalationReason reason) => Infrastructure.Hosting.Codes.Of(reason);

    /// <summary>Resolved before its deadline: a red card or flag that Dispatch sent before it heard of the
    /// resolution (the resolution travels through the outbox and the broker) is stale; it stays on the timeline
    /// only. A case reopened after verification is no longer resolved and is flagged as any other.</summary>
    private static bool ResolvedInTime(Incident incident) =>
        incident is { Status: IncidentStatus.Resolved, ResolvedAt: { } resolvedAt, DueAt: { } dueAt } && resolvedAt <= dueAt;

    private static async Task<Incident> MarkOverdueAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident)
    {
        if (incident.Overdue || incident.Status is IncidentStatus.Closed or IncidentStatus.Merged || ResolvedInTime(incident)) return incident;
        var overdue = incident with { Overdue = true, EverOverdue = true };
        await DashboardProjector.OverdueAsync(uow, overdue);
        return overdue;
    }

    /// <summary>Records the step; applies the assignment if it is newer than the case's. Returns the case as it is now.</summary>
    /// <param name="deadlineMissed">The step says a deadline passed (an escalation for it): the case can no
    /// longer close on time, whether or not the red card that came before it has been applied yet.</param>
    private static async Task<Incident> ApplyAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, int sequence, IncidentAction action,
        Tier tier, string unitCode, DateTimeOffset dueAt, TimelineEntry entry, bool deadlineMissed = false)
    {
        var incident = await RequireAsync(uow, id);
        var settledAlready = incident.Status is IncidentStatus.Resolved or IncidentStatus.Verified or IncidentStatus.Closed or IncidentStatus.Merged;
        var late = sequence > incident.AssignmentSequence && action is IncidentAction.Escalate or IncidentAction.Return && settledAlready;
        // A late move reads as what it was: it did not take the case anywhere (not "升级" after "办结").
        TimelineStore.Add(uow, id, late ? entry with { Action = TimelineAction.MovedAfterResolution } : entry);
        // A closed case's figures are already counted; its flags stay as they were when it closed.
        var everOverdue = incident.EverOverdue || (deadlineMissed && incident.Status is not (IncidentStatus.Closed or IncidentStatus.Merged));
        if (sequence <= incident.AssignmentSequence) // older news than what the case shows
        {
            if (everOverdue == incident.EverOverdue) return incident;
            var marked = incident with { EverOverdue = true, UpdatedAt = uow.Now };
            await IncidentStore.UpdateAsync(uow, marked);
            return marked;
        }
        // A move Dispatch made while the case was being resolved here (a pull-up and a 办结 at the same
        // moment; Dispatch had not heard of the resolution yet): the case stays resolved on the tier whose
        // holder resolved it, the move stays on the timeline, and a reopening goes where Dispatch has it.
        if (late)
        {
            var settled = incident with { AssignmentSequence = sequence, EverOverdue = everOverdue, UpdatedAt = uow.Now };
            await IncidentStore.UpdateAsync(uow, settled);
            return settled;
        }
        var status = IncidentLifecycle.Next(incident.Status, action) ?? incident.Status;
        // Departments are called in by a tier's unit: a case that moves to another unit leaves them behind
        // (as Dispatch's assignment does), so they no longer hold it or relate to it as "department".
        var leftUnit = tier != incident.Tier || unitCode != incident.HandlingUnitCode;
        var moved = incident with
        {
            Status = status, Tier = tier, HandlingUnitCode = unitCode, DueAt = dueAt, AssignmentSequence = sequence, UpdatedAt = uow.Now,
            Overdue = false, FlaggedOverdueAt = null, // a new clock on the tier: its flags went with the old one
            EverOverdue = everOverdue,
            LeadDepartmentCode = leftUnit ? null : incident.LeadDepartmentCode,
        };
        await IncidentStore.UpdateAsync(uow, moved);
        if (leftUnit && incident.LeadDepartmentCode is not null)
            await Permissions.CaseAuthorityStore.ClearDepartmentsAsync(uow, id);
        if (incident.Status is not (IncidentStatus.Closed or IncidentStatus.Merged))
            await DashboardProjector.TierChangedAsync(uow, incident, moved);
        return moved;
    }

    private static async Task<Incident> RequireAsync(UnitOfWork<IncidentsDatabase> uow, Guid id) =>
        await IncidentStore.FindAsync(uow, id)
        ?? throw new ArrivedTooEarlyException($"Incident {id} is not known to Incidents");
}
