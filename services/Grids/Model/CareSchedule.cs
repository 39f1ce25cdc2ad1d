namespace Governance.Grids.Model;

/// <summary>When a care subject is next due a visit: the last visit (or, before the first, the
/// registration) plus the frequency. Overdue once that moment has passed.</summary>
public static class CareSchedule
{
    public const int MaxEveryDays = 366;

    public static DateTimeOffset DueAt(DateTimeOffset registeredAt, DateTimeOffset? lastVisitAt, int everyDays) =>
        (lastVisitAt ?? registeredAt) + TimeSpan.FromDays(everyDays);

    public static bool IsOverdue(DateTimeOffset dueAt, DateTimeOffset now) => dueAt < now;

    /// <summary>A visit recorded late (entered after a later one) must not pull the last visit back.</summary>
    public static DateTimeOffset LastVisit(DateTimeOffset? previous, DateTimeOffset visitedAt) =>
        previous is { } p && p > visitedAt ? p : visitedAt;

    /// <summary>The frequency a kind of subject gets when none is given: weekly for the elderly
    /// living alone, fortnightly for children and the disabled, monthly for assistance.</summary>
    public static int DefaultEveryDays(CareSubjectKind kind) => kind switch
    {
        CareSubjectKind.ElderlyAlone => 7,
        CareSubjectKind.LeftBehindChild or CareSubjectKind.Disabled => 14,
        _ => 30,
    };
}
