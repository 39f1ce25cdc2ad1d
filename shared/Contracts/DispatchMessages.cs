namespace Governance.Contracts;

// Events published by Dispatch: who handles a case, on which tier, until when.
// Sequence counts assignments of one case (1 = routed, 2 = first move, ...), so a consumer that sees
// them out of order keeps the newest.

public sealed record IncidentRouted(
    Guid IncidentId, int Sequence, Tier Tier, string HandlingUnitCode, DateTimeOffset DueAt,
    int PolicyVersion, DateTimeOffset RoutedAt);

public sealed record IncidentEscalated(
    Guid IncidentId, int Sequence, Tier FromTier, Tier ToTier, string HandlingUnitCode,
    DateTimeOffset DueAt, EscalationReason Reason, string? Note, DateTimeOffset EscalatedAt);

/// <summary>The township command centre sent a case back down to the village, which can settle it.</summary>
public sealed record IncidentReturned(
    Guid IncidentId, int Sequence, Tier FromTier, Tier ToTier, string HandlingUnitCode,
    DateTimeOffset DueAt, string Reason, string By, DateTimeOffset At);

/// <summary>A county-tier case passed its deadline. The county is the top: it is flagged for
/// supervision (督办) instead of escalating.</summary>
public sealed record IncidentFlaggedOverdue(
    Guid IncidentId, Tier Tier, string HandlingUnitCode, DateTimeOffset FlaggedAt);

/// <summary>The county put a case under supervision (督办).</summary>
public sealed record IncidentSupervised(Guid IncidentId, string By, string Note, DateTimeOffset At);

/// <summary>A department called in by the command centre, with its own deadline.</summary>
public sealed record DepartmentAssignment(string DepartmentCode, DateTimeOffset DueAt);

/// <summary>The command centre gave the case to a lead department, with co-handlers (吹哨报到:
/// the lead owns the case; each co-handler has its own deadline).</summary>
public sealed record IncidentDepartmentsAssigned(
    Guid IncidentId, string LeadDepartmentCode, IReadOnlyList<DepartmentAssignment> CoHandlers, string By, DateTimeOffset At);

/// <summary>红黄牌: yellow when the configured share of a deadline is used, red when it passed.</summary>
public sealed record DeadlineWarning(
    Guid IncidentId, Tier Tier, string HandlingUnitCode, Category Category, Grade Grade, WarningLevel Level,
    DateTimeOffset DueAt, DateTimeOffset At);
