namespace Governance.Grids.Handling;

/// <summary>
/// Records a visit to a care subject and moves their next due date. A visit that found a problem
/// files it: Grids picks the case's id and publishes CareVisitReportedIncident in the same
/// transaction as the visit, and Incidents files the case (once, whatever the redeliveries).
/// </summary>
public static class CareVisits
{
    /// <summary>The caller must reach the subject's courtyard (<paramref name="reach"/>); <paramref name="idleEnd"/> is
    /// when a patrol the visit might belong to counts as forgotten (<see cref="PatrolIdleEnd"/>).</summary>
    public static async Task<Outcome<CareVisit>> RecordAsync(UnitOfWork<GridsDatabase> uow, Guid subjectId, RecordVisit? r, string actor, Reach reach,
        TimeSpan idleEnd)
    {
        // Whose subject first: one outside the caller's reach is refused whatever the visit says, even
        // nothing at all (404, 403, then 400: docs/permissions.md).
        var subject = await CareStore.FindSubjectAsync(uow, subjectId);
        if (subject is null) return new Outcome<CareVisit>.NotFound();
        if (await reach.RefusalAtAsync(uow, subject.CourtyardCode) is { } why) return new Outcome<CareVisit>.Forbidden(why);
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);


        var findings = Fields.Text(errors, "", "findings", r.Findings, 4000);
        var visitedBy = Fields.Text(errors, "", "visitedBy", r.VisitedBy, 100, required: false) ?? actor;
        var visitedAt = Fields.Moment(errors, "", "visitedAt", r.VisitedAt) ?? uow.Now;
        if (visitedAt > uow.Now) errors.Add("visitedAt", GridsTexts.NotInFuture("visitedAt"));
        var found = r.Incident is { } i ? VisitIncidents.Read(errors, "incident.", i) : null;
        if (errors.Any) return errors;
        if (visitedAt < subject.RegisteredAt) return errors.Add("visitedAt", GridsTexts.NotBeforeRegistered);
        if (visitedBy != actor && await VisitorRefusalAsync(uow, visitedBy, subject.CourtyardCode, visitedAt) is { } notAVisitor)
            return errors.Add("visitedBy", notAVisitor);
        if (r.Incident is not null && await UnitStore.FindAsync(uow, subject.CourtyardCode) is { Retired: true })
            return new Outcome<CareVisit>.Conflict(GridsTexts.CourtyardRetiredNoCase(subject.CourtyardCode));

        var visit = new CareVisit(Guid.CreateVersion7(), subjectId, visitedBy, visitedAt, findings!,
            r.Incident is null ? null : Guid.CreateVersion7(), actor, uow.Now);
        var last = CareSchedule.LastVisit(subject.LastVisitAt, visitedAt);
        var updated = subject with
        {
            LastVisitAt = last,
            VisitDueAt = CareSchedule.DueAt(subject.RegisteredAt, last, subject.VisitEveryDays),
            Version = subject.Version + 1,
        };
        if (!await CareStore.AddVisitAsync(uow, visit, updated, subject.Version))
            return new Outcome<CareVisit>.Conflict(GridsTexts.SubjectChanged);
        // The case is filed by the person who recorded it (the token's subject), whoever he names as the
        // visitor: every step records who took it, and the reporter may read and verify the case.
        // A visit made during the visitor's patrol belongs to it (the patrol log shows what was done).
        await Patrols.AttachAsync(uow, visit.VisitedBy, VisitLinkKind.CareVisit, visit.Id, visitedAt, idleEnd);
        if (visit.IncidentId is { } incidentId)
            await uow.PublishAsync(new CareVisitReportedIncident(incidentId, subject.CourtyardCode, found!.Category, found.Grade,
                found.Title, found.Description, actor, visit.Id, visitedAt));
        return new Outcome<CareVisit>.Done(visit);
    }

    /// <summary>
    /// Someone other than the caller is named as the visitor: he must be a registered person who has not
    /// left, on duty at <paramref name="visitedAt"/> as a grid worker or courtyard lead at the subject's
    /// courtyard or its grid — the people who visit there. Otherwise a visit (and the case it files, whose
    /// reporter he becomes) could be put in the name of anyone, another township's dispatcher included.
    /// </summary>
    private static async Task<string?> VisitorRefusalAsync(UnitOfWork<GridsDatabase> uow, string visitedBy, string courtyardCode, DateTimeOffset visitedAt)
    {
        var person = await StaffStore.FindAsync(uow, visitedBy);
        if (person is null) return GridsTexts.NotRegisteredPerson("visitedBy", visitedBy);
        if (person.LeftAt is not null) return GridsTexts.FieldLeftService("visitedBy", visitedBy);
        var grid = (await UnitStore.FindAsync(uow, courtyardCode))?.ParentCode;
        var duties = (await StaffStore.DutiesOfAsync(uow, [visitedBy]))[visitedBy];
        var there = duties.Any(d => (d.UnitCode == courtyardCode || d.UnitCode == grid) && Visitors.Contains(d.Role) && d.IsOnDutyAt(visitedAt));
        return there ? null
            : GridsTexts.VisitorNotOnDuty(visitedBy, visitedAt);
    }

    private static readonly string[] Visitors = [.. StaffRoles.GridWorkers, StaffRoles.CourtyardLead];
}
