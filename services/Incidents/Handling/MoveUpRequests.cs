using Governance.Incidents.Permissions;

namespace Governance.Incidents.Handling;

/// <summary>
/// 提请上级: the holder asks the tier above to take the case, with a reason; the tier above accepts
/// (Dispatch then moves the case up) or declines with a reason, and the case stays. A request is
/// about the tier and unit it was made on: once the case has moved, it is void. From the approval
/// until Dispatch has moved it, the case is on its way up: the permission model already counts the
/// tier above as its holder (<see cref="Permissions.ApprovedMoveUp"/>), so the requester cannot
/// resolve it on the tier he asked to leave.
/// </summary>
public static class MoveUpRequests
{
    public static async Task<Outcome<Incident>> RequestAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, string reason)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new Outcome<Incident>.NotFound();
        if (incident.Tier == Tier.County)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.CountyIsTop);
        if (IncidentLifecycle.Next(incident.Status, IncidentAction.RequestEscalation) is null || incident.Tier is null || incident.HandlingUnitCode is null)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.CannotMoveUp(Infrastructure.Hosting.Codes.Of(incident.Status)));
        if (await CurrentAsync(uow, incident) is { } earlier)
            return CaseRefusal.NotAllowed(incident.Status, earlier.Approved
                ? IncidentsTexts.TierAboveTookIt
                : IncidentsTexts.MoveUpWaiting);
        await CaseAuthorityStore.OpenRequestAsync(uow,
            new CaseAuthorityStore.MoveUpRequest(id, actor, reason, incident.Tier.Value, incident.HandlingUnitCode, uow.Now));
        return await RecordAsync(uow, incident, actor, TimelineAction.EscalationRequested, reason);
    }

    /// <param name="approve">true: the tier above takes it (Dispatch moves it, recording the person who decided).</param>
    public static async Task<Outcome<Incident>> DecideAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, bool approve, string? reason)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new Outcome<Incident>.NotFound();
        if (await CurrentAsync(uow, incident) is not { Approved: false } request)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.NoMoveUpWaiting);
        // Resolved while the request waited (the holder settled it after all): nothing left to move.
        if (IncidentLifecycle.Next(incident.Status, IncidentAction.RequestEscalation) is null)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.CannotMoveUp(Infrastructure.Hosting.Codes.Of(incident.Status)));
        if (!approve)
        {
            await CaseAuthorityStore.CloseRequestAsync(uow, id);
            return await RecordAsync(uow, incident, actor, TimelineAction.EscalationDeclined, reason);
        }
        await CaseAuthorityStore.ApproveRequestAsync(uow, id, actor, uow.Now);
        await uow.PublishAsync(new EscalationRequested(id, actor, request.Reason, uow.Now));
        return await RecordAsync(uow, incident, actor, TimelineAction.EscalationApproved, reason ?? request.Reason);
    }

    /// <summary>The request made on the case's current tier and unit (waiting or approved), if any; one left from a
    /// tier the case has left is void.</summary>
    public static async Task<CaseAuthorityStore.MoveUpRequest?> CurrentAsync(DbSession session, Incident incident) =>
        CaseAuthorityStore.MoveUpRequest.CurrentFor(await CaseAuthorityStore.RequestOfAsync(session, incident.Id), incident);

    private static async Task<Outcome<Incident>> RecordAsync(UnitOfWork<IncidentsDatabase> uow, Incident incident, string actor, string action, string? reason)
    {
        var changed = incident with { UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, changed);
        TimelineStore.Add(uow, incident.Id,
            new TimelineEntry(uow.Now, actor, action, incident.Tier, incident.HandlingUnitCode, reason));
        return new Outcome<Incident>.Done(changed);
    }
}
