namespace Governance.Grids.Handling;

/// <summary>
/// A change of a person's post: his role, home unit or department — what his token claims, so the
/// change also changes his security stamp and ends the sessions he holds (docs/sessions.md). Checked
/// like a registration; a new home unit must be within the caller's reach too. Duty periods are not
/// touched: they are started and ended on their own (a move is a duty elsewhere).
/// </summary>
public static class StaffPosts
{
    public static bool Changes(UpdateStaff r) => r.Role is not null || r.UnitCode is not null || r.DepartmentId is not null;

    /// <summary>The person in his new post, or <paramref name="errors"/> filled, or why the new unit is not
    /// within the caller's reach.</summary>
    public static async Task<Outcome<StaffMember>> ApplyAsync(UnitOfWork<GridsDatabase> uow, StaffMember member, UpdateStaff r,
        FieldErrors errors, Reach reach)
    {
        var role = r.Role is null ? member.Role : StaffRules.Role(errors, "", r.Role);
        var unitCode = r.UnitCode is null ? member.UnitCode : Fields.Code(errors, "", "unitCode", r.UnitCode, UnitChanges.MaxCodeLength);
        if (role is null || unitCode is null) return errors;
        // A new role or home unit takes its department from the body (none unless given); otherwise it stays.
        var departmentId = r.DepartmentId ?? (role == member.Role && unitCode == member.UnitCode ? member.DepartmentId : null);
        StaffRules.CheckPlace(errors, "", "unitCode", unitCode, await UnitStore.FindAsync(uow, unitCode), role);
        var department = departmentId is { } d ? await DepartmentStore.FindAsync(uow, d) : null;
        StaffRules.CheckDepartment(errors, "", role, unitCode, departmentId, department);
        if (errors.Any) return errors;
        if (await reach.RefusalAtAsync(uow, unitCode) is { } why) return new Outcome<StaffMember>.Forbidden($"{unitCode}: {why}");
        return new Outcome<StaffMember>.Done(member with { Role = role, UnitCode = unitCode, DepartmentId = departmentId });
    }
}
