namespace Governance.Grids.Handling;

/// <summary>
/// Registering people, changing their details, starting and ending their duty periods, and their
/// leaving. Every change bumps the person's version and is announced (StaffChanged, with all their
/// duty periods) in the caller's transaction. A change to someone already registered is checked
/// against the caller's reach at his home unit and, for duty, at the duty's unit too (a move).
/// </summary>
public static class StaffChanges
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 100;

    public static async Task<Outcome<StaffMember>> RegisterAsync(UnitOfWork<GridsDatabase> uow, RegisterStaff? r, string actor)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var id = Fields.Code(errors, "", "id", r.Id, MaxIdLength, required: false) ?? Guid.CreateVersion7().ToString();
        var name = Fields.Text(errors, "", "name", r.Name, MaxNameLength);
        var role = StaffRules.Role(errors, "", r.Role);
        var unitCode = Fields.Code(errors, "", "unitCode", r.UnitCode, UnitChanges.MaxCodeLength);
        var phone = Fields.Phone(errors, "", "phone", r.Phone);
        var idNumber = Fields.IdNumber(errors, "", "idNumber", r.IdNumber);
        var dutyFrom = Fields.Moment(errors, "", "dutyFrom", r.DutyFrom) ?? uow.Now;
        if (role is not null && unitCode is not null)
        {
            StaffRules.CheckPlace(errors, "", "unitCode", unitCode, await UnitStore.FindAsync(uow, unitCode), role);
            var department = r.DepartmentId is { } d ? await DepartmentStore.FindAsync(uow, d) : null;
            StaffRules.CheckDepartment(errors, "", role, unitCode, r.DepartmentId, department);
        }
        if (errors.Any) return errors;
        if (await StaffStore.FindAsync(uow, id) is not null)
            return new Outcome<StaffMember>.Conflict(GridsTexts.PersonRegistered(id));

        var member = new StaffMember(id, name!, role!, unitCode!, phone, idNumber, r.DepartmentId);
        await InsertAsync(uow, [member], [dutyFrom], actor);
        return new Outcome<StaffMember>.Done(member);
    }

    /// <summary>New people, each on duty at their home unit in their role from the given moment, announced.</summary>
    public static async Task InsertAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyList<StaffMember> people, IReadOnlyList<DateTimeOffset> dutyFrom, string actor)
    {
        var duties = people.Select((p, i) => new DutyAssignment(Guid.CreateVersion7(), p.Id, p.UnitCode, p.Role, dutyFrom[i], null, actor)).ToList();
        await StaffStore.InsertStaffAsync(uow, people);
        await StaffStore.InsertDutiesAsync(uow, duties, uow.Now);
        await StaffAnnouncer.AnnounceAsync(uow, people, duties.ToLookup(d => d.StaffId));
    }

    public static async Task<Outcome<StaffMember>> UpdateAsync(UnitOfWork<GridsDatabase> uow, string id, UpdateStaff? r, Reach reach)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var read = await StaffStore.FindAsync(uow, id);
        if (read is null) return new Outcome<StaffMember>.NotFound();
        if (await reach.RefusalAtAsync(uow, read.UnitCode) is { } why) return new Outcome<StaffMember>.Forbidden(why);
        var member = read;
        var name = r.Name is null ? null : Fields.Text(errors, "", "name", r.Name, MaxNameLength);
        // An empty string clears a phone or ID number; left out, it stays.
        var phone = r.Phone is null ? null : Fields.Phone(errors, "", "phone", r.Phone);
        var idNumber = r.IdNumber is null ? null : Fields.IdNumber(errors, "", "idNumber", r.IdNumber);
        StaffRules.CheckUnchangeable(errors, r.OtherFields ?? []);
        if (errors.Any) return errors;
        if (StaffPosts.Changes(r))
        {
            if (member.LeftAt is not null) return new Outcome<StaffMember>.Conflict(GridsTexts.LeftService(id));
            var posting = await StaffPosts.ApplyAsync(uow, member, r, errors, reach);
            if (posting is not Outcome<StaffMember>.Done posted) return posting;
            member = posted.Value;
        }

        var changed = member with
        {
            Name = name ?? member.Name,
            Phone = r.Phone is null ? member.Phone : phone,
            IdNumber = r.IdNumber is null ? member.IdNumber : idNumber,
        };
        if (changed == read) return new Outcome<StaffMember>.Done(read);
        return await SaveAsync(uow, read, changed with { Version = read.Version + 1 });
    }

    /// <summary>The person left the service: every open duty period ends now.</summary>
    public static async Task<Outcome<StaffMember>> LeaveAsync(UnitOfWork<GridsDatabase> uow, string id, Reach reach)
    {
        var member = await StaffStore.FindAsync(uow, id);
        if (member is null) return new Outcome<StaffMember>.NotFound();
        if (await reach.RefusalAtAsync(uow, member.UnitCode) is { } why) return new Outcome<StaffMember>.Forbidden(why);
        if (member.LeftAt is not null) return new Outcome<StaffMember>.Conflict(GridsTexts.LeftAlready(id));
        var left = member with { LeftAt = uow.Now, Version = member.Version + 1 };
        if (!await StaffStore.UpdateAsync(uow, left, member.Version)) return Concurrent<StaffMember>(id);
        foreach (var duty in (await StaffStore.DutiesOfAsync(uow, [id]))[id])
            if (duty.Until is null || duty.Until > uow.Now)
                await StaffStore.EndDutyAsync(uow, duty.Id, duty.From > uow.Now ? duty.From : uow.Now);
        await StaffAnnouncer.AnnounceAsync(uow, [id]);
        return new Outcome<StaffMember>.Done(left);
    }

    /// <summary>Puts a person on duty at a unit (elsewhere than his home unit: a move); the caller
    /// must reach both.</summary>
    public static async Task<Outcome<DutyAssignment>> StartDutyAsync(UnitOfWork<GridsDatabase> uow, string unitCode, StartDuty? r, string actor, Reach reach)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var staffId = Fields.Code(errors, "", "staffId", r.StaffId, MaxIdLength);
        var role = StaffRules.Role(errors, "", r.Role, required: false);
        var from = Fields.Moment(errors, "", "from", r.From) ?? uow.Now;
        var until = Fields.Moment(errors, "", "until", r.Until);
        if (until is { } u && u <= from) errors.Add("until", GridsTexts.UntilAfterFrom);
        if (errors.Any) return errors;

        var unit = await UnitStore.FindAsync(uow, unitCode);
        if (unit is null) return new Outcome<DutyAssignment>.NotFound();
        var member = await StaffStore.FindAsync(uow, staffId!);
        if (member is null) return errors.Add("staffId", GridsTexts.NotRegisteredPerson("staffId", staffId));
        if (await reach.RefusalAtAnyAsync(uow, member.UnitCode, unitCode) is { } why) return new Outcome<DutyAssignment>.Forbidden(why);
        if (member.LeftAt is not null) return errors.Add("staffId", GridsTexts.LeftService(staffId));
        role ??= member.Role;
        StaffRules.CheckPlace(errors, "", "unitCode", unitCode, unit, role);
        if (errors.Any) return errors;

        if (!await BumpAsync(uow, member)) return Concurrent<DutyAssignment>(member.Id);
        var duty = new DutyAssignment(Guid.CreateVersion7(), member.Id, unitCode, role, from, until, actor);
        await StaffStore.InsertDutiesAsync(uow, [duty], uow.Now);
        await StaffAnnouncer.AnnounceAsync(uow, [member.Id]);
        return new Outcome<DutyAssignment>.Done(duty);
    }

    public static async Task<Outcome<DutyAssignment>> EndDutyAsync(UnitOfWork<GridsDatabase> uow, Guid dutyId, EndDuty? r, Reach reach)
    {
        var errors = new FieldErrors();
        var at = Fields.Moment(errors, "", "at", r?.At) ?? uow.Now;
        if (errors.Any) return errors;
        var duty = await StaffStore.FindDutyAsync(uow, dutyId);
        if (duty is null) return new Outcome<DutyAssignment>.NotFound();
        var member = (await StaffStore.FindAsync(uow, duty.StaffId))!;
        if (await reach.RefusalAtAnyAsync(uow, member.UnitCode, duty.UnitCode) is { } why) return new Outcome<DutyAssignment>.Forbidden(why);
        if (duty.Until is { } until && until <= at) return new Outcome<DutyAssignment>.Conflict(GridsTexts.DutyEnded(until));
        if (at < duty.From) return errors.Add("at", GridsTexts.AtNotBeforeDuty);

        if (!await BumpAsync(uow, member)) return Concurrent<DutyAssignment>(member.Id);
        await StaffStore.EndDutyAsync(uow, dutyId, at);
        await StaffAnnouncer.AnnounceAsync(uow, [member.Id]);
        return new Outcome<DutyAssignment>.Done(duty with { Until = at });
    }

    /// <summary>Bumps the versions of people whose duties changed as a side effect (a retired
    /// unit ended them) and announces them.</summary>
    public static async Task BumpAndAnnounceAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyList<string> staffIds)
    {
        foreach (var (_, member) in await StaffStore.FindManyAsync(uow, staffIds))
            if (!await BumpAsync(uow, member))
                throw new InvalidOperationException($"'{member.Id}' changed within this transaction");
        await StaffAnnouncer.AnnounceAsync(uow, staffIds);
    }

    /// <summary>A change to someone's duties is a change to them: their version grows first, so
    /// that a concurrent change is detected before anything is written.</summary>
    private static Task<bool> BumpAsync(UnitOfWork<GridsDatabase> uow, StaffMember member) =>
        StaffStore.UpdateAsync(uow, member with { Version = member.Version + 1 }, member.Version);

    private static async Task<Outcome<StaffMember>> SaveAsync(UnitOfWork<GridsDatabase> uow, StaffMember read, StaffMember changed)
    {
        if (!await StaffStore.UpdateAsync(uow, changed, read.Version)) return Concurrent<StaffMember>(read.Id);
        await StaffAnnouncer.AnnounceAsync(uow, [changed.Id]);
        return new Outcome<StaffMember>.Done(changed);
    }

    private static Outcome<T> Concurrent<T>(string id) =>
        new Outcome<T>.Conflict(GridsTexts.ChangedMeanwhile(id));
}
