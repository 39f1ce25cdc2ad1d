namespace Governance.Dispatch.Live;

/// <summary>
/// Something happened to a case that a board may show differently now: it arrived, moved, got a
/// yellow or red card, a department, a supervision flag, or was accepted, resolved or verified.
/// A board reloads its queue when one reaches it; the event says what and where, not the whole case.
/// </summary>
/// <param name="Kind">routed, escalated, returned, warning, departments-assigned, flagged-overdue,
/// supervised, urged, notified-above, department-checked-in, department-feedback, accepted, resolved, verified.</param>
/// <param name="PlaceCode">Where the case is (its courtyard or grid).</param>
public sealed record LiveEvent(
    string Kind, Guid IncidentId, string PlaceCode, Tier? Tier, string? HandlingUnitCode, WarningLevel? Warning,
    DateTimeOffset At);
