namespace Governance.Dispatch.Model;

/// <summary>One step Dispatch took on a case: when, who (a person's id or system:&lt;job&gt;), what,
/// on which tier and unit, and why or what was said.</summary>
public sealed record HistoryEntry(DateTimeOffset At, string Actor, string Action, Tier? Tier, string? UnitCode, string? Note);

/// <summary>The history's action codes.</summary>
public static class HistoryActions
{
    public const string Routed = "routed";
    public const string NotifiedAbove = "notified-above";
    public const string Escalated = "escalated";
    public const string Returned = "returned";
    public const string Reopened = "reopened";
    public const string Regraded = "regraded";
    public const string Warning = "warning";
    public const string UrgePrompted = "urge-prompted";
    public const string FlaggedOverdue = "flagged-overdue";
    public const string Urged = "urged";
    public const string Supervised = "supervised";
    public const string DepartmentsAssigned = "departments-assigned";
    public const string DepartmentCheckedIn = "department-checked-in";
    public const string DepartmentFeedback = "department-feedback";
    public const string DepartmentFinished = "department-finished";
}

/// <summary>
/// What a unit's board shows about a case besides holding it (a command centre's or village's queue).
/// <see cref="Sequence"/> is the assignment it belongs to: every kind but notified-above lapses when
/// the case moves (a new clock, a new holder).
/// </summary>
public sealed record BoardNote(Guid IncidentId, string UnitCode, Tier Tier, string Kind, int Sequence, string Actor, string? Note, DateTimeOffset At);

/// <summary>The kinds of board notes, also the queue items' prompt codes.</summary>
public static class BoardNoteKinds
{
    /// <summary>A grade I or II case shown at once to a tier above its place.</summary>
    public const string NotifiedAbove = "notified-above";
    /// <summary>Yellow under policy supervise: the tier above is prompted to urge (催办).</summary>
    public const string UrgePrompt = "urge-prompt";
    /// <summary>Red (or an acknowledgement missed) under policy supervise: 超期预警 to the tier above.</summary>
    public const string OverdueFlag = "overdue-flag";
    /// <summary>Someone above urged the holder (催办): on the holder's own board.</summary>
    public const string Urged = "urged";
}
