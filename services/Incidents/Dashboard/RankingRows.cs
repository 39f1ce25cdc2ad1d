using Governance.Incidents.Exports;
using MiniExcelLibs.Attributes;

namespace Governance.Incidents.Dashboard;

/// <summary>Rankings and repeat places as rows of a file, the JSON's figures.</summary>
public static class RankingRows
{
    /// <param name="Kind">unit or department: the JSON's units and departments, one after the other.</param>
    public sealed record RankedRow(
        [property: ExcelColumnName("类别 Kind")] string Kind, [property: ExcelColumnName("代码 Code")] string Code,
        [property: ExcelColumnName("名称 Name")] string? Name, [property: ExcelColumnName("办结 Closed")] long Closed,
        [property: ExcelColumnName("按期办结率 On-time rate")] double? OnTimeRate, [property: ExcelColumnName("当前超期 Overdue now")] long OverdueNow,
        [property: ExcelColumnName("核查满意率 Staff-recorded satisfied")] double? StaffSatisfactionRate,
        [property: ExcelColumnName("群众满意率 Residents satisfied")] double? ResidentSatisfactionRate,
        [property: ExcelColumnName("按期排名 On-time rank")] int? OnTimeRank, [property: ExcelColumnName("超期排名 Overdue rank")] int OverdueRank,
        [property: ExcelColumnName("满意排名 Satisfaction rank")] int? SatisfactionRank);

    public sealed record RepeatRow(
        [property: ExcelColumnName("地点代码 Place code")] string UnitCode, [property: ExcelColumnName("地点 Place")] string? Name,
        [property: ExcelColumnName("类别 Category")] string Category, [property: ExcelColumnName("件数 Cases")] long Cases,
        [property: ExcelColumnName("最近上报 Last filed")] string? LastFiled);

    public static IEnumerable<RankedRow> Of(Rankings.Ranking r) =>
        r.Units.Select(u => Row("unit", u)).Concat(r.Departments.Select(d => Row("department", d)));

    public static IEnumerable<RepeatRow> Of(Rankings.RepeatPlaces r) => r.Places.Select(p => new RepeatRow(p.UnitCode, CellText.Safe(p.Name),
        Codes.TryParse<Category>(p.Category, out var category) ? Labels.Of(category) : CellText.Safe(p.Category)!, p.Cases, Labels.Of(p.LastFiledAt)));

    private static RankedRow Row(string kind, Rankings.Ranked r) => new(kind, CellText.Safe(r.Code)!, CellText.Safe(r.Name), r.Closed, r.OnTimeRate,
        r.OverdueNow, r.StaffSatisfactionRate, r.ResidentSatisfactionRate, r.OnTimeRank, r.OverdueRank, r.SatisfactionRank);
}
