namespace Governance.Incidents.Dashboard;

/// <summary>What 比学赶超 and the repeat places read: the rollups per child unit and per lead department, the
/// overdue cases now, and the last 90 days of cases by place and category.</summary>
public static class RankingStore
{
    public sealed class Figures
    {
        public string Code { get; init; } = default!;
        public long Closed { get; init; }
        public long ClosedOnTime { get; init; }
        public long SatisfactionAnswers { get; init; }
        public long Satisfied { get; init; }
        public long ResidentAnswers { get; init; }
        public long ResidentSatisfied { get; init; }
    }

    public sealed class Place
    {
        public string UnitCode { get; init; } = default!;
        public string Category { get; init; } = default!;
        public long Cases { get; init; }
        public long LastFiledAtMs { get; init; }
    }

    private const string Sums = """
        SUM(closed) AS Closed, SUM(closed_on_time) AS ClosedOnTime, SUM(satisfaction_answers) AS SatisfactionAnswers,
        SUM(satisfied) AS Satisfied, SUM(resident_answers) AS ResidentAnswers, SUM(resident_satisfied) AS ResidentSatisfied
        """;

    /// <summary>The county's townships (township rollup) or a township's villages (village rollup).</summary>
    public static async Task<IReadOnlyList<Figures>> ChildrenAsync(DbSession session, DashboardScope scope)
    {
        var (column, rollup) = scope.Level == UnitLevel.County ? ("township_code", "rollup_township_daily") : ("village_code", "rollup_village_daily");
        return (await session.QueryAsync<Figures>(
            $"SELECT {column} AS Code, {Sums} FROM {rollup} WHERE {scope.Where} GROUP BY {column}", scope)).ToList();
    }

    /// <summary>Lead departments of the county's or a township's cases.</summary>
    public static async Task<IReadOnlyList<Figures>> DepartmentsAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<Figures>(
            $"SELECT department_code AS Code, {Sums} FROM rollup_department_daily WHERE {scope.Where} GROUP BY department_code", scope)).ToList();

    /// <summary>Open cases past their deadline now, per lead department (a partial index holds just these).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> DepartmentsOverdueAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<(string Code, long Count)>($"""
            SELECT lead_department_code AS Code, COUNT(*) AS Count FROM incidents
            WHERE overdue = 1 AND lead_department_code IS NOT NULL AND status NOT IN ('closed', 'merged') AND {scope.WhereNow}
            GROUP BY lead_department_code
            """, scope)).ToDictionary(r => r.Code, r => r.Count);

    /// <summary>Places with at least <paramref name="threshold"/> cases of one category filed since <paramref name="sinceMs"/>.</summary>
    public static async Task<IReadOnlyList<Place>> RepeatPlacesAsync(DbSession session, DashboardScope scope, long sinceMs, long untilMs, int threshold) =>
        (await session.QueryAsync<Place>($"""
            SELECT unit_code AS UnitCode, category AS Category, COUNT(*) AS Cases, MAX(filed_at_ms) AS LastFiledAtMs FROM incidents
            WHERE filed_at_ms >= @SinceMs AND filed_at_ms < @UntilMs AND status <> 'merged' AND {scope.WhereNow}
            GROUP BY unit_code, category HAVING COUNT(*) >= @Threshold
            ORDER BY COUNT(*) DESC, unit_code, category
            """, new { SinceMs = sinceMs, UntilMs = untilMs, Threshold = threshold, scope.Township, scope.Village })).ToList();
}
