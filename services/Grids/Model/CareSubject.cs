using System.Text.Json.Serialization;

namespace Governance.Grids.Model;

/// <summary>Who needs regular visits (精准关爱服务).</summary>
[JsonConverter(typeof(CodeConverter<CareSubjectKind>))]
public enum CareSubjectKind
{
    [JsonStringEnumMemberName("elderly-alone")] ElderlyAlone,          // 独居老人
    [JsonStringEnumMemberName("left-behind-child")] LeftBehindChild,   // 留守儿童
    [JsonStringEnumMemberName("disabled")] Disabled,                   // 残疾人
    [JsonStringEnumMemberName("assistance")] Assistance,               // 低保、特困等救助对象
}

/// <summary>A person under care: where they live (a courtyard), which grid worker visits them and
/// how often. <see cref="VisitDueAt"/> is when the next visit is due.</summary>
/// <param name="IdNumber">Personal identifier in its own column; masked for roles that do not need it (Apis/PersonalData).</param>
/// <param name="Phone">Personal identifier in its own column; masked for roles that do not need it (Apis/PersonalData).</param>
public sealed record CareSubject(
    Guid Id, CareSubjectKind Kind, string Name, string? IdNumber, string? Phone, string CourtyardCode, string GridWorkerId,
    int VisitEveryDays, string? Notes, DateTimeOffset RegisteredAt, string RegisteredBy, DateTimeOffset? LastVisitAt,
    DateTimeOffset VisitDueAt, long Version);

/// <summary>A visit: who, when, what they found, and the case it filed, if any.</summary>
public sealed record CareVisit(
    Guid Id, Guid SubjectId, string VisitedBy, DateTimeOffset VisitedAt, string Findings, Guid? IncidentId,
    string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>An overdue visit, as the grid worker's and the village's task lists show it.</summary>
public sealed record OverdueVisit(CareSubject Subject, string VillageCode, double DaysOverdue);
