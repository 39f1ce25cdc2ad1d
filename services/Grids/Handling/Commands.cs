namespace Governance.Grids.Handling;

// What the use cases take, whoever calls them: the API (Apis/GridsRequests.cs maps its JSON bodies onto
// these) or the CSV import. Grids checks each value in the handler and names the field it came from
// (Fields), so the values arrive as the caller gave them.

public sealed record CreateUnit(string? Code, string? Name, string? Level, string? ParentCode);

/// <summary>Rename and/or move (re-grid) a unit; a field left out stays as it is.</summary>
public sealed record UpdateUnit(string? Name, string? ParentCode);

/// <summary>Registers a person in a home unit and puts them on duty there from <see cref="DutyFrom"/>
/// (now if left out). Phone and ID number are personal identifiers (issue #6 masks them).</summary>
public sealed record RegisterStaff(
    string? Id, string? Name, string? Role, string? UnitCode, string? Phone, string? IdNumber, Guid? DepartmentId, string? DutyFrom);

/// <summary>Changes a person's details or post.</summary>
/// <param name="Role">With <paramref name="UnitCode"/> and <paramref name="DepartmentId"/>: a change of post (StaffPosts).</param>
/// <param name="OtherFields">Fields sent that cannot be changed this way (refused by name).</param>
public sealed record UpdateStaff(string? Name, string? Phone, string? IdNumber, string? Role = null, string? UnitCode = null, Guid? DepartmentId = null,
    IReadOnlyList<string>? OtherFields = null);

public sealed record StartDuty(string? StaffId, string? Role, string? From, string? Until);

public sealed record EndDuty(string? At);

public sealed record CreateDepartment(string? UnitCode, string? NameZh, string? NameEn, IReadOnlyList<string?>? Categories);

/// <param name="VisitEveryDays">As given (a JSON value's text, a CSV cell), so that a wrong one is reported by name.</param>
public sealed record RegisterCareSubject(
    string? Kind, string? Name, string? IdNumber, string? Phone, string? CourtyardCode, string? GridWorkerId, string? VisitEveryDays, string? Notes);


/// <summary>A case found on a visit, filed with it.</summary>
public sealed record VisitIncident(string? Category, string? Grade, string? Title, string? Description);

public sealed record RecordVisit(string? VisitedAt, string? VisitedBy, string? Findings, VisitIncident? Incident);
