namespace Governance.Incidents.Dashboard;

/// <summary>包案 under a unit: how many cases leaders took in hand in the period, how many are in their hands now
/// (being worked, or verified and waiting for the sign-off), and how they ended — signed off in the period (and of
/// those, how many with the satisfaction recorded at verification satisfied), or merged into another case.</summary>
public sealed record InHandFigures(long Taken, long Working, long AwaitingSignOff, long SignedOff, long SignedOffSatisfied, long Merged);

/// <summary>The figures of 包案, counted over cases_in_hand (a few per leader: no rollup needed) joined to the
/// cases' status; filtered by where the case was filed, as every dashboard figure.</summary>
public static class InHandFiguresStore
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private sealed class Row
    {
        public long? Taken { get; init; }
        public long? Working { get; init; }
        public long? AwaitingSignOff { get; init; }
        public long? SignedOff { get; init; }
        public long? SignedOffSatisfied { get; init; }
        public long? Merged { get; init; }
    }

    public static async Task<InHandFigures> FiguresAsync(DbSession c, DashboardScope scope)
    {
        var unit = scope.Level switch
        {
            UnitLevel.County => "1 = 1",
            UnitLevel.Township => "h.township_code = @Township",
            _ => "h.village_code = @Village",
        };
        var fromMs = new DateTimeOffset(scope.From.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUnixTimeMilliseconds();
        var toMs = new DateTimeOffset(scope.To.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUnixTimeMilliseconds();
        var row = await c.QuerySingleAsync<Row>($"""
            SELECT
              SUM(CASE WHEN h.taken_at_ms >= @fromMs AND h.taken_at_ms < @toMs THEN 1 ELSE 0 END) AS Taken,
              SUM(CASE WHEN i.status NOT IN ('verified', 'closed', 'merged') THEN 1 ELSE 0 END) AS Working,
              SUM(CASE WHEN i.status = 'verified' THEN 1 ELSE 0 END) AS AwaitingSignOff,
              SUM(CASE WHEN h.signed_off_at_ms >= @fromMs AND h.signed_off_at_ms < @toMs THEN 1 ELSE 0 END) AS SignedOff,
              SUM(CASE WHEN h.signed_off_at_ms >= @fromMs AND h.signed_off_at_ms < @toMs
                        AND i.satisfaction IN ('satisfied', 'basically-satisfied') THEN 1 ELSE 0 END) AS SignedOffSatisfied,
              SUM(CASE WHEN i.status = 'merged' THEN 1 ELSE 0 END) AS Merged
            FROM cases_in_hand h JOIN incidents i ON i.id = h.incident_id
            WHERE {unit}
            """, new { fromMs, toMs, scope.Township, scope.Village });
        return new InHandFigures(row.Taken ?? 0, row.Working ?? 0, row.AwaitingSignOff ?? 0, row.SignedOff ?? 0,
            row.SignedOffSatisfied ?? 0, row.Merged ?? 0);
    }
}
