namespace Governance.Incidents.Model;

/// <summary>包案: a case a leader (联系点 leader, or a county supervisor) took in hand. He is named on the case,
/// it is in his own queue, and once verified solved it closes only with his sign-off.</summary>
/// <param name="VerifiedBy">Who verified it solved (a member of staff, or the resident's 回访); null before.</param>
/// <param name="SignedOffAt">When he signed it off (it closed); null while it is open or waiting for him.</param>
public sealed record CaseInHand(Guid IncidentId, string Leader, DateTimeOffset Since, string? Instructions,
    string? VerifiedBy = null, DateTimeOffset? SignedOffAt = null);

/// <summary>The pure rules of 包案.</summary>
public static class InHandRules
{
    public const int MaxInstructions = 1000;
    public const int MaxSignOffNote = 1000;

    /// <summary>Whether a case in this status can be taken in hand: placed on a unit and not yet settled for
    /// good. A call waiting in triage has no place yet; a closed or merged case has nothing left to lead.</summary>
    public static bool MayTake(IncidentStatus status) => status is IncidentStatus.Filed or IncidentStatus.Assigned
        or IncidentStatus.Accepted or IncidentStatus.Resolved or IncidentStatus.Reopened;

    /// <summary>What "solved" at verification does to a case: closes it, or, in a leader's hand, waits for his sign-off.</summary>
    public static IncidentAction VerifiedSolved(bool inHand) => inHand ? IncidentAction.VerifySolvedInHand : IncidentAction.VerifySolved;
}
