using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.Infrastructure.Messaging;

namespace Governance.Incidents.Handling;

/// <summary>The outcome of a handler's action on a case.</summary>
public abstract record ActionOutcome
{
    public sealed record Done(Incident Incident) : ActionOutcome;
    public sealed record NotFound : ActionOutcome;
    public sealed record NotAllowed(IncidentStatus Status, string Why) : ActionOutcome;
}

/// <summary>
/// What people do to a case: accept, resolve, ask to escalate, verify. Each is checked against the
/// lifecycle, recorded on the timeline and announced through the outbox in one transaction.
/// </summary>
public static class CaseActions
{
    public static async Task<ActionOutcome> AcceptAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor) =>
        await ApplyAsync(uow, id, IncidentAction.Accept, actor, TimelineAction.Accepted, null,
            i => new IncidentAccepted(i.Id, actor, uow.Now));

    public static async Task<ActionOutcome> ResolveAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, string note) =>
        await ApplyAsync(uow, id, IncidentAction.Resolve, actor, TimelineAction.Resolved, note,
            i => new IncidentResolved(i.Id, actor, note, uow.Now));

    public static async Task<ActionOutcome> RequestEscalationAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, string reason)
    {
        var incident = await IncidentStore.FindAsync(uow.Connection, id, uow.Transaction);
        if (incident?.Tier == Tier.County)
            return new ActionOutcome.NotAllowed(incident.Status, "The county is the top tier: a county case cannot be escalated further.");
        return await ApplyAsync(uow, id, IncidentAction.RequestEscalation, actor, TimelineAction.EscalationRequested, reason,
            i => new EscalationRequested(i.Id, actor, reason, uow.Now));
    }

    public static async Task<ActionOutcome> VerifyAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, bool satisfied, string? comment) =>
        await ApplyAsync(uow, id, satisfied ? IncidentAction.VerifySatisfied : IncidentAction.VerifyNotSatisfied, actor,
            satisfied ? TimelineAction.Verified : TimelineAction.Reopened, comment,
            i => new IncidentVerified(i.Id, actor, satisfied, comment, uow.Now));

    private static async Task<ActionOutcome> ApplyAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, IncidentAction action,
        string actor, string timelineAction, string? reason, Func<Incident, object> announcement)
    {
        var incident = await IncidentStore.FindAsync(uow.Connection, id, uow.Transaction);
        if (incident is null) return new ActionOutcome.NotFound();
        if (IncidentLifecycle.Next(incident.Status, action) is not { } next)
            return new ActionOutcome.NotAllowed(incident.Status, $"A case that is {incident.Status.ToString().ToLowerInvariant()} does not allow this action.");

        var changed = incident with { Status = next, UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow.Connection, uow.Transaction, changed);
        await IncidentStore.AddTimelineAsync(uow.Connection, uow.Transaction, id,
            new TimelineEntry(uow.Now, actor, timelineAction, incident.Tier, incident.HandlingUnitCode, reason));
        await uow.PublishAsync(announcement(changed));
        return new ActionOutcome.Done(changed);
    }
}
