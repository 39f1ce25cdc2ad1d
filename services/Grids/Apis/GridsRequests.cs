using System.Text.Json;
using System.Text.Json.Serialization;
using Governance.Grids.Handling;

namespace Governance.Grids.Apis;

// Request bodies: the JSON shape, mapped onto the commands the use cases take (Handling/Commands.cs),
// so that a JSON rename never reaches a handler. Fields are strings and nullable so that a wrong or
// missing value is reported by name in a validation problem, rather than failing inside the JSON reader.

public sealed record CreateUnitRequest(string? Code, string? Name, string? Level, string? ParentCode)
{
    public CreateUnit ToCommand() => new(Code, Name, Level, ParentCode);
}

/// <summary>Rename and/or move (re-grid) a unit; a field left out stays as it is.</summary>
public sealed record UpdateUnitRequest(string? Name, string? ParentCode)
{
    public UpdateUnit ToCommand() => new(Name, ParentCode);
}

/// <summary>Registers a person in a home unit and puts them on duty there from <see cref="DutyFrom"/>
/// (now if left out). Phone and ID number are personal identifiers (issue #6 masks them).</summary>
public sealed record RegisterStaffRequest(
    string? Id, string? Name, string? Role, string? UnitCode, string? Phone, string? IdNumber, Guid? DepartmentId, string? DutyFrom)
{
    public RegisterStaff ToCommand() => new(Id, Name, Role, UnitCode, Phone, IdNumber, DepartmentId, DutyFrom);
}

public sealed record UpdateStaffRequest(string? Name, string? Phone, string? IdNumber, string? Role = null, string? UnitCode = null, Guid? DepartmentId = null)
{
    /// <summary>Every other field sent (leftAt, a typo): the handler refuses them by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }

    public UpdateStaff ToCommand() => new(Name, Phone, IdNumber, Role, UnitCode, DepartmentId, Other?.Keys.ToList());
}

public sealed record StartDutyRequest(string? StaffId, string? Role, string? From, string? Until)
{
    public StartDuty ToCommand() => new(StaffId, Role, From, Until);
}

public sealed record EndDutyRequest(string? At)
{
    public EndDuty ToCommand() => new(At);
}

public sealed record CreateDepartmentRequest(string? UnitCode, string? NameZh, string? NameEn, IReadOnlyList<string?>? Categories)
{
    public CreateDepartment ToCommand() => new(UnitCode, NameZh, NameEn, Categories);
}

/// <summary>visitEveryDays is read as any JSON value and handed on as its text: a number of the wrong type
/// ("weekly") would otherwise fail in the JSON reader, a 400 before the permission filter has seen the
/// courtyard, and without naming the field.</summary>
public sealed record RegisterCareSubjectRequest(
    string? Kind, string? Name, string? IdNumber, string? Phone, string? CourtyardCode, string? GridWorkerId, JsonElement? VisitEveryDays, string? Notes)
{
    public RegisterCareSubject ToCommand() => new(Kind, Name, IdNumber, Phone, CourtyardCode, GridWorkerId,
        VisitEveryDays is { ValueKind: not JsonValueKind.Null } every ? every.GetRawText() : null, Notes);
}


/// <summary>A case found on a visit, filed with it.</summary>
public sealed record VisitIncidentRequest(string? Category, string? Grade, string? Title, string? Description)
{
    public VisitIncident ToCommand() => new(Category, Grade, Title, Description);
}

public sealed record RecordVisitRequest(string? VisitedAt, string? VisitedBy, string? Findings, VisitIncidentRequest? Incident)
{
    public RecordVisit ToCommand() => new(VisitedAt, VisitedBy, Findings, Incident?.ToCommand());
}
