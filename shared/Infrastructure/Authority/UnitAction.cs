using Governance.Contracts;
using System.Text.Json.Serialization;

namespace Governance.Infrastructure.Authority;

/// <summary>What a person can do that is not about one case: filing at a place, the county's settings,
/// the unit tree, staff, care, audit (docs/permissions.md). Each is decided on the caller's roles and,
/// where it has one, the unit it is done at.</summary>
[JsonConverter(typeof(CodeConverter<UnitAction>))]
public enum UnitAction
{
    /// <summary>File a case at a place (courtyard or grid).</summary>
    [JsonStringEnumMemberName("file")] File,
    /// <summary>Place a hotline call waiting in the county's triage queue (待分拨).</summary>
    [JsonStringEnumMemberName("place-triage")] PlaceTriage,
    /// <summary>Read routing policy, calendar, notices, Open311 clients, assessment weights.</summary>
    [JsonStringEnumMemberName("read-settings")] ReadSettings,
    /// <summary>Change routing policy, calendar, notices, Open311 clients, assessment weights.</summary>
    [JsonStringEnumMemberName("change-settings")] ChangeSettings,
    /// <summary>Create, rename, move, retire units; boundaries; imports of units.</summary>
    [JsonStringEnumMemberName("change-units")] ChangeUnits,
    /// <summary>Staff, duty, leader posts (and their imports), at the unit the person is registered in.</summary>
    [JsonStringEnumMemberName("change-staff")] ChangeStaff,
    /// <summary>Departments (township teams, county bureaus).</summary>
    [JsonStringEnumMemberName("change-departments")] ChangeDepartments,
    /// <summary>Care subjects and visits (and their imports), at the subject's courtyard.</summary>
    [JsonStringEnumMemberName("change-care")] ChangeCare,
    /// <summary>Start, track and end one's own patrol (巡查/走访日志), in one's own units.</summary>
    [JsonStringEnumMemberName("record-patrol")] RecordPatrol,
    /// <summary>Record one's own visit as a leader (下沉走访) at a unit one is linked to (联系点), and file its findings there.</summary>
    [JsonStringEnumMemberName("record-leader-visit")] RecordLeaderVisit,
    /// <summary>A unit's queue, live stream, figures and case lists; its patrols and assessment.</summary>
    [JsonStringEnumMemberName("read-unit-work")] ReadUnitWork,
    /// <summary>Units, paths, boundaries, coverage, locate, staff names and roles.</summary>
    [JsonStringEnumMemberName("read-directory")] ReadDirectory,
    /// <summary>The audit log and its verification.</summary>
    [JsonStringEnumMemberName("read-audit")] ReadAudit,
    /// <summary>Service accounts and other security settings.</summary>
    [JsonStringEnumMemberName("manage-access")] ManageAccess,
}
