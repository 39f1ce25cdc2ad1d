namespace Governance.Grids.Handling;

// Commands of leaders and their visits (issue 16 item 1, 下沉走访); the handlers check every field.

/// <summary>Give a person a leader post (or change it): the post, the units he is linked to, and his visit
/// plan (every <paramref name="VisitEveryDays"/> days at <paramref name="PlanUnits"/>, his linked units unless
/// told; no plan without VisitEveryDays).</summary>
public sealed record SetLeaderPost(string? Post, IReadOnlyList<string?>? LinkedUnits, int? VisitEveryDays, IReadOnlyList<string?>? PlanUnits);

/// <summary>Something a leader's visit found; with <paramref name="Incident"/> it is filed as a case on the spot.</summary>
public sealed record LeaderFindingInput(string? Text, LeaderVisitIncident? Incident);

/// <summary>A case a leader's finding files, at a grid or courtyard (the visit's unit when that is one).</summary>
public sealed record LeaderVisitIncident(string? UnitCode, string? Category, string? Grade, string? Title, string? Description)
{
    public VisitIncident Case => new(Category, Grade, Title, Description);
}

/// <summary>A leader's visit at <paramref name="UnitCode"/> (a unit he is linked to, or below), optionally at a point.</summary>
public sealed record RecordLeaderVisit(string? UnitCode, double? Lat, double? Lng, string? VisitedAt, string? Met, IReadOnlyList<LeaderFindingInput?>? Findings);
