namespace Governance.Grids.Data;

/// <summary>The assessment's figures from Grids' own tables: patrol days and care visits on time,
/// per person, in one month.</summary>
public static class WorkFigureStore
{
    private sealed class PatrolRow
    {
        public string PersonId { get; init; } = default!;
        public long StartedAtMs { get; init; }
    }

    private sealed class CareRow
    {
        public string VisitedBy { get; init; } = default!;
        public Guid SubjectId { get; init; }
        public long VisitedAtMs { get; init; }
        public long RegisteredAtMs { get; init; }
        public int VisitEveryDays { get; init; }
        public long? PreviousAtMs { get; init; }
    }

    /// <summary>Days (China-local) on which each person started a patrol in the month.</summary>
    public static async Task<Dictionary<string, int>> PatrolDaysAsync(DbSession session, AssessmentMonth month)
    {
        var rows = await session.QueryAsync<PatrolRow>(
            "SELECT person_id AS PersonId, started_at_ms AS StartedAtMs FROM visits WHERE kind = 'patrol' AND started_at_ms >= @from AND started_at_ms < @to",
            new { from = month.Start.ToUnixTimeMilliseconds(), to = month.End.ToUnixTimeMilliseconds() });
        return rows.GroupBy(r => r.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key,
            g => g.Select(r => AssessmentMonth.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(r.StartedAtMs))).Distinct().Count(), StringComparer.Ordinal);
    }

    /// <summary>Each visitor's care visits in the month, and how many of them were on time: made by the
    /// date the subject was due (the previous visit, or the registration, plus the subject's frequency).</summary>
    public static async Task<Dictionary<string, (int Visits, int OnTime)>> CareVisitsAsync(DbSession session, AssessmentMonth month)
    {
        // A care visit is a row of visits, kind care, at the moment it was made (started_at_ms, which ended_at_ms equals).
        var rows = await session.QueryAsync<CareRow>("""
            SELECT v.person_id AS VisitedBy, v.subject_id AS SubjectId, v.started_at_ms AS VisitedAtMs, s.registered_at_ms AS RegisteredAtMs,
                   s.visit_every_days AS VisitEveryDays,
                   (SELECT MAX(p.started_at_ms) FROM visits p
                    WHERE p.subject_id = v.subject_id AND p.kind = 'care' AND p.started_at_ms < v.started_at_ms) AS PreviousAtMs
            FROM visits v JOIN care_subjects s ON s.id = v.subject_id
            WHERE v.kind = 'care' AND v.started_at_ms >= @from AND v.started_at_ms < @to
            """, new { from = month.Start.ToUnixTimeMilliseconds(), to = month.End.ToUnixTimeMilliseconds() });
        var seen = rows.Select(r => new CareVisitSeen(r.VisitedBy, r.SubjectId, DateTimeOffset.FromUnixTimeMilliseconds(r.VisitedAtMs),
            AssessmentMonth.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(r.VisitedAtMs)),
            r.VisitEveryDays,
            r.VisitedAtMs <= CareSchedule.DueAt(DateTimeOffset.FromUnixTimeMilliseconds(r.RegisteredAtMs),
                r.PreviousAtMs is { } p ? DateTimeOffset.FromUnixTimeMilliseconds(p) : null, r.VisitEveryDays).ToUnixTimeMilliseconds()));
        return CareVisitCredit.Count(seen, (month.End - month.Start).Days);
    }
}
