namespace Governance.Contracts;

// Events published by Incidents: the case's own life.

/// <summary>A case was registered. <paramref name="ResolvedOnTheSpot"/>: the grid worker who filed it
/// settled it there and then (即知即办), so it is closed at the courtyard tier and needs no routing.</summary>
public sealed record IncidentFiled(
    Guid IncidentId, string UnitCode, Category Category, Grade Grade, string Title,
    string FiledBy, DateTimeOffset FiledAt, bool ResolvedOnTheSpot = false);

public sealed record IncidentAccepted(Guid IncidentId, string By, DateTimeOffset At);

public sealed record IncidentResolved(Guid IncidentId, string By, string Note, DateTimeOffset At);

/// <summary>Someone other than the handler checked the result. Solved closes the case; partly or not
/// solved reopens it on its tier; <paramref name="NotSolvedCount"/> counts the "not solved" answers so
/// far — at two, Dispatch moves the case up a tier.</summary>
public sealed record IncidentVerified(
    Guid IncidentId, string By, VerificationResult Result, Satisfaction? Satisfaction, string? Comment,
    int NotSolvedCount, DateTimeOffset At);

/// <summary>The handler asked to move the case one tier up, with a reason. Dispatch decides.</summary>
public sealed record EscalationRequested(Guid IncidentId, string By, string Reason, DateTimeOffset At);

/// <summary>The case's grade changed (by hand, or because reported casualties crossed a band of
/// State Council Order 493). Dispatch moves it up if the new grade starts above its tier.</summary>
public sealed record IncidentRegraded(Guid IncidentId, Grade From, Grade To, string Reason, string By, DateTimeOffset At);

/// <summary>Staff merged a duplicate into another case: the duplicate's clock stops; its reporters
/// are asked to verify the surviving case.</summary>
public sealed record IncidentMerged(Guid IncidentId, Guid IntoIncidentId, string By, DateTimeOffset At);

/// <summary>Village mediation (乡贤评理堂) reached no agreement: Dispatch sends the dispute to the
/// township, where the justice office (司法所) takes it.</summary>
public sealed record MediationFailed(Guid IncidentId, Guid SessionId, string By, DateTimeOffset At);

/// <summary>包案: a leader (联系点, or a county supervisor) took the case in hand, with his instructions if any.
/// The holders keep working it; once verified solved it waits for his sign-off.</summary>
public sealed record IncidentTakenInHand(Guid IncidentId, string By, string? Instructions, DateTimeOffset At);

/// <summary>The leader who took the case in hand signed it off after verification: the case is closed.</summary>
public sealed record IncidentSignedOff(Guid IncidentId, string By, string? Note, DateTimeOffset At);
