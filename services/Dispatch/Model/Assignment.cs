namespace Governance.Dispatch.Model;

/// <summary>Who handles a case, on which tier, until when (the case's current assignment).
/// StartedAt is when it arrived on this tier; AcknowledgeBy, YellowAt and DueAt are its clocks.</summary>
public sealed record Assignment(
    Guid IncidentId, string PlaceCode, Category Category, Grade Grade, Tier Tier, string UnitCode,
    DateTimeOffset DueAt, string Status, int Sequence, int PolicyVersion, DateTimeOffset? AcceptedAt,
    DateTimeOffset StartedAt, DateTimeOffset? AcknowledgeBy, DateTimeOffset YellowAt, DateTimeOffset? YellowWarnedAt,
    DateTimeOffset? SupervisedAt, string? LeadDepartmentCode)
{
    /// <summary>The same case arriving on a tier (routed, moved up or down, clock restarted).</summary>
    public Assignment OnTier(Tier tier, string unitCode, Routing.ClockTimes clocks, DateTimeOffset now, int sequence) => this with
    {
        Tier = tier, UnitCode = unitCode, DueAt = clocks.DueAt, AcknowledgeBy = clocks.AcknowledgeBy, YellowAt = clocks.YellowAt,
        StartedAt = now, Status = AssignmentStatus.Active, Sequence = sequence, AcceptedAt = null, YellowWarnedAt = null,
        // A department belongs to a tier's unit; a case that moves leaves it behind.
        LeadDepartmentCode = tier == Tier && unitCode == UnitCode ? LeadDepartmentCode : null,
    };
}

/// <summary>The states of an assignment's clock.</summary>
public static class AssignmentStatus
{
    /// <summary>The clock runs; when it passes the sweeper escalates or flags it, as the policy says.</summary>
    public const string Active = "active";
    /// <summary>Past its deadline and kept on its tier: flagged 超期预警 to the tier above (policy
    /// "supervise", or the county, which has nowhere higher to go). The case stays open with its unit.</summary>
    public const string Overdue = "overdue";
    /// <summary>The handler resolved it; the clock waits for verification.</summary>
    public const string Resolved = "resolved";
    /// <summary>Verified and closed.</summary>
    public const string Closed = "closed";
}

/// <summary>One move up a tier, with its reason and who moved it (null: recorded before actors were).</summary>
public sealed record Escalation(Tier FromTier, Tier ToTier, EscalationReason Reason, string? Note, DateTimeOffset At, string? By = null);
