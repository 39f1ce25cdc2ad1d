namespace Governance.Dispatch.Routing;

/// <summary>What a clock that runs out does to a case, by the policy's <c>onMissedDeadline</c> (for the
/// 签收 clock as for the 办结 clock). Pure: the sweeper acts on it.</summary>
public static class MissedDeadlineRule
{
    /// <summary>The tier the case moves to, or null when it stays with its unit and is flagged 超期预警
    /// (policy supervise; or escalate at the county, which has nowhere higher to go).</summary>
    public static Tier? MovesTo(MissedDeadlineAction action, Tier tier) =>
        action == MissedDeadlineAction.Escalate ? EscalationLadder.Next(tier) : null;

    /// <summary>The tier a case that stays is flagged to (and, at yellow, whose people are prompted to
    /// urge): the one above; at the county, the county itself — its supervisors (督查员) watch it.</summary>
    public static Tier FlaggedTo(Tier tier) => EscalationLadder.Next(tier) ?? tier;

    /// <summary>At yellow, the tier above is prompted to urge (催办) only when the case is to stay on
    /// its tier (supervise) and there is a tier above; a case about to climb needs no urging.</summary>
    public static bool PromptsUrgeAtYellow(MissedDeadlineAction action, Tier tier) =>
        action == MissedDeadlineAction.Supervise && EscalationLadder.Next(tier) is not null;
}
