namespace Governance.Incidents.Dashboard;

/// <summary>
/// 统计报表: one line per unit — the unit asked for first, then each township (for the county) with its villages
/// after it. Everything is summed per village from the rollups (<see cref="ReportStore"/>) and added up here, so
/// a township's line is exactly the sum of its villages' and the county's of its townships'.
/// Rates are of the cases closed in the month (on time, 小事不出村, 大事不出镇) or of the answers given in it.
/// </summary>
public static class MonthlyReport
{
    /// <param name="ClosedLate">Closed in the month but not on time (超期办结): a deadline was missed on the way.</param>
    /// <param name="OverdueNow">Open and past the deadline at the moment the report is read (当前超期), whatever the month.</param>
    /// <param name="EscalationsByReason">Cases that left a tier in the month, by reason code.</param>
    /// <param name="AcceptMedianHours">Time to accept (签收) in hours, median: the upper bound of its bucket (<see cref="Durations"/>).</param>
    public sealed record Line(string UnitCode, string? Name, UnitLevel Level, string? ParentCode, long Filed, long Closed, long ClosedOnTime,
        double? OnTimeRate, double? VillageContainmentRate, double? TownshipContainmentRate, double? StaffSatisfactionRate,
        double? ResidentSatisfactionRate, long Escalations, IReadOnlyDictionary<string, long> EscalationsByReason,
        double? AcceptMedianHours, double? AcceptP90Hours, double? ResolveMedianHours, double? ResolveP90Hours, long ClosedLate, long OverdueNow);

    public sealed record Report(string UnitCode, string Month, IReadOnlyList<Line> Lines);

    /// <summary>A village's or a sum's counters, before they become a line.</summary>
    private sealed record Sums(long Filed, long Closed, long InVillage, long InTownship, long OnTime, long Answers, long Satisfied,
        long ResidentAnswers, long ResidentSatisfied, long Overdue, Dictionary<string, long> Reasons, long[] Accept, long[] Resolve)
    {
        public static Sums Zero() => new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new(), new long[Durations.Buckets], new long[Durations.Buckets]);

        public Sums Plus(Sums o)
        {
            var reasons = new Dictionary<string, long>(Reasons);
            foreach (var (k, v) in o.Reasons) reasons[k] = reasons.GetValueOrDefault(k) + v;
            return new(Filed + o.Filed, Closed + o.Closed, InVillage + o.InVillage, InTownship + o.InTownship, OnTime + o.OnTime,
                Answers + o.Answers, Satisfied + o.Satisfied, ResidentAnswers + o.ResidentAnswers, ResidentSatisfied + o.ResidentSatisfied,
                Overdue + o.Overdue, reasons, Accept.Zip(o.Accept, (a, b) => a + b).ToArray(), Resolve.Zip(o.Resolve, (a, b) => a + b).ToArray());
        }
    }

    /// <param name="units">Names and parents of the units on the report (the scope's unit, its townships and villages).</param>
    public static IReadOnlyList<Line> Lines(DashboardScope scope, IReadOnlyList<ReportStore.VillageSums> villages,
        IReadOnlyList<ReportStore.KeyedCount> escalations, IReadOnlyList<ReportStore.KeyedCount> durations,
        IReadOnlyList<ReportStore.KeyedCount> overdueNow, IReadOnlyDictionary<string, (string Name, UnitLevel Level, string? Parent)> units)
    {
        var byVillage = new Dictionary<string, (string Township, Sums Sums)>();
        Sums Of(string village) => byVillage.TryGetValue(village, out var v) ? v.Sums : Sums.Zero();
        foreach (var v in villages)
            byVillage[v.Village] = (v.Township, Sums.Zero() with
            {
                Filed = v.Filed, Closed = v.Closed, InVillage = v.ClosedInVillage, InTownship = v.ClosedInTownship, OnTime = v.ClosedOnTime,
                Answers = v.SatisfactionAnswers, Satisfied = v.Satisfied, ResidentAnswers = v.ResidentAnswers,
                ResidentSatisfied = v.ResidentSatisfied,
            });
        string TownshipOf(string village) => byVillage.TryGetValue(village, out var v) ? v.Township
            : units.TryGetValue(village, out var u) && u.Parent is { } p ? p : "";
        foreach (var e in escalations)
        {
            var s = Of(e.Village);
            s.Reasons[e.Key] = s.Reasons.GetValueOrDefault(e.Key) + e.Count;
            byVillage[e.Village] = (TownshipOf(e.Village), s);
        }
        foreach (var o in overdueNow.Where(o => o.Count != 0))
        {
            var s = Of(o.Village);
            byVillage[o.Village] = (byVillage.TryGetValue(o.Village, out var v) ? v.Township : o.Key, s with { Overdue = s.Overdue + o.Count });
        }
        foreach (var d in durations.Where(d => d.Bucket >= 0 && d.Bucket < Durations.Buckets))
        {
            var s = Of(d.Village);
            (d.Key == Durations.Accept ? s.Accept : s.Resolve)[d.Bucket] += d.Count;
            byVillage[d.Village] = (TownshipOf(d.Village), s);
        }

        Line LineOf(string code, UnitLevel level, string? parent, Sums s)
        {
            var name = units.TryGetValue(code, out var u) ? u.Name : null;
            return new Line(code, name, level, parent, s.Filed, s.Closed, s.OnTime, Rate(s.OnTime, s.Closed), Rate(s.InVillage, s.Closed),
                Rate(s.InTownship, s.Closed), Rate(s.Satisfied, s.Answers), Rate(s.ResidentSatisfied, s.ResidentAnswers),
                s.Reasons.Values.Sum(), s.Reasons.OrderBy(r => r.Key, StringComparer.Ordinal).ToDictionary(),
                Durations.QuantileHours(s.Accept, 0.5), Durations.QuantileHours(s.Accept, 0.9),
                Durations.QuantileHours(s.Resolve, 0.5), Durations.QuantileHours(s.Resolve, 0.9), s.Closed - s.OnTime, s.Overdue);
        }

        var lines = new List<Line>();
        var total = byVillage.Values.Aggregate(Sums.Zero(), (a, v) => a.Plus(v.Sums));
        lines.Add(LineOf(scope.UnitCode, scope.Level, null, total));
        if (scope.Level == UnitLevel.Village) return lines;
        var townships = scope.Level == UnitLevel.Township ? [scope.UnitCode]
            : byVillage.Values.Select(v => v.Township).Concat(units.Where(u => u.Value.Level == UnitLevel.Township).Select(u => u.Key))
                .Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var township in townships)
        {
            var villagesOf = byVillage.Where(v => v.Value.Township == township).Select(v => v.Key)
                .Concat(units.Where(u => u.Value.Level == UnitLevel.Village && u.Value.Parent == township).Select(u => u.Key))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            if (scope.Level == UnitLevel.County)
                lines.Add(LineOf(township, UnitLevel.Township, scope.UnitCode, villagesOf.Aggregate(Sums.Zero(), (a, v) => a.Plus(Of(v)))));
            lines.AddRange(villagesOf.Select(v => LineOf(v, UnitLevel.Village, township, Of(v))));
        }
        return lines;
    }

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
