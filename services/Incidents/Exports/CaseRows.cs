using MiniExcelLibs.Attributes;

namespace Governance.Incidents.Exports;

/// <summary>One case as a row of a case list's export: what the list shows, in the county's words. No
/// person's name or number: the hotline caller stays out, and numbers typed into the text are masked.</summary>
public sealed record CaseRow(
    [property: ExcelColumnName("编号 ID")] string Id,
    [property: ExcelColumnName("标题 Title")] string? Title,
    [property: ExcelColumnName("描述 Description")] string? Description,
    [property: ExcelColumnName("类别 Category")] string Category,
    [property: ExcelColumnName("等级 Grade")] string Grade,
    [property: ExcelColumnName("状态 Status")] string Status,
    [property: ExcelColumnName("层级 Tier")] string? Tier,
    [property: ExcelColumnName("办理单位 Handling unit")] string? HandlingUnit,
    [property: ExcelColumnName("地点 Place")] string? Place,
    [property: ExcelColumnName("乡镇 Township")] string? Township,
    [property: ExcelColumnName("村社区 Village")] string? Village,
    [property: ExcelColumnName("上报时间 Filed")] string? Filed,
    [property: ExcelColumnName("期限 Due")] string? Due,
    [property: ExcelColumnName("超期 Overdue")] string Overdue,
    [property: ExcelColumnName("办结时间 Resolved")] string? Resolved,
    [property: ExcelColumnName("满意度 Satisfaction")] string? Satisfaction)
{
    /// <param name="names">Unit names by code; a unit not (yet) known shows as its code.</param>
    public static CaseRow Of(Incident i, IReadOnlyDictionary<string, string> names) => new(
        i.Id.ToString(), CellText.Free(i.Title), CellText.Free(i.Description), Labels.Of(i.Category), Labels.Of(i.Grade),
        Labels.Of(i.Status), Labels.Of(i.Tier), Name(names, i.HandlingUnitCode), Name(names, i.UnitCode),
        Name(names, i.Ancestry?.TownshipCode), Name(names, i.Ancestry?.VillageCode), Labels.Of(i.FiledAt), Labels.Of(i.DueAt),
        i.Overdue ? "是" : "否", Labels.Of(i.ResolvedAt), Labels.Of(i.Satisfaction));

    /// <summary>Unit names come from the tree (Grids' copy): the county's own data, yet made safe like typed text.</summary>
    internal static string? Name(IReadOnlyDictionary<string, string> names, string? code) =>
        code is null ? null : CellText.Safe(names.TryGetValue(code, out var name) ? name : code);
}

/// <summary>问题清单: an open case past its deadline — who holds it, how many days late, whether it is supervised.</summary>
public sealed record ProblemRow(
    [property: ExcelColumnName("编号 ID")] string Id,
    [property: ExcelColumnName("标题 Title")] string? Title,
    [property: ExcelColumnName("类别 Category")] string Category,
    [property: ExcelColumnName("等级 Grade")] string Grade,
    [property: ExcelColumnName("地点 Place")] string? Place,
    [property: ExcelColumnName("承办层级 Holder tier")] string? HolderTier,
    [property: ExcelColumnName("承办单位 Holder")] string? Holder,
    [property: ExcelColumnName("牵头部门 Lead department")] string? LeadDepartment,
    [property: ExcelColumnName("期限 Due")] string? Due,
    [property: ExcelColumnName("超期天数 Days overdue")] long DaysOverdue,
    [property: ExcelColumnName("督办 Supervision")] string Supervision,
    [property: ExcelColumnName("督办时间 Supervised")] string? Supervised)
{
    /// <summary>Days overdue: whole days since the deadline passed, the day it passed counting as 0.</summary>
    public static ProblemRow Of(Incident i, IReadOnlyDictionary<string, string> names, DateTimeOffset now) => new(
        i.Id.ToString(), CellText.Free(i.Title), Labels.Of(i.Category), Labels.Of(i.Grade), CaseRow.Name(names, i.UnitCode),
        Labels.Of(i.Tier), CaseRow.Name(names, i.HandlingUnitCode), CellText.Safe(i.LeadDepartmentCode), Labels.Of(i.DueAt),
        DaysLate(i.DueAt, now), i.SupervisedAt is null ? "未督办" : "已督办", Labels.Of(i.SupervisedAt));

    public static long DaysLate(DateTimeOffset? due, DateTimeOffset now) =>
        due is { } d && now > d ? (long)Math.Floor((now - d).TotalDays) : 0;
}
