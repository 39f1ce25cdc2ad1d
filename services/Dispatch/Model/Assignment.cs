using Governance.Contracts;

namespace Governance.Dispatch.Model;

/// <summary>Who handles a case, on which tier, until when (the case's current assignment).</summary>
public sealed record Assignment(
    Guid IncidentId, string PlaceCode, Category Category, Grade Grade, Tier Tier, string UnitCode,
    DateTimeOffset DueAt, string Status, int Sequence, int PolicyVersion, DateTimeOffset? AcceptedAt);

/// <summary>The states of an assignment's clock.</summary>
public static class AssignmentStatus
{
    /// <summary>The clock runs; the sweeper escalates when it passes.</summary>
    public const string Active = "active";
    /// <summary>A county-tier case past its deadline: flagged for supervision (督办), nowhere higher to go.</summary>
    public const string Overdue = "overdue";
    /// <summary>The handler resolved it; the clock waits for verification.</summary>
    public const string Resolved = "resolved";
    /// <summary>Verified and closed.</summary>
    public const string Closed = "closed";
}

/// <summary>One move up a tier, with its reason.</summary>
public sealed record Escalation(Tier FromTier, Tier ToTier, EscalationReason Reason, string? Note, DateTimeOffset At);
