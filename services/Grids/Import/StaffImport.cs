using Governance.Grids.Handling;

namespace Governance.Grids.Import;

/// <summary>
/// People from CSV (name,role,unitCode and optionally id,phone,idNumber,departmentId,dutyFrom). Each
/// is registered and put on duty at their unit, as POST /grids/staff does. An id already registered
/// is an error (changes go through the API). All rows are checked first; one bad row, nothing changes;
/// one row at a unit outside the caller's reach, and the whole file is refused.
/// </summary>
public static class StaffImport
{
    public static readonly string[] Required = ["name", "role", "unitCode"];
    public static readonly string[] Optional = ["id", "phone", "idNumber", "departmentId", "dutyFrom"];

    public static async Task<(ImportResult? Result, FieldErrors Errors)> RunAsync(UnitOfWork<GridsDatabase> uow, string csv, string actor, Reach reach)
    {
        var (csvRows, errors) = Csv.Parse(csv, Required, Optional);
        // Reach before the rows' faults (403 before 400), as CareSubjectImport.
        await ImportRefusedException.ThrowIfAnyAsync(uow, reach, csvRows.Select(r => (r.Prefix + "unitCode", r["unitCode"])));
        if (errors.Any) return (null, errors);


        var units = await UnitStore.FindManyAsync(uow, csvRows.Select(r => r["unitCode"]).OfType<string>());
        var registered = await StaffStore.FindManyAsync(uow, csvRows.Select(r => r["id"]).OfType<string>());
        var departments = new Dictionary<Guid, Department?>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var people = new List<StaffMember>();
        var dutyFrom = new List<DateTimeOffset>();
        foreach (var r in csvRows)
        {
            var id = Fields.Code(errors, r.Prefix, "id", r["id"], StaffChanges.MaxIdLength, required: false);
            var name = Fields.Text(errors, r.Prefix, "name", r["name"], StaffChanges.MaxNameLength);
            var role = StaffRules.Role(errors, r.Prefix, r["role"]);
            var unitCode = Fields.Code(errors, r.Prefix, "unitCode", r["unitCode"], UnitChanges.MaxCodeLength);
            var phone = Fields.Phone(errors, r.Prefix, "phone", r["phone"]);
            var idNumber = Fields.IdNumber(errors, r.Prefix, "idNumber", r["idNumber"]);
            var from = Fields.Moment(errors, r.Prefix, "dutyFrom", r["dutyFrom"]) ?? uow.Now;
            Guid? departmentId = null;
            if (r["departmentId"] is { } text)
            {
                if (Guid.TryParse(text, out var parsed)) departmentId = parsed;
                else errors.Add(r.Prefix + "departmentId", GridsTexts.DepartmentGuid);
            }
            if (id is not null)
            {
                if (registered.ContainsKey(id)) errors.Add(r.Prefix + "id", GridsTexts.RegisteredAlready(id));
                else if (!firstRowOf.TryAdd(id, r.Index)) errors.Add(r.Prefix + "id", GridsTexts.AppearsTwice("id", id, firstRowOf[id]));
            }
            if (role is not null && unitCode is not null)
            {
                StaffRules.CheckPlace(errors, r.Prefix, "unitCode", unitCode, units.GetValueOrDefault(unitCode), role);
                if (departmentId is { } d && !departments.ContainsKey(d)) departments[d] = await DepartmentStore.FindAsync(uow, d);
                StaffRules.CheckDepartment(errors, r.Prefix, role, unitCode, departmentId, departmentId is { } k ? departments[k] : null);
            }
            if (name is not null && role is not null && unitCode is not null)
            {
                people.Add(new StaffMember(id ?? Guid.CreateVersion7().ToString(), name, role, unitCode, phone, idNumber, departmentId));
                dutyFrom.Add(from);
            }
        }
        if (errors.Any) return (null, errors);

        await StaffChanges.InsertAsync(uow, people, dutyFrom, actor);
        return (new ImportResult(people.Count, people.Count, 0, 0), errors);
    }
}
