namespace Governance.Grids.Data;

/// <summary>
/// Writes a generated county into an empty Grids database and announces it, all in the caller's
/// transaction: units with their "created" history, boundaries, people and their duties,
/// departments, care subjects. Everything goes in multi-row batches (a county of ~45,000 units and
/// ~49,000 people is a few hundred statements) and is announced in batches of 500.
/// </summary>
public static class DemoCountySeeder
{
    /// <summary>False, and nothing written, if the database already holds units.</summary>
    public static async Task<bool> SeedAsync(UnitOfWork<GridsDatabase> uow, DemoCountyData county)
    {
        if (await UnitStore.CountUnitsAsync(uow) > 0) return false;

        await UnitStore.InsertUnitsAsync(uow, county.Units);
        await UnitStore.AddHistoryAsync(uow, county.Units.Select(u => new UnitChange(Guid.CreateVersion7(), u.Code, u.Version,
            UnitChangeKind.Created, null, u.Name, DemoCounty.SeededBy, uow.Now)).ToList());
        await BoundaryStore.InsertAsync(uow, county.Boundaries, uow.Now);
        // Departments before people: a department handler names their department.
        await DepartmentStore.InsertAsync(uow, county.Departments, uow.Now);
        await StaffStore.InsertStaffAsync(uow, county.Staff);
        await StaffStore.InsertDutiesAsync(uow, county.Duties, uow.Now);
        await CareStore.InsertSubjectsAsync(uow, county.CareSubjects);
        foreach (var plan in county.LeaderPlans) await LeaderStore.SetPlanAsync(uow, plan.PersonId, plan);


        await UnitAnnouncer.AnnounceAsync(uow, county.Units);
        await DepartmentAnnouncer.AnnounceAsync(uow, county.Departments);
        await StaffAnnouncer.AnnounceAsync(uow, county.Staff, county.Duties.ToLookup(d => d.StaffId));
        return true;
    }
}
