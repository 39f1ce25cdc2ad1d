namespace Governance.Incidents.Model;

public sealed record Location(double Lat, double Lng);

/// <summary>Casualty and loss figures reported on a case (for re-grading by State Council Order 493).</summary>
public sealed record Casualties(int Deaths, int SeriouslyInjured, long DirectLossYuan);

/// <summary>A case: what, where, who reported it, and where it stands now.</summary>
public sealed record Incident(
    Guid Id, string UnitCode, Category Category, Grade Grade, string Title, string Description, Location? Location,
    IncidentStatus Status, Tier? Tier, string? HandlingUnitCode, DateTimeOffset? DueAt, int AssignmentSequence,
    DateTimeOffset? FlaggedOverdueAt, string ReportedBy, DateTimeOffset FiledAt, DateTimeOffset UpdatedAt,
    string? ResolvedBy = null, bool ResolvedOnTheSpot = false, int NotSolvedCount = 0, Satisfaction? Satisfaction = null,
    DateTimeOffset? SupervisedAt = null, string? LeadDepartmentCode = null, Casualties? Casualties = null,
    Guid? PossibleDuplicateOf = null, Guid? MergedInto = null, PlaceAncestry? Ancestry = null, bool Overdue = false,
    DateTimeOffset? ResolvedAt = null, bool EverOverdue = false);

/// <summary>The grid, village and township above the place when the case was filed: cases keep the
/// units they were filed in, and the dashboard counts them there.</summary>
public sealed record PlaceAncestry(string GridCode, string VillageCode, string TownshipCode);

/// <summary>One step of the case's life: when, who, what, on which tier and unit, and why.</summary>
/// <param name="Reason">Free text, or the English of <paramref name="ReasonCode"/>.</param>
/// <param name="ReasonCode">A reason the system gave, as codes the pages render in their language (null: free text).</param>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, Tier? Tier, string? UnitCode, string? Reason,
    CodedReason? ReasonCode = null)
{
    /// <summary>A step whose reason the system gives (<see cref="TimelineReasons"/>): stored as codes, its English kept for the API.</summary>
    public static TimelineEntry Coded(DateTimeOffset at, string actor, string action, Tier? tier, string? unitCode, CodedReason reason) =>
        new(at, actor, action, tier, unitCode, reason.English(), reason);
}

/// <summary>The timeline's action codes.</summary>
public static class TimelineAction
{
    public const string Filed = "filed";
    /// <summary>A hotline call no unit could be found for waits in the county's triage queue (待分拨).</summary>
    public const string Triage = "triage";
    /// <summary>A county dispatcher placed a call from the triage queue on its unit (分拨).</summary>
    public const string Placed = "placed";
    public const string Assigned = "assigned";
    public const string Escalated = "escalated";
    /// <summary>Dispatch moved the case (a pull-up, a send-back) before it heard that it had been resolved here.</summary>
    public const string MovedAfterResolution = "moved-after-resolution";
    public const string FlaggedOverdue = "flagged-overdue";
    /// <summary>The deadline ran into a year whose holidays were not entered: counted Monday to Friday (reason: the year).</summary>
    public const string DeadlineWeekdaysOnly = "deadline-weekdays-only";
    public const string Accepted = "accepted";
    public const string Resolved = "resolved";
    public const string EscalationRequested = "escalation-requested";
    public const string EscalationApproved = "escalation-approved";
    public const string EscalationDeclined = "escalation-declined";
    public const string Note = "note";
    public const string Verified = "verified";
    public const string Reopened = "reopened";
    public const string ResolvedOnTheSpot = "resolved-on-the-spot";
    public const string Returned = "returned";
    public const string Regraded = "regraded";
    public const string CasualtiesReported = "casualties-reported";
    public const string Supervised = "supervised";
    public const string DepartmentsAssigned = "departments-assigned";
    public const string Warning = "warning";
    public const string PossibleDuplicate = "possible-duplicate";
    public const string Merged = "merged";
    public const string MergedFrom = "merged-from";
    public const string MediationScheduled = "mediation-scheduled";
    public const string MediationAgreed = "mediation-agreed";
    public const string MediationFailed = "mediation-failed";
    public const string PhotoAdded = "photo-added";
    // Dispatch's news with the person (or system:<job>) who took the step.
    public const string NotifiedAbove = "notified-above";
    public const string Urged = "urged";
    public const string DepartmentCheckedIn = "department-checked-in";
    public const string DepartmentFeedback = "department-feedback";
    public const string DepartmentFinished = "department-finished";
    /// <summary>包案: a leader took the case in hand (the reason: his instructions, if any).</summary>
    public const string TakenInHand = "taken-in-hand";
    /// <summary>The leader who took the case in hand signed it off after verification: it closed.</summary>
    public const string SignedOff = "signed-off";
}
