using Governance.Incidents.Dashboard;

namespace Governance.Incidents.Handling;

/// <summary>
/// What people do to a case: acknowledge, resolve, ask to escalate, verify, re-grade, report
/// casualties. Each is checked against the lifecycle, recorded on the timeline and announced through
/// the outbox in one transaction.
/// </summary>
public static class CaseActions
{
    /// <summary>签收; the wait since the case was put on its holder goes into the time-to-accept figures.</summary>
    public static async Task<Outcome<Incident>> AcceptAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor)
    {
        var outcome = await ApplyAsync(uow, id, IncidentAction.Accept, actor, TimelineAction.Accepted, null, i => i,
            i => new IncidentAccepted(i.Id, actor, uow.Now));
        if (outcome is Outcome<Incident>.Done done)
            await DashboardProjector.AcceptedAsync(uow, done.Value, await TimelineStore.HandedAtAsync(uow, id) ?? done.Value.FiledAt);
        return outcome;
    }

    /// <summary>办结; the caller who left a phone is offered his 回访 link in the same transaction.</summary>
    public static async Task<Outcome<Incident>> ResolveAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, string note)
    {
        var outcome = await ApplyAsync(uow, id, IncidentAction.Resolve, actor, TimelineAction.Resolved, note,
            i => i with { ResolvedBy = actor, ResolvedAt = uow.Now }, i => new IncidentResolved(i.Id, actor, note, uow.Now));
        if (outcome is Outcome<Incident>.Done done) await ReturnVisits.OfferAsync(uow, done.Value);
        return outcome;
    }

    /// <summary>反馈: a progress note from the holder, on the timeline; the case's state does not change.</summary>
    public static async Task<Outcome<Incident>> NoteAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, string text)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new Outcome<Incident>.NotFound();
        if (incident.Status is not (IncidentStatus.Assigned or IncidentStatus.Accepted or IncidentStatus.Reopened))
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.NotesWhileWorked);
        var noted = incident with { UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, noted);
        TimelineStore.Add(uow, id,
            new TimelineEntry(uow.Now, actor, TimelineAction.Note, incident.Tier, incident.HandlingUnitCode, text));
        return new Outcome<Incident>.Done(noted);
    }

    /// <summary>核查: by someone other than the handler who resolved it (supervision separate from
    /// command, as in 数字城管). Not solved twice sends the case up a tier (Dispatch decides).</summary>
    /// <param name="timelineReason">What the timeline says instead of "result: comment" (the resident's 回访: "群众回访：满意；…").</param>
    public static async Task<Outcome<Incident>> VerifyAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor,
        VerificationResult result, Satisfaction? satisfaction, string? comment, string? timelineReason = null)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is not null && incident.ResolvedBy == actor)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.ResolverCannotVerify);
        // 包案: a case in a leader's hand, verified solved, waits for his sign-off instead of closing.
        var inHand = incident is null ? null : await InHandStore.FindAsync(uow, id);
        var action = result switch
        {
            VerificationResult.Solved => InHandRules.VerifiedSolved(inHand is not null),
            VerificationResult.PartlySolved => IncidentAction.VerifyPartlySolved,
            _ => IncidentAction.VerifyNotSolved,
        };
        var why = timelineReason is null ? TimelineReasons.Verified(Codes.Of(result), comment) : null;
        var outcome = await ApplyAsync(uow, id, action, actor, result == VerificationResult.Solved ? TimelineAction.Verified : TimelineAction.Reopened, timelineReason,
            i => i with
            {
                Satisfaction = satisfaction ?? i.Satisfaction,
                NotSolvedCount = i.NotSolvedCount + (result == VerificationResult.NotSolved ? 1 : 0),
            },
            i => new IncidentVerified(i.Id, actor, result, satisfaction, comment, i.NotSolvedCount, uow.Now), reasonCode: why);
        // Staff may verify while the resident's link is outstanding (he may never answer): the link stops answering.
        if (outcome is Outcome<Incident>.Done && actor != ReturnVisit.ResidentActor) await ReturnVisitStore.VoidOpenAsync(uow, id, "verified-by-staff");
        if (outcome is Outcome<Incident>.Done { Value.Status: IncidentStatus.Verified }) await InHandStore.VerifiedAsync(uow, id, actor);
        return outcome;
    }

    public static async Task<Outcome<Incident>> RegradeAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, Grade grade, string reason)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is not null && incident.Grade == grade)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.AlreadyGrade(Codes.Of(grade)));
        var from = incident?.Grade ?? grade;
        return await ApplyAsync(uow, id, IncidentAction.Regrade, actor, TimelineAction.Regraded, null,
            i => i with { Grade = grade }, i => new IncidentRegraded(i.Id, from, grade, reason, actor, uow.Now),
            reasonCode: TimelineReasons.Regraded(Codes.Of(from), Codes.Of(grade), reason));
    }

    /// <summary>Records casualty and loss figures; when they cross a band of Order 493 above the
    /// case's grade, the case is re-graded (and Dispatch moves it up if the grade starts higher).</summary>
    public static async Task<Outcome<Incident>> ReportCasualtiesAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, string actor, Casualties figures)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new Outcome<Incident>.NotFound();
        // As re-grading: the figures may re-grade the case, so they are reported while it is worked on.
        if (IncidentLifecycle.Next(incident.Status, IncidentAction.Regrade) is null)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.NoFiguresNow(Codes.Of(incident.Status)));
        var recorded = incident with { Casualties = figures, UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, recorded);
        TimelineStore.Add(uow, id, TimelineEntry.Coded(uow.Now, actor, TimelineAction.CasualtiesReported,
            incident.Tier, incident.HandlingUnitCode, TimelineReasons.Casualties(figures)));
        var banded = Order493.GradeFor(figures);
        return Order493.MoreSevere(banded, incident.Grade)
            ? await RegradeAsync(uow, id, actor, banded, TimelineReasons.Order493BandEnglish)
            : new Outcome<Incident>.Done(recorded);
    }

    /// <param name="staffRecorded">When the action closes the case: whether its satisfaction, if any, was recorded by
    /// staff (default: unless the actor is the resident answering his 回访).</param>
    internal static async Task<Outcome<Incident>> ApplyAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, IncidentAction action,
        string actor, string timelineAction, string? reason, Func<Incident, Incident> change, Func<Incident, object> announcement,
        bool? staffRecorded = null, CodedReason? reasonCode = null)
    {
        var incident = await IncidentStore.FindAsync(uow, id);
        if (incident is null) return new Outcome<Incident>.NotFound();
        if (IncidentLifecycle.Next(incident.Status, action) is not { } next)
            return CaseRefusal.NotAllowed(incident.Status, IncidentsTexts.ActionNotNow(Codes.Of(incident.Status)));

        var changed = change(incident) with { Status = next, UpdatedAt = uow.Now };
        await IncidentStore.UpdateAsync(uow, changed);
        TimelineStore.Add(uow, id,
            new TimelineEntry(uow.Now, actor, timelineAction, incident.Tier, incident.HandlingUnitCode, reasonCode?.English() ?? reason, reasonCode));
        await uow.PublishAsync(announcement(changed));
        // The shared rollup rows last, right before the commit, so concurrent cases wait least on their locks (as in Filing).
        // The resident's own answer is counted apart (DashboardProjector.ResidentAnsweredAsync), not as staff-recorded satisfaction.
        if (changed.Status == IncidentStatus.Closed) await DashboardProjector.ClosedAsync(uow, changed, staffRecorded: staffRecorded ?? actor != ReturnVisit.ResidentActor);
        return new Outcome<Incident>.Done(changed);
    }
}
