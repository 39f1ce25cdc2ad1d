namespace Governance.Contracts;

// Events published by Dispatch: who handles a case, on which tier, until when.
// Sequence counts assignments of one case (1 = routed, 2 = first move, ...), so a consumer that sees
// them out of order keeps the newest.
// By names who took the step: the person (the token's subject) or "system:<job>" for an automatic
// step. It was added after the first release as a last parameter with a default, so a message from an
// older Dispatch reads with By = null; consumers then write "system:dispatch".

/// <param name="WeekdaysOnlyYear">The year the working-day deadline ran into without an announced calendar: it was
/// counted Monday to Friday there (null: counted with the calendar, or in natural time).</param>
public sealed record IncidentRouted(
    Guid IncidentId, int Sequence, Tier Tier, string HandlingUnitCode, DateTimeOffset DueAt,
    int PolicyVersion, DateTimeOffset RoutedAt, string? By = null, int? WeekdaysOnlyYear = null);

public sealed record IncidentEscalated(
    Guid IncidentId, int Sequence, Tier FromTier, Tier ToTier, string HandlingUnitCode,
    DateTimeOffset DueAt, EscalationReason Reason, string? Note, DateTimeOffset EscalatedAt, string? By = null, int? WeekdaysOnlyYear = null);

/// <summary>The township command centre sent a case back down to the village, which can settle it.</summary>
public sealed record IncidentReturned(
    Guid IncidentId, int Sequence, Tier FromTier, Tier ToTier, string HandlingUnitCode,
    DateTimeOffset DueAt, string Reason, string By, DateTimeOffset At, int? WeekdaysOnlyYear = null);

/// <summary>超期预警: a clock of the case ran out and the case stays where it is (policy "supervise", or
/// the county, which is the top). It is flagged to the tier above (<paramref name="FlaggedToTier"/>,
/// <paramref name="FlaggedToUnitCode"/>; the county itself for a county case), whose people may
/// supervise it (督办), take it over or pull it up; the miss counts against <paramref name="HandlingUnitCode"/>.
/// Before onMissedDeadline existed only the county flagged, for either clock, and the message had the
/// first four fields: a null <paramref name="Clock"/> reads as a resolution deadline.</summary>
public sealed record IncidentFlaggedOverdue(
    Guid IncidentId, Tier Tier, string HandlingUnitCode, DateTimeOffset FlaggedAt,
    Tier? FlaggedToTier = null, string? FlaggedToUnitCode = null, DeadlineKind? Clock = null, int? Sequence = null, string? By = null);

/// <summary>A person above the holder put a case under supervision (督办).</summary>
public sealed record IncidentSupervised(Guid IncidentId, string By, string Note, DateTimeOffset At);

/// <summary>A person above the holder urged it (催办): recorded against the holder, shown on its board.</summary>
public sealed record IncidentUrged(
    Guid IncidentId, int Sequence, Tier Tier, string HandlingUnitCode, string Note, string By, DateTimeOffset At);

/// <summary>A tier above the place that does not hold the case is shown it at once (grade I and II).</summary>
public sealed record NotifiedUnit(Tier Tier, string UnitCode);

/// <summary>A grade I or II case was shown to every tier above its place (on routing, or on a re-grade
/// into grade II or I): each of <paramref name="Units"/> has it on its board and on the timeline.</summary>
public sealed record IncidentNotifiedAbove(Guid IncidentId, Grade Grade, IReadOnlyList<NotifiedUnit> Units, string By, DateTimeOffset At);

/// <summary>A department called in by the command centre, with its own deadline.</summary>
public sealed record DepartmentAssignment(string DepartmentCode, DateTimeOffset DueAt);

/// <summary>The command centre gave the case to a lead department, with co-handlers (吹哨报到:
/// the lead owns the case; each co-handler has its own deadline). Department codes are the ids of
/// Grids' departments.</summary>
public sealed record IncidentDepartmentsAssigned(
    Guid IncidentId, string LeadDepartmentCode, IReadOnlyList<DepartmentAssignment> CoHandlers, string By, DateTimeOffset At);

/// <summary>A department called in reported for duty on the case (报到).</summary>
public sealed record DepartmentCheckedIn(
    Guid IncidentId, string DepartmentCode, DepartmentRole Role, Tier Tier, string HandlingUnitCode, string By, DateTimeOffset At);

/// <summary>A department called in fed back on its part (反馈); <paramref name="Finished"/> ends its part;
/// <paramref name="Late"/>: after its own deadline.</summary>
public sealed record DepartmentFedBack(
    Guid IncidentId, string DepartmentCode, DepartmentRole Role, Tier Tier, string HandlingUnitCode, string Note, bool Finished,
    bool Late, string By, DateTimeOffset At);

/// <summary>红黄牌: yellow when the configured share of a deadline is used, red when it passed.
/// <paramref name="OnMissed"/>: what the policy does about it (null from an older Dispatch: escalate).</summary>
public sealed record DeadlineWarning(
    Guid IncidentId, Tier Tier, string HandlingUnitCode, Category Category, Grade Grade, WarningLevel Level,
    DateTimeOffset DueAt, DateTimeOffset At, MissedDeadlineAction? OnMissed = null, string? By = null);
