using Governance.Contracts;
using static Governance.Infrastructure.Authority.Relation;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// The permission table for case actions (DOMAIN "Who may do what"; docs/permissions.md explains
/// each line and the decisions where DOMAIN is silent). Data only: <see cref="Authority"/> reads it.
/// </summary>
public static class CasePermissions
{
    private static readonly Tier[] CommandTiers = [Tier.Township, Tier.County];

    public static readonly IReadOnlyDictionary<CaseAction, IReadOnlyList<Grant>> Table = new Dictionary<CaseAction, IReadOnlyList<Grant>>
    {
        [CaseAction.Read] = [new(Holder), new(Above), new(Place), new(Reporter), new(Department), new(Leader)],
        [CaseAction.SettleOnTheSpot] = [new(Reporter, Condition: GrantCondition.GradeIV)],
        [CaseAction.Accept] = [new(Holder)],
        [CaseAction.Resolve] = [new(Holder)],
        [CaseAction.Note] = [new(Holder)],
        [CaseAction.AddPhoto] = [new(Holder), new(Reporter), new(Place)],
        [CaseAction.RequestMoveUp] = [new(Holder)],
        // DOMAIN: "the tier above (its holders-to-be)": the tier that would take the case decides, not the county
        // over a courtyard's request (found trying it from outside: every tier up to the county could).
        [CaseAction.DecideMoveUp] = [new(Above, Condition: GrantCondition.TierDirectlyAbove)],
        [CaseAction.SendBack] = [new(Holder, RoleTiers.CommandCentre, CommandTiers)],
        // Below the township a holder asks (提请上级) instead: 矛盾不上交. The township's command centre
        // may move a case to the county at once; those above take it over.
        [CaseAction.MoveUp] = [new(Holder, RoleTiers.CommandCentre, [Tier.Township]), new(Above)],
        [CaseAction.CallInDepartments] = [new(Holder, RoleTiers.CommandCentre, CommandTiers)],
        [CaseAction.DepartmentWork] = [new(Department)],
        [CaseAction.Urge] = [new(Above), new(Leader)],
        // On the county tier nobody is above: the county's supervisors (督查员) press the departments they called in.
        [CaseAction.Supervise] = [new(Above), new(Leader), new(Holder, [Security.Roles.CountySupervisor], [Tier.County])],
        // 提级: the township over its villages, the county over all — not a village over its courtyards.
        [CaseAction.PullUp] = [new(Above, RoleTiers.CommandCentre)],
        [CaseAction.TakeInHand] = [new(Leader), new(Above, [Security.Roles.CountySupervisor])],
        // A county supervisor who took a case in hand may find it moved up to his own tier meanwhile (then he holds it):
        // the sign-off stays his.
        [CaseAction.SignOff] =
        [
            new(Leader, Condition: GrantCondition.InHandOfCaller),
            new(Above, [Security.Roles.CountySupervisor], Condition: GrantCondition.InHandOfCaller),
            new(Holder, [Security.Roles.CountySupervisor], Condition: GrantCondition.InHandOfCaller),
        ],
        [CaseAction.Regrade] = [new(Holder), new(Above)],
        [CaseAction.ReportCasualties] = [new(Holder), new(Above)],
        [CaseAction.Verify] =
        [
            new(Reporter, Condition: GrantCondition.NotResolverNorHolder),
            new(Place, [.. RoleTiers.GridWorkers, Security.Roles.CourtyardLead], Condition: GrantCondition.NotResolverNorHolder),
            new(Above, Condition: GrantCondition.NotResolverNorHolder),
        ],
        // Both cases are checked: someone who may resolve both, or who stands above both.
        [CaseAction.Merge] = [new(Holder), new(Above)],
        [CaseAction.Mediate] = [new(Holder, [Security.Roles.Mediator, Security.Roles.VillageHandler])],
        // DOMAIN "The resident and the hotline": the holder calls the resident before acting, "and no one else".
        [CaseAction.ReadCaller] = [new(Holder)],
        // DOMAIN: county dispatchers "also place hotline calls waiting in triage". A call in triage lies at the
        // county (no unit yet) and nobody holds it: the county's staff relate to it as its place.
        [CaseAction.PlaceTriage] = [new(Place, [Security.Roles.CountyDispatcher])],
    };
}
