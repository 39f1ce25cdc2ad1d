using Governance.Infrastructure.UnitCopy;
using static Governance.Incidents.Dashboard.DashboardApi;

namespace Governance.Incidents.Dashboard;

/// <summary>The dashboard's figures for a scope, each view one method: what its JSON endpoint answers and its
/// export writes, from the same sums over the rollups.</summary>
public static class DashboardViews
{
    public static async Task<Summary> SummaryAsync(DbSession c, DashboardScope scope)
    {
        var h = await DashboardStore.HeadlineAsync(c, scope);
        var open = await DashboardStore.OpenByTierAsync(c, scope);
        TierCounts Counts(Func<(long Open, long Overdue), long> pick) => new(
            Pick(open, "courtyard", pick), Pick(open, "village", pick), Pick(open, "township", pick), Pick(open, "county", pick));
        return new Summary(scope.UnitCode, scope.From, scope.To, h.Filed, h.Closed,
            Rate(h.ClosedInVillage, h.Closed), Rate(h.ClosedInTownship, h.Closed), Rate(h.ClosedOnTime, h.Closed),
            Rate(h.Satisfied, h.SatisfactionAnswers), Counts(v => v.Open), Counts(v => v.Overdue),
            Rate(h.ResidentSatisfied, h.ResidentAnswers), h.ResidentAnswers, h.SatisfactionAnswers);
    }

    /// <summary>Every day of the period, zeros included, so a chart's axis is honest.</summary>
    public static async Task<IReadOnlyList<TrendPoint>> TrendAsync(DbSession c, DashboardScope scope)
    {
        var byDay = (await DashboardStore.TrendAsync(c, scope)).ToDictionary(p => p.Day);
        return Enumerable.Range(0, scope.To.DayNumber - scope.From.DayNumber + 1).Select(scope.From.AddDays).Select(day =>
        {
            var key = day.Year * 10000 + day.Month * 100 + day.Day;
            return byDay.TryGetValue(key, out var p) ? new TrendPoint(day, p.Filed, p.Closed) : new TrendPoint(day, 0, 0);
        }).ToList();
    }

    public static async Task<Escalations> EscalationsAsync(DbSession c, DashboardScope scope)
    {
        var byReason = (await DashboardStore.EscalationsByAsync(c, scope, "reason")).Select(r => new ReasonCount(r.Key, r.Count)).ToList();
        var byTownship = new List<UnitCount>();
        foreach (var (code, count) in await DashboardStore.EscalationsByAsync(c, scope, "township_code"))
            byTownship.Add(new UnitCount(code, (await UnitCopyStore.FindAsync(c, code))?.Name, count));
        return new Escalations(byReason, byTownship);
    }

    public static async Task<IReadOnlyList<Child>> ChildrenAsync(DbSession c, DashboardScope scope)
    {
        var children = new List<Child>();
        if (scope.Level == UnitLevel.Village)
        {
            // A village's grids: cases filed per grid (the other figures are kept per village).
            foreach (var (grid, filed) in await DashboardStore.HotspotsAsync(c, scope))
            {
                var unit = await UnitCopyStore.FindAsync(c, grid);
                children.Add(new Child(grid, unit?.Name, unit?.Level, filed, 0, null, null, 0, 0));
            }
            return children;
        }
        var column = scope.Level == UnitLevel.County ? "township_code" : "village_code";
        var open = await DashboardStore.OpenByChildAsync(c, scope, column);
        foreach (var (code, filed, closed, inVillage, inTownship) in await DashboardStore.ChildrenAsync(c, scope, column))
        {
            var unit = await UnitCopyStore.FindAsync(c, code);
            var (openCases, overdue) = open.TryGetValue(code, out var o) ? o : (0, 0);
            children.Add(new Child(code, unit?.Name, unit?.Level, filed, closed, Rate(inVillage, closed), Rate(inTownship, closed), openCases, overdue));
        }
        foreach (var (code, o) in open.Where(o => children.All(ch => ch.UnitCode != o.Key)))
        {
            var unit = await UnitCopyStore.FindAsync(c, code);
            children.Add(new Child(code, unit?.Name, unit?.Level, 0, 0, null, null, o.Open, o.Overdue));
        }
        return children.OrderBy(ch => ch.UnitCode).ToList();
    }

    public static async Task<IReadOnlyList<Hotspot>> HotspotsAsync(DbSession c, DashboardScope scope) =>
        (await DashboardStore.HotspotsAsync(c, scope)).Select(h => new Hotspot(h.GridCode, h.Filed)).ToList();

    /// <summary>Times to accept and to resolve over the period: cases per bucket, and the median and p90.</summary>
    public static async Task<DurationFigures> DurationsAsync(DbSession c, DashboardScope scope)
    {
        var rows = await ReportStore.DurationsAsync(c, scope);
        long[] Counts(string measure)
        {
            var counts = new long[Durations.Buckets];
            foreach (var r in rows.Where(r => r.Key == measure && r.Bucket >= 0 && r.Bucket < Durations.Buckets)) counts[r.Bucket] += r.Count;
            return counts;
        }
        Distribution Of(string measure)
        {
            var counts = Counts(measure);
            return new Distribution(measure, counts.Select((n, i) => new DurationBucket(i < Durations.BoundsMinutes.Count ? Durations.BoundsMinutes[i] : null, n)).ToList(),
                counts.Sum(), Durations.QuantileHours(counts, 0.5), Durations.QuantileHours(counts, 0.9));
        }
        return new DurationFigures(Of(Durations.Accept), Of(Durations.Resolve));
    }

    internal static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static long Pick(IReadOnlyDictionary<string, (long Open, long Overdue)> byTier, string tier, Func<(long Open, long Overdue), long> pick) =>
        byTier.TryGetValue(tier, out var v) ? pick(v) : 0;
}
