using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Permissions;

/// <summary>
/// <c>allowedActions</c>: what the permission model lets the caller do, narrowed to what the case's
/// state admits now. The pages render exactly these, so page and API never disagree.
/// </summary>
public static class AllowedActions
{
    public static IReadOnlyList<CaseAction> Of(Caller caller, CaseFacts facts, Incident incident, bool moveUpRequested)
    {
        var permitted = caller.Unrestricted ? Enum.GetValues<CaseAction>() : Authority.Permitted(caller.Person, facts);
        // A co-handler that finished its part (完成) reads on; 报到/反馈 would answer 409, so no button.
        return permitted.Where(a => Fits(a, incident, moveUpRequested))
            .Where(a => a != CaseAction.DepartmentWork || caller.Unrestricted || facts.PartOpenFor(caller.Person))
            // 包案 once: a case in someone's hand is not offered again (the API answers 409).
            .Where(a => a != CaseAction.TakeInHand || facts.InHandOf is null).ToList();
    }

    /// <summary>Whether the case's state admits the action (else the action answers 409).</summary>
    public static bool Fits(CaseAction action, Incident i, bool moveUpRequested)
    {
        var working = i.Status is IncidentStatus.Assigned or IncidentStatus.Accepted or IncidentStatus.Reopened;
        var open = i.Status is not (IncidentStatus.Closed or IncidentStatus.Merged);
        return action switch
        {
            CaseAction.Read => true,
            CaseAction.PlaceTriage => i.Status == IncidentStatus.Triage,
            CaseAction.Accept => Allows(i, IncidentAction.Accept),
            CaseAction.Resolve or CaseAction.ReadCaller => working,
            CaseAction.Note or CaseAction.CallInDepartments or CaseAction.DepartmentWork or CaseAction.Urge or CaseAction.Supervise => working,
            CaseAction.AddPhoto => open,
            CaseAction.ReportCasualties => Allows(i, IncidentAction.Regrade),
            CaseAction.RequestMoveUp => working && i.Tier != Tier.County && !moveUpRequested,
            CaseAction.DecideMoveUp => working && moveUpRequested,
            CaseAction.SendBack => working && i.Tier is Tier.Township or Tier.County,
            CaseAction.MoveUp or CaseAction.PullUp => working && i.Tier != Tier.County,
            CaseAction.Regrade => Allows(i, IncidentAction.Regrade),
            CaseAction.Verify => i.Status == IncidentStatus.Resolved,
            CaseAction.Merge => Allows(i, IncidentAction.Merge),
            // Mediation is for disputes on the village tier (乡贤评理堂): elsewhere the API answers 409, so no button.
            CaseAction.Mediate => Allows(i, IncidentAction.Mediate) && i.Category == Category.Dispute && i.Tier == Tier.Village,
            CaseAction.TakeInHand => InHandRules.MayTake(i.Status),
            // The model lets only the leader who took it in hand; the state: verified, waiting for him.
            CaseAction.SignOff => i.Status == IncidentStatus.Verified,
            // Settling on the spot happens while filing.
            _ => false,
        };
    }

    private static bool Allows(Incident i, IncidentAction action) => IncidentLifecycle.Next(i.Status, action) is not null;
}
