using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Model;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Messaging;

namespace Governance.Incidents.Handling;

/// <summary>
/// 提请上级: the holder asks the tier above to take the case, with a reason; the tier above accepts
/// (Dispatch then moves the case up) or declines with a reason, and the case stays. A request is
/// about the tier and unit it was made on: once the case has moved, it is void.
/// </summary>
public static class MoveUpRequests
{
    public static async Task<ActionOutcome> RequestAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, string reason)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new ActionOutcome.NotFound();
        if (incident.Tier == Tier.County)
            return new ActionOutcome.NotAllowed(incident.Status, "The county is the top tier: a county case cannot be moved further up.");
        if (IncidentLifecycle.Next(incident.Status, IncidentAction.RequestEscalation) is null || incident.Tier is null || incident.HandlingUnitCode is null)
            return new ActionOutcome.NotAllowed(incident.Status, $"A case that is {Infrastructure.Hosting.Codes.Of(incident.Status)} cannot be moved up.");
        if (await OpenAsync(uow, incident) is not null)
            return new ActionOutcome.NotAllowed(incident.Status, "A request to move this case up is already waiting for the tier above.");
        await CaseAuthorityStore.OpenRequestAsync(uow,
            new CaseAuthorityStore.MoveUpRequest(id, actor, reason, incident.Tier.Value, incident.HandlingUnitCode, uow.Now));
        return await RecordAsync(uow, incident, actor, TimelineAction.EscalationRequested, reason);
    }

    /// <param name="approve">true: the tier above takes it (Dispatch moves it, recording the person who decided).</param>
    public static async Task<ActionOutcome> DecideAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, bool approve, string? reason)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new ActionOutcome.NotFound();
        if (await OpenAsync(uow, incident) is not { } request)
            return new ActionOutcome.NotAllowed(incident.Status, "No request to move this case up is waiting.");
        await CaseAuthorityStore.CloseRequestAsync(uow, id);
        if (!approve) return await RecordAsync(uow, incident, actor, TimelineAction.EscalationDeclined, reason);
        await uow.PublishAsync(new EscalationRequested(id, actor, request.Reason, uow.Now));
        return await RecordAsync(uow, incident, actor, TimelineAction.EscalationApproved, reason ?? request.Reason);
    }

    /// <summary>The request waiting on the case's current tier and unit, if any; one left from a tier the case has left is void.</summary>
    public static async Task<CaseAuthorityStore.MoveUpRequest?> OpenAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident) =>
        await CaseAuthorityStore.OpenRequestOfAsync(uow, incident.Id) is { } request && IsCurrent(request, incident)
            ? request : null;

    public static bool IsCurrent(CaseAuthorityStore.MoveUpRequest request, Incident incident) =>
        request.Tier == incident.Tier && request.UnitCode == incident.HandlingUnitCode;

    private static async Task<ActionOutcome> RecordAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident, string actor, string action, string? reason)
    {
        var changed = incident with { UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, changed);
        await IncidentStore.AddTimelineAsync(uow, incident.Id,
            new TimelineEntry(uow.Now, actor, action, incident.Tier, incident.HandlingUnitCode, reason));
        return new ActionOutcome.Done(changed);
    }
}
