using Governance.Incidents.Handling;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Dashboard;

/// <summary>
/// 比学赶超: the units below the dashboard's (the county's townships, a township's villages) and the lead
/// departments, ranked by on-time rate, overdue cases now and residents' satisfaction (1 = best; equal figures
/// share a rank; a unit without a figure is unranked); and repeat places (重复发生点位): a place with N or more
/// cases of one category in the 90 days ending with the period (N: the county's setting).
/// </summary>
public static class Rankings
{
    /// <param name="OnTimeRank">By on-time rate, highest first.</param>
    /// <param name="OverdueRank">By overdue cases now, fewest first.</param>
    /// <param name="SatisfactionRank">By residents' satisfaction (群众满意率), highest first.</param>
    public sealed record Ranked(string Code, string? Name, long Closed, double? OnTimeRate, long OverdueNow, double? StaffSatisfactionRate,
        double? ResidentSatisfactionRate, int? OnTimeRank, int OverdueRank, int? SatisfactionRank);

    public sealed record Ranking(IReadOnlyList<Ranked> Units, IReadOnlyList<Ranked> Departments);

    public sealed record RepeatPlace(string UnitCode, string? Name, string Category, long Cases, DateTimeOffset LastFiledAt);

    public sealed record RepeatPlaces(int Threshold, DateOnly From, DateOnly To, IReadOnlyList<RepeatPlace> Places);

    public static async Task<Ranking> RankAsync(DbSession c, DashboardScope scope)
    {
        if (scope.Level == UnitLevel.Village) return new Ranking([], []);
        var open = await DashboardStore.OpenByChildAsync(c, scope, scope.Level == UnitLevel.County ? "township_code" : "village_code");
        var units = new List<(RankingStore.Figures, string?, long)>();
        var children = (await RankingStore.ChildrenAsync(c, scope)).ToDictionary(f => f.Code);
        foreach (var code in children.Keys.Union(open.Keys))
            units.Add((children.GetValueOrDefault(code) ?? new RankingStore.Figures { Code = code }, (await UnitCopyStore.FindAsync(c, code))?.Name,
                open.TryGetValue(code, out var o) ? o.Overdue : 0));
        var overdue = await RankingStore.DepartmentsOverdueAsync(c, scope);
        var departments = (await RankingStore.DepartmentsAsync(c, scope)).ToDictionary(f => f.Code);
        var lead = departments.Keys.Union(overdue.Keys)
            .Select(code => (departments.GetValueOrDefault(code) ?? new RankingStore.Figures { Code = code }, (string?)null, overdue.GetValueOrDefault(code)))
            .ToList();
        return new Ranking(Rank(units), Rank(lead));
    }

    public static async Task<RepeatPlaces> RepeatAsync(DbSession c, DashboardScope scope)
    {
        var threshold = (await ReportSettings.ReadAsync(c)).RepeatPlaceThreshold;
        var from = scope.To.AddDays(-89);
        var offset = TimeSpan.FromHours(8);
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), offset).ToUnixTimeMilliseconds();
        var until = new DateTimeOffset(scope.To.AddDays(1).ToDateTime(TimeOnly.MinValue), offset).ToUnixTimeMilliseconds();
        var places = new List<RepeatPlace>();
        foreach (var p in await RankingStore.RepeatPlacesAsync(c, scope, since, until, threshold))
            places.Add(new RepeatPlace(p.UnitCode, (await UnitCopyStore.FindAsync(c, p.UnitCode))?.Name, p.Category, p.Cases,
                DateTimeOffset.FromUnixTimeMilliseconds(p.LastFiledAtMs)));
        return new RepeatPlaces(threshold, from, scope.To, places);
    }

    private static List<Ranked> Rank(List<(RankingStore.Figures F, string? Name, long Overdue)> rows)
    {
        var figures = rows.Select(r => (r.F, r.Name, r.Overdue, OnTime: DashboardViews.Rate(r.F.ClosedOnTime, r.F.Closed),
            Staff: DashboardViews.Rate(r.F.Satisfied, r.F.SatisfactionAnswers), Residents: DashboardViews.Rate(r.F.ResidentSatisfied, r.F.ResidentAnswers))).ToList();
        int? Position(double? value, IEnumerable<double?> all, bool higherBetter) =>
            value is not { } v ? null : 1 + all.Count(o => o is { } x && (higherBetter ? x > v : x < v));
        return figures.Select(r => new Ranked(r.F.Code, r.Name, r.F.Closed, r.OnTime, r.Overdue, r.Staff, r.Residents,
                Position(r.OnTime, figures.Select(f => f.OnTime), true), Position(r.Overdue, figures.Select(f => (double?)f.Overdue), false)!.Value,
                Position(r.Residents, figures.Select(f => f.Residents), true)))
            .OrderBy(r => r.OnTimeRank ?? int.MaxValue).ThenBy(r => r.OverdueRank).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
    }
}
