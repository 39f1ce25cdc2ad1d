namespace Governance.Grids.Handling;

/// <summary>Registers a township team or county bureau and announces it (DepartmentsUpserted).</summary>
public static class DepartmentRegistration
{
    public static async Task<Outcome<Department>> CreateAsync(UnitOfWork<GridsDatabase> uow, CreateDepartment? r)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var unitCode = Fields.Code(errors, "", "unitCode", r.UnitCode, UnitChanges.MaxCodeLength);
        var nameZh = Fields.Text(errors, "", "nameZh", r.NameZh, 100);
        var nameEn = Fields.Text(errors, "", "nameEn", r.NameEn, 200);
        var categories = Fields.Categories(errors, "", "categories", r.Categories);
        if (unitCode is not null)
        {
            var unit = await UnitStore.FindAsync(uow, unitCode);
            if (unit is null) errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", unitCode));
            else if (unit.Retired) errors.Add("unitCode", GridsTexts.FieldRetired("unitCode", unitCode));
            // Teams belong to a township (镇街站所) or the county (县级部门), never below.
            else if (unit.Level is not (UnitLevel.Township or UnitLevel.County))
                errors.Add("unitCode", GridsTexts.DepartmentLevel(unitCode, Codes.Of(unit.Level)));
        }
        if (errors.Any) return errors;
        if ((await DepartmentStore.ListAsync(uow, unitCode, null)).Any(d => d.NameZh == nameZh))
            return new Outcome<Department>.Conflict(GridsTexts.DepartmentNameTaken(unitCode, nameZh));

        var department = new Department(Guid.CreateVersion7(), unitCode!, nameZh!, nameEn!, categories!, 1);
        await DepartmentStore.InsertAsync(uow, [department], uow.Now);
        await DepartmentAnnouncer.AnnounceAsync(uow, [department]);
        return new Outcome<Department>.Done(department);
    }
}
