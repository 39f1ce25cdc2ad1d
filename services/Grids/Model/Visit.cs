using System.Text.Json.Serialization;

namespace Governance.Grids.Model;

/// <summary>What kind of going-out a visit is: a patrol (with a track), a care visit or a leader's visit (single
/// moments, docs/assessment.md "One visit model").</summary>
[JsonConverter(typeof(CodeConverter<VisitKind>))]
public enum VisitKind
{
    [JsonStringEnumMemberName("patrol")] Patrol,
    [JsonStringEnumMemberName("care")] Care,
    [JsonStringEnumMemberName("leader")] Leader,
}

/// <summary>What was done during a visit.</summary>
[JsonConverter(typeof(CodeConverter<VisitLinkKind>))]
public enum VisitLinkKind
{
    [JsonStringEnumMemberName("care-visit")] CareVisit,
    [JsonStringEnumMemberName("case")] Case,
}

/// <summary>A person out in his units (巡查/走访): from its start until its end (open while
/// <see cref="EndedAt"/> is null), at the unit he patrols (his home unit unless he names one of his).
/// <see cref="EndedBy"/> is the person, or <see cref="PatrolIdleEnd.Actor"/> for a patrol forgotten open.</summary>
public sealed record Visit(
    Guid Id, VisitKind Kind, string PersonId, string UnitCode, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    int PointCount, DateTimeOffset? LastPointAt, long Version, string? EndedBy = null)
{
    public bool IsOpen => EndedAt is null;

    /// <summary>Ended by the system at its last sign of life, not by its person (a patrol forgotten open).</summary>
    public bool EndedAutomatically => EndedBy == PatrolIdleEnd.Actor;

    /// <summary>Whether something done at <paramref name="at"/> happened during the visit.</summary>
    public bool Covers(DateTimeOffset at) => at >= StartedAt && (EndedAt is null || at <= EndedAt);
}

/// <summary>A point of a visit's track (WGS-84, as the browser gives it).</summary>
public sealed record TrackPoint(DateTimeOffset At, double Lat, double Lng);

public sealed record VisitLink(VisitLinkKind Kind, Guid Id, DateTimeOffset At);

/// <summary>A visit with its track and what was done during it.</summary>
public sealed record VisitDetail(Visit Visit, IReadOnlyList<TrackPoint> Track, IReadOnlyList<VisitLink> Links);
