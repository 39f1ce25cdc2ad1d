using System.Globalization;
using Governance.Incidents.Exports;
using MiniExcelLibs.Attributes;
using static Governance.Incidents.Dashboard.DashboardApi;

namespace Governance.Incidents.Dashboard;

/// <summary>The dashboard's views as rows of a file: the JSON's figures, one row per item (the summary: one row).
/// Rates are fractions (0.75), as the JSON has them.</summary>
public static class DashboardRows
{
    public sealed record SummaryRow(
        [property: ExcelColumnName("单位代码 Unit code")] string UnitCode,
        [property: ExcelColumnName("起 From")] string From,
        [property: ExcelColumnName("止 To")] string To,
        [property: ExcelColumnName("受理 Filed")] long Filed,
        [property: ExcelColumnName("办结 Closed")] long Closed,
        [property: ExcelColumnName("小事不出村率 Closed in village")] double? VillageContainmentRate,
        [property: ExcelColumnName("大事不出镇率 Closed in township")] double? TownshipContainmentRate,
        [property: ExcelColumnName("按期办结率 On-time rate")] double? OnTimeRate,
        [property: ExcelColumnName("核查满意率 Staff-recorded satisfied")] double? SatisfactionRate,
        [property: ExcelColumnName("群众满意率 Residents satisfied")] double? ResidentSatisfactionRate,
        [property: ExcelColumnName("在办:院落 Open courtyard")] long OpenCourtyard,
        [property: ExcelColumnName("在办:村 Open village")] long OpenVillage,
        [property: ExcelColumnName("在办:镇 Open township")] long OpenTownship,
        [property: ExcelColumnName("在办:县 Open county")] long OpenCounty,
        [property: ExcelColumnName("超期:院落 Overdue courtyard")] long OverdueCourtyard,
        [property: ExcelColumnName("超期:村 Overdue village")] long OverdueVillage,
        [property: ExcelColumnName("超期:镇 Overdue township")] long OverdueTownship,
        [property: ExcelColumnName("超期:县 Overdue county")] long OverdueCounty);

    public sealed record TrendRow([property: ExcelColumnName("日期 Day")] string Day,
        [property: ExcelColumnName("受理 Filed")] long Filed, [property: ExcelColumnName("办结 Closed")] long Closed);

    /// <param name="By">reason or township: the JSON's byReason and byTownship, one after the other.</param>
    public sealed record EscalationRow([property: ExcelColumnName("维度 By")] string By, [property: ExcelColumnName("代码 Code")] string Code,
        [property: ExcelColumnName("名称 Name")] string? Name, [property: ExcelColumnName("上移 Escalations")] long Count);

    public sealed record ChildRow(
        [property: ExcelColumnName("单位代码 Unit code")] string UnitCode, [property: ExcelColumnName("单位 Unit")] string? Name,
        [property: ExcelColumnName("受理 Filed")] long Filed, [property: ExcelColumnName("办结 Closed")] long Closed,
        [property: ExcelColumnName("小事不出村率 Closed in village")] double? VillageContainmentRate,
        [property: ExcelColumnName("大事不出镇率 Closed in township")] double? TownshipContainmentRate,
        [property: ExcelColumnName("在办 Open")] long Open, [property: ExcelColumnName("超期 Overdue")] long Overdue);

    public sealed record HotspotRow([property: ExcelColumnName("网格代码 Grid code")] string GridCode,
        [property: ExcelColumnName("受理 Filed")] long Filed);

    /// <param name="UpToMinutes">Empty for the last bucket (longer than 60 days).</param>
    public sealed record DurationRow([property: ExcelColumnName("指标 Measure")] string Measure,
        [property: ExcelColumnName("上限(分钟) Up to minutes")] int? UpToMinutes, [property: ExcelColumnName("件数 Cases")] long Cases);

    /// <summary>包案 under the unit (<see cref="InHandFigures"/>): one row, the JSON's six figures.</summary>
    public sealed record InHandRow(
        [property: ExcelColumnName("包案 Taken")] long Taken,
        [property: ExcelColumnName("办理中 Working")] long Working,
        [property: ExcelColumnName("待签字 Awaiting sign-off")] long AwaitingSignOff,
        [property: ExcelColumnName("已签字 Signed off")] long SignedOff,
        [property: ExcelColumnName("签字且满意 Signed off satisfied")] long SignedOffSatisfied,
        [property: ExcelColumnName("已合并 Merged")] long Merged);

    public static IEnumerable<SummaryRow> Of(Summary s) =>
    [
        new(s.UnitCode, Day(s.From), Day(s.To), s.Filed, s.Closed, s.VillageContainmentRate, s.TownshipContainmentRate, s.OnTimeRate,
            s.SatisfactionRate, s.ResidentSatisfactionRate, s.Open.Courtyard, s.Open.Village, s.Open.Township, s.Open.County,
            s.Overdue.Courtyard, s.Overdue.Village, s.Overdue.Township, s.Overdue.County),
    ];

    public static IEnumerable<TrendRow> Of(IReadOnlyList<TrendPoint> points) => points.Select(p => new TrendRow(Day(p.Day), p.Filed, p.Closed));

    public static IEnumerable<EscalationRow> Of(Escalations e) =>
        e.ByReason.Select(r => new EscalationRow("reason", r.Reason, null, r.Count))
            .Concat(e.ByTownship.Select(t => new EscalationRow("township", t.UnitCode, CellText.Safe(t.Name), t.Count)));

    public static IEnumerable<ChildRow> Of(IReadOnlyList<Child> children) => children.Select(c =>
        new ChildRow(c.UnitCode, CellText.Safe(c.Name), c.Filed, c.Closed, c.VillageContainmentRate, c.TownshipContainmentRate, c.Open, c.Overdue));

    public static IEnumerable<HotspotRow> Of(IReadOnlyList<Hotspot> hotspots) => hotspots.Select(h => new HotspotRow(h.GridCode, h.Filed));

    public static IEnumerable<DurationRow> Of(DurationFigures d) =>
        new[] { d.Accept, d.Resolve }.SelectMany(m => m.Buckets.Select(b => new DurationRow(m.Measure, b.UpToMinutes, b.Cases)));

    public static IEnumerable<InHandRow> Of(InHandFigures h) =>
        [new(h.Taken, h.Working, h.AwaitingSignOff, h.SignedOff, h.SignedOffSatisfied, h.Merged)];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
