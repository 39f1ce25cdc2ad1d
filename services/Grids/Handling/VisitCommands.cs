namespace Governance.Grids.Handling;

// Commands of the patrol log and the assessment (issue 15); the handler checks every field.

/// <summary>Start a patrol at <paramref name="UnitCode"/> (his home unit when left out).</summary>
public sealed record StartPatrol(string? UnitCode);

public sealed record TrackPointInput(double? Lat, double? Lng, string? At);

/// <summary>Points of the track the phone kept since it last sent some.</summary>
public sealed record AddTrackPoints(IReadOnlyList<TrackPointInput?>? Points);

/// <summary>The county's assessment weights, all of them (a PUT).</summary>
public sealed record SetAssessmentWeights(
    int? PatrolDay, int? CareVisitOnTime, int? CaseFound, int? SettledOnSpot, int? ResolvedOnTime, int? Satisfied,
    int? Dissatisfied, int? MissedDeadline);
