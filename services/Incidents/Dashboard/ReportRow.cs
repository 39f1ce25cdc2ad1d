using Governance.Incidents.Exports;
using MiniExcelLibs.Attributes;

namespace Governance.Incidents.Dashboard;

/// <summary>One line of 统计报表 as a row of the file: the same figures as the JSON line, rates as fractions
/// (0.75), durations in hours, one column per escalation reason.</summary>
public sealed record ReportRow(
    [property: ExcelColumnName("单位代码 Unit code")] string UnitCode,
    [property: ExcelColumnName("单位 Unit")] string? Name,
    [property: ExcelColumnName("层级 Level")] string Level,
    [property: ExcelColumnName("受理 Filed")] long Filed,
    [property: ExcelColumnName("办结 Closed")] long Closed,
    [property: ExcelColumnName("按期办结 Closed on time")] long ClosedOnTime,
    [property: ExcelColumnName("按期办结率 On-time rate")] double? OnTimeRate,
    [property: ExcelColumnName("小事不出村率 Closed in village")] double? VillageContainmentRate,
    [property: ExcelColumnName("大事不出镇率 Closed in township")] double? TownshipContainmentRate,
    [property: ExcelColumnName("群众满意率 Residents satisfied")] double? ResidentSatisfactionRate,
    [property: ExcelColumnName("核查满意率 Staff-recorded satisfied")] double? StaffSatisfactionRate,
    [property: ExcelColumnName("上移 Escalations")] long Escalations,
    [property: ExcelColumnName("上移:超期 deadline-passed")] long DeadlinePassed,
    [property: ExcelColumnName("上移:提请 handler-requested")] long HandlerRequested,
    [property: ExcelColumnName("上移:未签收 acknowledgement-overdue")] long AcknowledgementOverdue,
    [property: ExcelColumnName("上移:改级 regraded")] long Regraded,
    [property: ExcelColumnName("上移:两次不满意 rejected-twice")] long RejectedTwice,
    [property: ExcelColumnName("上移:县提级 county-pulled-up")] long CountyPulledUp,
    [property: ExcelColumnName("上移:调解未成 mediation-failed")] long MediationFailed,
    [property: ExcelColumnName("上移:镇提级 township-pulled-up")] long TownshipPulledUp,
    [property: ExcelColumnName("签收时长中位数(时) Accept median h")] double? AcceptMedianHours,
    [property: ExcelColumnName("签收时长P90(时) Accept p90 h")] double? AcceptP90Hours,
    [property: ExcelColumnName("办结时长中位数(时) Resolve median h")] double? ResolveMedianHours,
    [property: ExcelColumnName("办结时长P90(时) Resolve p90 h")] double? ResolveP90Hours,
    [property: ExcelColumnName("超期办结 Closed late")] long ClosedLate,
    [property: ExcelColumnName("当前超期 Overdue now")] long OverdueNow)
{
    public static ReportRow Of(MonthlyReport.Line l)
    {
        long By(EscalationReason reason) => l.EscalationsByReason.GetValueOrDefault(Codes.Of(reason));
        return new(l.UnitCode, CellText.Safe(l.Name), ChineseNames.Of(l.Level),
            l.Filed, l.Closed, l.ClosedOnTime, l.OnTimeRate, l.VillageContainmentRate, l.TownshipContainmentRate,
            l.ResidentSatisfactionRate, l.StaffSatisfactionRate, l.Escalations,
            By(EscalationReason.DeadlinePassed), By(EscalationReason.HandlerRequested), By(EscalationReason.AcknowledgementOverdue),
            By(EscalationReason.Regraded), By(EscalationReason.RejectedTwice), By(EscalationReason.CountyPulledUp),
            By(EscalationReason.MediationFailed), By(EscalationReason.TownshipPulledUp),
            l.AcceptMedianHours, l.AcceptP90Hours, l.ResolveMedianHours, l.ResolveP90Hours, l.ClosedLate, l.OverdueNow);
    }
}
