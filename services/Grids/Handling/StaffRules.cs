namespace Governance.Grids.Handling;

/// <summary>Where a role may be held: shared by registration, duty and the staff import.</summary>
public static class StaffRules
{
    /// <summary>Checks that <paramref name="role"/> fits the unit (known, in service, right level);
    /// errors go to <c>prefix + unitField</c>.</summary>
    public static void CheckPlace(FieldErrors errors, string prefix, string unitField, string unitCode, Unit? unit, string role)
    {
        if (unit is null) errors.Add(prefix + unitField, ProblemTexts.UnknownUnit(unitField, unitCode));
        else if (unit.Retired) errors.Add(prefix + unitField, GridsTexts.FieldRetired(unitField, unitCode));
        else if (!StaffRoles.IsHeldOn(role, unit.Level))
            errors.Add(prefix + unitField, GridsTexts.RoleLevel(role, StaffRoles.LevelsOf(role), unitCode, unit.Level));
    }

    /// <summary>A department handler names a department of their unit; nobody else names one.</summary>
    public static void CheckDepartment(FieldErrors errors, string prefix, string role, string? unitCode, Guid? departmentId, Department? department)
    {
        if (role == StaffRoles.DepartmentHandler && departmentId is null)
            errors.Add(prefix + "departmentId", GridsTexts.HandlerNeedsDepartment);
        else if (departmentId is { } id && role != StaffRoles.DepartmentHandler)
            errors.Add(prefix + "departmentId", GridsTexts.OnlyHandlerInDepartment);
        else if (departmentId is { } known && department is null)
            errors.Add(prefix + "departmentId", GridsTexts.UnknownDepartment(known));
        else if (department is not null && unitCode is not null && department.UnitCode != unitCode)
            errors.Add(prefix + "departmentId", GridsTexts.DepartmentElsewhere(department.UnitCode, unitCode));
    }

    public static string? Role(FieldErrors errors, string prefix, string? value, bool required = true)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(prefix + "role", ProblemTexts.Required("role"));
            return null;
        }
        if (StaffRoles.Normalise(text) is { } role) return role;
        errors.Add(prefix + "role", ProblemTexts.OneOf("role", StaffRoles.List()));
        return null;
    }

    /// <summary>
    /// A change of a person's details (PATCH) changes name, phone and ID number only. Any other field
    /// is refused by name rather than dropped in silence: a caller who sent a role would otherwise
    /// believe the person now holds it. Where there is another way, the message says which.
    /// </summary>
    public static void CheckUnchangeable(FieldErrors errors, IEnumerable<string> fields)
    {
        foreach (var field in fields)
            errors.Add(field, field.ToLowerInvariant() switch
            {
                "leftat" => GridsTexts.LeftAtNotHere,
                "id" or "version" => GridsTexts.CannotBeChanged(field),
                _ => GridsTexts.NotAChangeableField(field),
            });
    }
}
