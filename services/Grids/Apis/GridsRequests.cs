namespace Governance.Grids.Apis;

// Request bodies. Fields are strings and nullable so that a wrong or missing value is reported
// by name in a validation problem, rather than failing inside the JSON reader.

public sealed record CreateUnitRequest(string? Code, string? Name, string? Level, string? ParentCode);

/// <summary>Rename and/or move (re-grid) a unit; a field left out stays as it is.</summary>
public sealed record UpdateUnitRequest(string? Name, string? ParentCode);

/// <summary>Registers a person in a home unit and puts them on duty there from <see cref="DutyFrom"/>
/// (now if left out). Phone and ID number are personal identifiers (issue #6 masks them).</summary>
public sealed record RegisterStaffRequest(
    string? Id, string? Name, string? Role, string? UnitCode, string? Phone, string? IdNumber, Guid? DepartmentId, string? DutyFrom);

public sealed record UpdateStaffRequest(string? Name, string? Phone, string? IdNumber);

public sealed record StartDutyRequest(string? StaffId, string? Role, string? From, string? Until);

public sealed record EndDutyRequest(string? At);

public sealed record CreateDepartmentRequest(string? UnitCode, string? NameZh, string? NameEn, IReadOnlyList<string?>? Categories);

public sealed record RegisterCareSubjectRequest(
    string? Kind, string? Name, string? IdNumber, string? Phone, string? CourtyardCode, string? GridWorkerId, int? VisitEveryDays, string? Notes);

/// <summary>A case found on a visit, filed with it.</summary>
public sealed record VisitIncidentRequest(string? Category, string? Grade, string? Title, string? Description);

public sealed record RecordVisitRequest(string? VisitedAt, string? VisitedBy, string? Findings, VisitIncidentRequest? Incident);
