namespace Governance.Contracts;

// Events published by Dispatch: who handles a case, on which tier, until when.
// Sequence counts assignments of one case (1 = routed, 2 = first escalation, ...), so a
// consumer that sees them out of order keeps the newest.

public sealed record IncidentRouted(
    Guid IncidentId, int Sequence, Tier Tier, string HandlingUnitCode, DateTimeOffset DueAt,
    int PolicyVersion, DateTimeOffset RoutedAt);

public sealed record IncidentEscalated(
    Guid IncidentId, int Sequence, Tier FromTier, Tier ToTier, string HandlingUnitCode,
    DateTimeOffset DueAt, EscalationReason Reason, string? Note, DateTimeOffset EscalatedAt);

/// <summary>A county-tier case passed its deadline. The county is the top: it is flagged for
/// supervision (督办) instead of escalating.</summary>
public sealed record IncidentFlaggedOverdue(
    Guid IncidentId, Tier Tier, string HandlingUnitCode, DateTimeOffset FlaggedAt);
