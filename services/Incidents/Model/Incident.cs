using Governance.Contracts;

namespace Governance.Incidents.Model;

public sealed record Location(double Lat, double Lng);

/// <summary>A case: what, where, who reported it, and where it stands now.</summary>
public sealed record Incident(
    Guid Id, string UnitCode, Category Category, Grade Grade, string Title, string Description, Location? Location,
    IncidentStatus Status, Tier? Tier, string? HandlingUnitCode, DateTimeOffset? DueAt, int AssignmentSequence,
    DateTimeOffset? FlaggedOverdueAt, string ReportedBy, DateTimeOffset FiledAt, DateTimeOffset UpdatedAt);

/// <summary>One step of the case's life: when, who, what, on which tier and unit, and why.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, Tier? Tier, string? UnitCode, string? Reason);

/// <summary>The timeline's action codes.</summary>
public static class TimelineAction
{
    public const string Filed = "filed";
    public const string Assigned = "assigned";
    public const string Escalated = "escalated";
    public const string FlaggedOverdue = "flagged-overdue";
    public const string Accepted = "accepted";
    public const string Resolved = "resolved";
    public const string EscalationRequested = "escalation-requested";
    public const string Verified = "verified";
    public const string Reopened = "reopened";
}
