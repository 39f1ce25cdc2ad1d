namespace Governance.Incidents.Dashboard;

/// <summary>The monthly report's sums, per village, over the rollups only (never the cases): a county month is
/// at most days × villages × categories rows of the village rollup, and fewer of the others.</summary>
public static class ReportStore
{
    public sealed class VillageSums
    {
        public string Township { get; init; } = default!;
        public string Village { get; init; } = default!;
        public long Filed { get; init; }
        public long Closed { get; init; }
        public long ClosedInVillage { get; init; }
        public long ClosedInTownship { get; init; }
        public long ClosedOnTime { get; init; }
        public long SatisfactionAnswers { get; init; }
        public long Satisfied { get; init; }
        public long ResidentAnswers { get; init; }
        public long ResidentSatisfied { get; init; }
    }

    /// <summary>A count per village and key (a reason, or a measure and bucket).</summary>
    public sealed class KeyedCount
    {
        public string Village { get; init; } = default!;
        public string Key { get; init; } = default!;
        public int Bucket { get; init; }
        public long Count { get; init; }
    }

    public static async Task<IReadOnlyList<VillageSums>> VillagesAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<VillageSums>($"""
            SELECT township_code AS Township, village_code AS Village, {DashboardStore.HeadlineSums}
            FROM rollup_village_daily WHERE {scope.Where} GROUP BY township_code, village_code
            """, scope)).ToList();

    public static async Task<IReadOnlyList<KeyedCount>> EscalationsAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<KeyedCount>($"""
            SELECT village_code AS Village, reason AS Key, 0 AS Bucket, SUM(escalations) AS Count
            FROM rollup_escalations_daily WHERE {scope.Where} GROUP BY village_code, reason
            """, scope)).ToList();

    public static async Task<IReadOnlyList<KeyedCount>> DurationsAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<KeyedCount>($"""
            SELECT village_code AS Village, measure AS Key, bucket AS Bucket, SUM(cases) AS Count
            FROM rollup_durations_daily WHERE {scope.Where} GROUP BY village_code, measure, bucket
            """, scope)).ToList();

    /// <summary>Open cases past their deadline now, per village (the open counters: a figure of now, not of the month).</summary>
    public static async Task<IReadOnlyList<KeyedCount>> OverdueNowAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<KeyedCount>($"""
            SELECT village_code AS Village, township_code AS Key, 0 AS Bucket, SUM(overdue_cases) AS Count
            FROM open_counters WHERE {scope.WhereNow} GROUP BY village_code, township_code
            """, scope)).ToList();
}
