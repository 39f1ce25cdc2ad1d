namespace Governance.Grids.Handling;

/// <summary>Registers people under care (精准关爱): shared checks for the API and the CSV import.</summary>
public static class CareRegistration
{
    /// <summary>The fields of one subject, checked; null where a field is wrong (errors say why).</summary>
    public sealed record Checked(CareSubjectKind? Kind, string? Name, string? IdNumber, string? Phone, string? CourtyardCode,
        string? GridWorkerId, int? VisitEveryDays, string? Notes);

    public static Checked CheckFields(FieldErrors errors, string prefix, RegisterCareSubject r)
    {
        var kind = Fields.Enum<CareSubjectKind>(errors, prefix, "kind", r.Kind);
        var every = Fields.Integer(errors, prefix, "visitEveryDays", r.VisitEveryDays, 1, CareSchedule.MaxEveryDays, required: false);

        return new Checked(kind,
            Fields.Text(errors, prefix, "name", r.Name, 100),
            Fields.IdNumber(errors, prefix, "idNumber", r.IdNumber),
            Fields.Phone(errors, prefix, "phone", r.Phone),
            Fields.Code(errors, prefix, "courtyardCode", r.CourtyardCode, UnitChanges.MaxCodeLength),
            Fields.Code(errors, prefix, "gridWorkerId", r.GridWorkerId, StaffChanges.MaxIdLength),
            every ?? (kind is { } k ? CareSchedule.DefaultEveryDays(k) : null),
            Fields.Text(errors, prefix, "notes", r.Notes, 1000, required: false));
    }

    /// <summary>The courtyard must be one in service; the responsible person a grid worker still in service
    /// whose unit holds the courtyard (grid workers are posted at a grid: the courtyard's grid). A worker of
    /// another grid could neither read the subject nor see his visits fall due: nobody would visit.</summary>
    public static void CheckPlaceAndWorker(FieldErrors errors, string prefix, Checked c, Unit? courtyard, StaffMember? worker)
    {
        if (c.CourtyardCode is { } code)
        {
            if (courtyard is null) errors.Add(prefix + "courtyardCode", ProblemTexts.UnknownUnit("courtyardCode", code));
            else if (courtyard.Level != UnitLevel.Courtyard) errors.Add(prefix + "courtyardCode", GridsTexts.MustBeCourtyard(code, Codes.Of(courtyard.Level)));
            else if (courtyard.Retired) errors.Add(prefix + "courtyardCode", GridsTexts.FieldRetired("courtyardCode", code));
        }
        if (c.GridWorkerId is { } id)
        {
            if (worker is null) errors.Add(prefix + "gridWorkerId", GridsTexts.NotRegisteredPerson("gridWorkerId", id));
            else if (!StaffRoles.GridWorkers.Contains(worker.Role)) errors.Add(prefix + "gridWorkerId", GridsTexts.NotAGridWorker(id, worker.Role));
            else if (worker.LeftAt is not null) errors.Add(prefix + "gridWorkerId", GridsTexts.LeftService(id));
            else if (courtyard is { Level: UnitLevel.Courtyard, Retired: false } && worker.UnitCode != courtyard.Code && worker.UnitCode != courtyard.ParentCode)
                errors.Add(prefix + "gridWorkerId",
                    GridsTexts.WorkerOfOtherGrid(id, worker.UnitCode, courtyard.Code, courtyard.ParentCode));
        }

    }

    public static CareSubject ToSubject(Checked c, DateTimeOffset now, string actor) =>
        new(Guid.CreateVersion7(), c.Kind!.Value, c.Name!, c.IdNumber, c.Phone, c.CourtyardCode!, c.GridWorkerId!, c.VisitEveryDays!.Value,
            c.Notes, now, actor, null, CareSchedule.DueAt(now, null, c.VisitEveryDays.Value), 1);

    public static async Task<Outcome<CareSubject>> RegisterAsync(UnitOfWork<GridsDatabase> uow, RegisterCareSubject? r, string actor)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var c = CheckFields(errors, "", r);
        var courtyard = c.CourtyardCode is null ? null : await UnitStore.FindAsync(uow, c.CourtyardCode);
        var worker = c.GridWorkerId is null ? null : await StaffStore.FindAsync(uow, c.GridWorkerId);
        CheckPlaceAndWorker(errors, "", c, courtyard, worker);
        if (errors.Any) return errors;

        var subject = ToSubject(c, uow.Now, actor);
        await CareStore.InsertSubjectsAsync(uow, [subject]);
        return new Outcome<CareSubject>.Done(subject);
    }
}
