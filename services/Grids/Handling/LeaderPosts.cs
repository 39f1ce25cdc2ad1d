namespace Governance.Grids.Handling;

/// <summary>A person with his leader post, his visit plan and where each planned unit stands.</summary>
public sealed record LeaderView(string PersonId, string Name, string Role, string UnitCode, LeaderPost? Leader, LeaderPlan? Plan,
    IReadOnlyList<PlannedUnit> Planned);

/// <summary>
/// Leader posts (领导干部联系点): a change of staff, so the county administrator's, or a township dispatcher's
/// for people below his township inside it (change-staff at the person's home unit and at every linked unit;
/// a county committee post only county-wide). The linked units are what the person's token claims, so a change
/// bumps his version and stamp and is announced like every staff change (docs/sessions.md): his earlier tokens
/// stop working and his next sign-in carries the new units.
/// </summary>
public static class LeaderPosts
{
    public static async Task<Outcome<LeaderView>> SetAsync(UnitOfWork<GridsDatabase> uow, string personId, SetLeaderPost? r, string actor, Reach reach)
    {
        var member = await StaffStore.FindAsync(uow, personId);
        if (member is null) return new Outcome<LeaderView>.NotFound();
        if (await reach.RefusalAtAsync(uow, member.UnitCode) is { } why) return new Outcome<LeaderView>.Forbidden(why);
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var post = Fields.Enum<LeaderPostKind>(errors, "", "post", r.Post);
        var linked = Codes(errors, "linkedUnits", r.LinkedUnits, LeaderPost.MaxLinkedUnits);
        if (r.VisitEveryDays is < 1 or > LeaderPlan.MaxEveryDays) errors.Add("visitEveryDays", GridsTexts.VisitEveryDays(LeaderPlan.MaxEveryDays));
        var planned = r.PlanUnits is null ? linked : Codes(errors, "planUnits", r.PlanUnits, LeaderPlan.MaxUnits);
        if (r.PlanUnits is not null && r.VisitEveryDays is null) errors.Add("visitEveryDays", GridsTexts.VisitEveryDaysWithPlan);
        if (errors.Any) return errors;

        // Every linked unit a live unit; a township committee member's inside his own township.
        var township = (await UnitStore.PathAsync(uow, member.UnitCode)).FirstOrDefault(u => u.Level == UnitLevel.Township)?.Code;
        if (post == LeaderPostKind.TownshipCommittee && township is null)
            errors.Add("post", GridsTexts.TownshipMemberInTownship(personId, member.UnitCode));
        for (var i = 0; i < linked!.Count; i++)
        {
            var path = await UnitStore.PathAsync(uow, linked[i]);
            if (path.Count == 0) { errors.Add($"linkedUnits[{i}]", GridsTexts.UnknownUnit(linked[i])); continue; }
            if (path[0].Retired) errors.Add($"linkedUnits[{i}]", GridsTexts.Retired(linked[i]));
            else if (post == LeaderPostKind.TownshipCommittee && township is not null && !path.Any(u => u.Code == township))
                errors.Add($"linkedUnits[{i}]", GridsTexts.LinkedInOwnTownship(township));
        }
        for (var i = 0; i < planned!.Count; i++)
        {
            var path = (await UnitStore.PathAsync(uow, planned[i])).Select(u => u.Code).ToList();
            if (!path.Any(linked.Contains)) errors.Add($"planUnits[{i}]", GridsTexts.NotLinkedNorInside(planned[i]));
        }
        if (errors.Any) return errors;
        if (post == LeaderPostKind.CountyCommittee && !reach.CountyWide)
            return new Outcome<LeaderView>.Forbidden(GridsTexts.CountyPostToSet);
        // Replacing a county committee member's post ends it: the county's, as ending it is (outside probe of #18:
        // a township dispatcher turned one into his township's and could then reset the person's password).
        if (member.Leader is { Post: LeaderPostKind.CountyCommittee } && !reach.CountyWide)
            return new Outcome<LeaderView>.Forbidden(GridsTexts.CountyPostToEnd);
        if (await reach.RefusalAtAnyAsync(uow, [.. linked]) is { } outside) return new Outcome<LeaderView>.Forbidden(outside);
        if (member.LeftAt is not null) return new Outcome<LeaderView>.Conflict(GridsTexts.LeftService(personId));

        var old = await LeaderStore.PlanOfAsync(uow, personId);
        LeaderPlan? plan = null;
        if (r.VisitEveryDays is { } every)
        {
            // The same plan set again keeps its clock; a changed one starts it now.
            var same = old is not null && old.EveryDays == every && old.UnitCodes.Order().SequenceEqual(planned.Order());
            plan = new LeaderPlan(personId, every, planned, same ? old!.Since : uow.Now, same ? old!.SetBy : actor);
        }
        return await SaveAsync(uow, member, new LeaderPost(post!.Value, linked), plan);
    }

    /// <summary>The post and plan end; his earlier tokens (with the linked units) stop working.</summary>
    public static async Task<Outcome<LeaderView>> RemoveAsync(UnitOfWork<GridsDatabase> uow, string personId, Reach reach)
    {
        var member = await StaffStore.FindAsync(uow, personId);
        if (member is null) return new Outcome<LeaderView>.NotFound();
        if (await reach.RefusalAtAsync(uow, member.UnitCode) is { } why) return new Outcome<LeaderView>.Forbidden(why);
        if (member.Leader is { Post: LeaderPostKind.CountyCommittee } && !reach.CountyWide)
            return new Outcome<LeaderView>.Forbidden(GridsTexts.CountyPostToEnd);
        if (member.Leader is null) return new Outcome<LeaderView>.Done(new LeaderView(member.Id, member.Name, member.Role, member.UnitCode, null, null, []));
        return await SaveAsync(uow, member, null, null);
    }

    private static async Task<Outcome<LeaderView>> SaveAsync(UnitOfWork<GridsDatabase> uow, StaffMember member, LeaderPost? post, LeaderPlan? plan)
    {
        var changed = member with { Leader = post, Version = member.Version + 1 };
        if (!await StaffStore.SetLeaderAsync(uow, changed, member.Version))
            return new Outcome<LeaderView>.Conflict(GridsTexts.ChangedMeanwhile(member.Id));
        await LeaderStore.SetPlanAsync(uow, member.Id, plan);
        await StaffAnnouncer.AnnounceAsync(uow, [member.Id]);
        return new Outcome<LeaderView>.Done(await LeaderViews.OfAsync(uow, changed, uow.Now));
    }

    /// <summary>A list of unit codes, each checked, no repeats (kept in the order given).</summary>
    private static List<string>? Codes(FieldErrors errors, string field, IReadOnlyList<string?>? values, int max)
    {
        if (values is null || values.Count == 0) { errors.Add(field, GridsTexts.UnitsAtLeastOne(field)); return null; }
        if (values.Count > max) { errors.Add(field, GridsTexts.UnitsAtMost(field, max)); return null; }
        var codes = new List<string>();
        for (var i = 0; i < values.Count; i++)
            if (Fields.Code(errors, "", $"{field}[{i}]", values[i], UnitChanges.MaxCodeLength) is { } code && !codes.Contains(code)) codes.Add(code);
        return errors.Any ? null : codes;
    }
}
