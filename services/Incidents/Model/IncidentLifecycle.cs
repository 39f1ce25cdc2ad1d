namespace Governance.Incidents.Model;

/// <summary>
/// The case's state machine: which action is allowed in which status, and where it leads.
/// Pure: the API asks it before changing anything, consumers ask it before applying Dispatch's news.
/// </summary>
public static class IncidentLifecycle
{
    private static readonly IncidentStatus[] Working = [IncidentStatus.Assigned, IncidentStatus.Accepted, IncidentStatus.Reopened];

    /// <summary>The status after <paramref name="action"/>, or null when it is not allowed now.</summary>
    public static IncidentStatus? Next(IncidentStatus status, IncidentAction action) => action switch
    {
        IncidentAction.Place => status == IncidentStatus.Triage ? IncidentStatus.Filed : null,
        // A new assignment (routing, or the clock restarted after reopening) keeps a working status.
        IncidentAction.Route => status == IncidentStatus.Filed ? IncidentStatus.Assigned : Working.Contains(status) ? status : null,
        // Moving up (or back down) a tier hands the case to a new unit, which has not acknowledged it yet.
        IncidentAction.Escalate or IncidentAction.Return =>
            status == IncidentStatus.Filed || Working.Contains(status) ? IncidentStatus.Assigned : null,
        IncidentAction.FlagOverdue => Working.Contains(status) ? status : null,
        IncidentAction.Accept => status is IncidentStatus.Assigned or IncidentStatus.Reopened ? IncidentStatus.Accepted : null,
        // Filed counts too: a grid worker may settle a matter on the spot (即知即办) before routing.
        IncidentAction.Resolve => status == IncidentStatus.Filed || Working.Contains(status) ? IncidentStatus.Resolved : null,
        IncidentAction.RequestEscalation => Working.Contains(status) ? status : null,
        // A grade is corrected while the case is worked on. Not once resolved: a graver grade would move the
        // case up, and the one who resolved it could otherwise rewrite the grade of what he closed (found
        // trying it from outside); verification reopens a case that was not settled, then it is re-graded.
        IncidentAction.Regrade => status == IncidentStatus.Filed || Working.Contains(status) ? status : null,
        IncidentAction.VerifySolved => status == IncidentStatus.Resolved ? IncidentStatus.Closed : null,
        IncidentAction.VerifySolvedInHand => status == IncidentStatus.Resolved ? IncidentStatus.Verified : null,
        IncidentAction.SignOff => status == IncidentStatus.Verified ? IncidentStatus.Closed : null,
        IncidentAction.VerifyPartlySolved or IncidentAction.VerifyNotSolved =>
            status == IncidentStatus.Resolved ? IncidentStatus.Reopened : null,
        // A duplicate can be merged until it is settled.
        IncidentAction.Merge => status == IncidentStatus.Filed || Working.Contains(status) ? IncidentStatus.Merged : null,
        // Mediation sessions are held while the village works on the case.
        IncidentAction.Mediate => Working.Contains(status) ? status : null,
        _ => null,
    };
}
