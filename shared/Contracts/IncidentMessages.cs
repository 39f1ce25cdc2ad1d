namespace Governance.Contracts;

// Events published by Incidents: the case's own life.

public sealed record IncidentFiled(
    Guid IncidentId, string UnitCode, Category Category, Grade Grade, string Title,
    string FiledBy, DateTimeOffset FiledAt);

public sealed record IncidentAccepted(Guid IncidentId, string By, DateTimeOffset At);

public sealed record IncidentResolved(Guid IncidentId, string By, string Note, DateTimeOffset At);

/// <summary>The reporter or grid worker checked the result. Not satisfied reopens the case on
/// its tier, and Dispatch starts that tier's clock again.</summary>
public sealed record IncidentVerified(Guid IncidentId, string By, bool Satisfied, string? Comment, DateTimeOffset At);

/// <summary>The handler asked to move the case one tier up, with a reason. Dispatch decides.</summary>
public sealed record EscalationRequested(Guid IncidentId, string By, string Reason, DateTimeOffset At);
