namespace Governance.Incidents.Dashboard;

/// <summary>Which part of the county a question is about, and for which days (China-local, inclusive).</summary>
public sealed record DashboardScope(string UnitCode, UnitLevel Level, DateOnly From, DateOnly To)
{
    public int FromDay => From.Year * 10000 + From.Month * 100 + From.Day;
    public int ToDay => To.Year * 10000 + To.Month * 100 + To.Day;
    public string? Township => Level == UnitLevel.Township ? UnitCode : null;
    public string? Village => Level == UnitLevel.Village ? UnitCode : null;

    /// <summary>The filter every query over a daily rollup shares: the period and the unit's subtree.</summary>
    public string Where => UnitCondition is { } unit ? $"day BETWEEN @FromDay AND @ToDay AND {unit}" : "day BETWEEN @FromDay AND @ToDay";

    /// <summary>The unit's subtree, for the figures of now (open counters).</summary>
    public string WhereNow => UnitCondition ?? "1 = 1";

    /// <summary>The day × unit × category rollup to sum: a village's few rows, or, for the county and a
    /// township, the township rollup — at county size the village rollup holds almost a row per case,
    /// so a county month there is ~100 k rows against ~9 k here (deploy/benchmark-history.md).</summary>
    public string DailyRollup => Level == UnitLevel.Village ? "rollup_village_daily" : "rollup_township_daily";

    // One SQL text per level rather than "(@Township IS NULL OR township_code = @Township)": the
    // services prepare their statements (Max Auto Prepare), and a prepared statement's generic plan
    // for such an OR cannot pick the index the unit at hand needs.
    private string? UnitCondition => Level switch
    {
        UnitLevel.County => null,
        UnitLevel.Township => "township_code = @Township",
        _ => "village_code = @Village",
    };
}

/// <summary>The period's figures. SatisfactionAnswers/Satisfied: what staff recorded at verification;
/// ResidentAnswers/ResidentSatisfied: residents' own 回访 answers (群众满意率).</summary>
public sealed record Headline(long Filed, long Closed, long ClosedInVillage, long ClosedInTownship, long ClosedOnTime, long SatisfactionAnswers, long Satisfied,
    long ResidentAnswers, long ResidentSatisfied);

/// <summary>The dashboard's queries: sums over the rollups, never over the cases.</summary>
public static class DashboardStore
{
    private sealed class HeadlineRow
    {
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

    private sealed class TierRow
    {
        public string Tier { get; init; } = default!;
        public long Open { get; init; }
        public long Overdue { get; init; }
    }

    private sealed class DayRow
    {
        public int Day { get; init; }
        public long Filed { get; init; }
        public long Closed { get; init; }
    }

    private sealed class CountRow
    {
        public string Key { get; init; } = default!;
        public long Count { get; init; }
    }

    private sealed class ChildRow
    {
        public string Code { get; init; } = default!;
        public long Filed { get; init; }
        public long Closed { get; init; }
        public long ClosedInVillage { get; init; }
        public long ClosedInTownship { get; init; }
    }

    /// <summary>The headline counters summed (the monthly report sums them per village too).</summary>
    internal const string HeadlineSums = """
        COALESCE(SUM(filed), 0) AS Filed, COALESCE(SUM(closed), 0) AS Closed, COALESCE(SUM(closed_in_village), 0) AS ClosedInVillage,
        COALESCE(SUM(closed_in_township), 0) AS ClosedInTownship, COALESCE(SUM(closed_on_time), 0) AS ClosedOnTime,
        COALESCE(SUM(satisfaction_answers), 0) AS SatisfactionAnswers, COALESCE(SUM(satisfied), 0) AS Satisfied,
        COALESCE(SUM(resident_answers), 0) AS ResidentAnswers, COALESCE(SUM(resident_satisfied), 0) AS ResidentSatisfied
        """;

    public static async Task<Headline> HeadlineAsync(DbSession session, DashboardScope scope)
    {
        var r = await session.QuerySingleAsync<HeadlineRow>($"SELECT {HeadlineSums} FROM {scope.DailyRollup} WHERE {scope.Where}", scope);
        return new Headline(r.Filed, r.Closed, r.ClosedInVillage, r.ClosedInTownship, r.ClosedOnTime, r.SatisfactionAnswers, r.Satisfied,
            r.ResidentAnswers, r.ResidentSatisfied);
    }

    public static async Task<IReadOnlyDictionary<string, (long Open, long Overdue)>> OpenByTierAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<TierRow>($"""
            SELECT tier AS Tier, SUM(open_cases) AS Open, SUM(overdue_cases) AS Overdue FROM open_counters
            WHERE {scope.WhereNow} GROUP BY tier
            """, scope)).ToDictionary(r => r.Tier, r => (r.Open, r.Overdue));

    public static async Task<IReadOnlyList<(int Day, long Filed, long Closed)>> TrendAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<DayRow>($"""
            SELECT day AS Day, SUM(filed) AS Filed, SUM(closed) AS Closed FROM {scope.DailyRollup}
            WHERE {scope.Where} GROUP BY day ORDER BY day
            """, scope)).Select(r => (r.Day, r.Filed, r.Closed)).ToList();

    public static async Task<IReadOnlyList<(string Key, long Count)>> EscalationsByAsync(DbSession session, DashboardScope scope, string column) =>
        (await session.QueryAsync<CountRow>($"""
            SELECT {column} AS Key, SUM(escalations) AS Count FROM rollup_escalations_daily
            WHERE {scope.Where} GROUP BY {column} ORDER BY SUM(escalations) DESC
            """, scope)).Select(r => (r.Key, r.Count)).ToList();

    /// <summary>Figures per child unit: townships of the county (from the township rollup), villages of
    /// a township (from the village rollup, which has them).</summary>
    public static async Task<IReadOnlyList<(string Code, long Filed, long Closed, long InVillage, long InTownship)>> ChildrenAsync(
        DbSession session, DashboardScope scope, string childColumn)
    {
        var rollup = childColumn == "township_code" ? "rollup_township_daily" : "rollup_village_daily";
        return (await session.QueryAsync<ChildRow>($"""
            SELECT {childColumn} AS Code, SUM(filed) AS Filed, SUM(closed) AS Closed, SUM(closed_in_village) AS ClosedInVillage,
                   SUM(closed_in_township) AS ClosedInTownship
            FROM {rollup} WHERE {scope.Where} GROUP BY {childColumn}
            """, scope)).Select(r => (r.Code, r.Filed, r.Closed, r.ClosedInVillage, r.ClosedInTownship)).ToList();
    }

    public static async Task<IReadOnlyDictionary<string, (long Open, long Overdue)>> OpenByChildAsync(DbSession session, DashboardScope scope, string childColumn) =>
        (await session.QueryAsync<TierRow>($"""
            SELECT {childColumn} AS Tier, SUM(open_cases) AS Open, SUM(overdue_cases) AS Overdue FROM open_counters
            WHERE {scope.WhereNow} GROUP BY {childColumn}
            """, scope)).ToDictionary(r => r.Tier, r => (r.Open, r.Overdue));

    /// <summary>Cases filed per grid (the hot-spot map).</summary>
    public static async Task<IReadOnlyList<(string GridCode, long Filed)>> HotspotsAsync(DbSession session, DashboardScope scope) =>
        (await session.QueryAsync<CountRow>($"""
            SELECT grid_code AS Key, SUM(filed) AS Count FROM rollup_grid_daily
            WHERE {scope.Where} GROUP BY grid_code ORDER BY SUM(filed) DESC
            """, scope)).Select(r => (r.Key, r.Count)).ToList();
}
