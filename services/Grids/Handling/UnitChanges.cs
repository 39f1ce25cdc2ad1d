namespace Governance.Grids.Handling;

/// <summary>
/// Creating, renaming, moving (re-gridding) and retiring units. Each change bumps the unit's
/// version, is written to its history (what, from, to, who, when) and announced with
/// UnitsUpserted, all in the caller's transaction. Splitting a grid is creating a grid and moving
/// courtyards into it; merging is moving the courtyards out and retiring the emptied grid.
/// </summary>
public static class UnitChanges
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 200;

    public static async Task<Outcome<Unit>> CreateAsync(UnitOfWork<GridsDatabase> uow, CreateUnit? r, string actor)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var code = Fields.Code(errors, "", "code", r.Code, MaxCodeLength);
        var name = Fields.Text(errors, "", "name", r.Name, MaxNameLength);
        var level = Fields.Enum<UnitLevel>(errors, "", "level", r.Level);
        var parentCode = Fields.Code(errors, "", "parentCode", r.ParentCode, MaxCodeLength, required: level is not UnitLevel.County);
        if (level == UnitLevel.County && parentCode is not null) errors.Add("parentCode", GridsTexts.CountyNoParent);
        if (level is { } l and not UnitLevel.County && parentCode is not null
            && WhyNotParent(l, await UnitStore.FindAsync(uow, parentCode), parentCode) is { } why)
            errors.Add("parentCode", $"parentCode: {why}");
        if (errors.Any) return errors;
        if (await UnitStore.FindAsync(uow, code!) is not null)
            return new Outcome<Unit>.Conflict(GridsTexts.UnitExists(code));

        var unit = new Unit(code!, name!, level!.Value, parentCode, 1);
        await InsertAsync(uow, [unit], actor);
        return new Outcome<Unit>.Done(unit);
    }

    /// <summary>New units, parents first, with their "created" history, announced.</summary>
    public static async Task InsertAsync(UnitOfWork<GridsDatabase> uow, IReadOnlyList<Unit> units, string actor)
    {
        await UnitStore.InsertUnitsAsync(uow, units);
        await UnitStore.AddHistoryAsync(uow, units.Select(u =>
            new UnitChange(Guid.CreateVersion7(), u.Code, u.Version, UnitChangeKind.Created, null, u.Name, actor, uow.Now)).ToList());
        await UnitAnnouncer.AnnounceAsync(uow, units);
    }

    public static async Task<Outcome<Unit>> UpdateAsync(UnitOfWork<GridsDatabase> uow, string code, UpdateUnit? r, string actor)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var name = r.Name is null ? null : Fields.Text(errors, "", "name", r.Name, MaxNameLength);
        var parentCode = r.ParentCode is null ? null : Fields.Code(errors, "", "parentCode", r.ParentCode, MaxCodeLength);
        if (errors.Any) return errors;

        var unit = await UnitStore.FindAsync(uow, code);
        if (unit is null) return new Outcome<Unit>.NotFound();
        if (unit.Retired) return new Outcome<Unit>.Conflict(GridsTexts.RetiredDoesNotChange(code));
        if (parentCode is not null && parentCode != unit.ParentCode
            && WhyNotParent(unit.Level, await UnitStore.FindAsync(uow, parentCode), parentCode) is { } why)
            return errors.Add("parentCode", $"parentCode: {why}");

        var changed = await ChangeAsync(uow, unit, name, parentCode, actor);
        return changed is null
            ? new Outcome<Unit>.Conflict(GridsTexts.ChangedMeanwhile(code))
            : new Outcome<Unit>.Done(changed);
    }

    /// <summary>Renames and/or moves an already validated unit: one version and one history entry
    /// per change, one announcement. Null if the unit changed since it was read.</summary>
    public static async Task<Unit?> ChangeAsync(UnitOfWork<GridsDatabase> uow, Unit unit, string? name, string? parentCode, string actor)
    {
        var history = new List<UnitChange>();
        var changed = unit;
        if (name is not null && name != unit.Name)
        {
            changed = changed with { Name = name, Version = changed.Version + 1 };
            history.Add(new UnitChange(Guid.CreateVersion7(), unit.Code, changed.Version, UnitChangeKind.Renamed, unit.Name, name, actor, uow.Now));
        }
        if (parentCode is not null && parentCode != unit.ParentCode)
        {
            changed = changed with { ParentCode = parentCode, Version = changed.Version + 1 };
            history.Add(new UnitChange(Guid.CreateVersion7(), unit.Code, changed.Version, UnitChangeKind.Moved, unit.ParentCode, parentCode, actor, uow.Now));
        }
        if (history.Count == 0) return unit;
        if (!await UnitStore.UpdateAsync(uow, changed, unit.Version)) return null;
        await UnitStore.AddHistoryAsync(uow, history);
        await UnitAnnouncer.AnnounceAsync(uow, [changed]);
        return changed;
    }

    /// <summary>Retires a unit with nothing left under it. Its duty periods end now; it stays
    /// readable, and cases filed there keep it.</summary>
    public static async Task<Outcome<Unit>> RetireAsync(UnitOfWork<GridsDatabase> uow, string code, string actor)
    {
        var unit = await UnitStore.FindAsync(uow, code);
        if (unit is null) return new Outcome<Unit>.NotFound();
        if (unit.Retired) return new Outcome<Unit>.Conflict(GridsTexts.RetiredAlready(code));
        if (unit.Level == UnitLevel.County) return new Outcome<Unit>.Conflict(GridsTexts.CountyNotRetired);
        if (await UnitStore.ActiveChildrenAsync(uow, code) is var children and > 0)
            return new Outcome<Unit>.Conflict(GridsTexts.StillHasChildren(code, children));
        if (unit.Level == UnitLevel.Courtyard && (await CareStore.ListAsync(uow, code, null, null, null, 1, 0)).Count > 0)
            return new Outcome<Unit>.Conflict(GridsTexts.CareSubjectsLiveThere(code));

        var retired = unit with { Version = unit.Version + 1, RetiredAt = uow.Now };
        if (!await UnitStore.UpdateAsync(uow, retired, unit.Version))
            return new Outcome<Unit>.Conflict(GridsTexts.ChangedMeanwhile(code));
        await UnitStore.AddHistoryAsync(uow, [new UnitChange(Guid.CreateVersion7(), code, retired.Version, UnitChangeKind.Retired, null, null, actor, uow.Now)]);
        await UnitAnnouncer.AnnounceAsync(uow, [retired]);

        var offDuty = await StaffStore.EndDutiesAtUnitAsync(uow, code, uow.Now);
        await StaffChanges.BumpAndAnnounceAsync(uow, offDuty);
        return new Outcome<Unit>.Done(retired);
    }

    /// <summary>Why <paramref name="parent"/> cannot hold a unit of <paramref name="level"/> (<see cref="UnitTree"/>), or null if it can.</summary>
    public static Bilingual? WhyNotParent(UnitLevel level, Unit? parent, string parentCode)
    {
        if (UnitTree.ParentLevel(level) is not { } wanted) return GridsTexts.CountyNoParent;
        if (parent is null) return GridsTexts.UnknownUnit(parentCode);
        if (parent.Retired) return GridsTexts.Retired(parentCode);
        return parent.Level == wanted ? null : GridsTexts.BelongsUnder(level, wanted, parentCode, parent.Level);
    }
}
