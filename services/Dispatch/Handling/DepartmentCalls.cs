namespace Governance.Dispatch.Handling;

/// <summary>
/// 吹哨报到: the holder calls in a lead department and co-handlers, each with its own deadline (the
/// lead's is the case's); each department checks in (报到), feeds back against its own deadline and
/// finishes its part. Every step is recorded with who took it and announced to Incidents.
/// </summary>
public sealed class DepartmentCalls(PolicyStore policies, CalendarStore calendars)
{
    /// <summary>A co-handler to call in: its department code and how long it has.</summary>
    public sealed record CoHandlerCall(string DepartmentCode, TimeSpan Deadline);

    public async Task AssignAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string lead, IReadOnlyList<CoHandlerCall> coHandlers, string by)
    {
        var policy = await policies.VersionAsync(uow, a.PolicyVersion);
        var calendar = await calendars.CurrentAsync(uow);
        var clock = policy.ClockFor(a.Category, a.Grade);
        var called = coHandlers.Select(h => new DepartmentAssignment(h.DepartmentCode, calendar.DueAt(uow.Now, h.Deadline, clock))).ToList();
        await AssignmentStore.UpdateAsync(uow, a with { LeadDepartmentCode = lead }, uow.Now);
        var parts = called.Select(h => new DepartmentPart(a.IncidentId, h.DepartmentCode, DepartmentRole.CoHandler, h.DueAt, uow.Now))
            .Prepend(new DepartmentPart(a.IncidentId, lead, DepartmentRole.Lead, a.DueAt, uow.Now)).ToList();
        await DepartmentPartStore.ReplaceAsync(uow, a.IncidentId, parts);
        var note = called.Count == 0 ? $"lead {lead}" : $"lead {lead}; co-handlers {string.Join(", ", called.Select(h => h.DepartmentCode))}";
        HistoryStore.Add(uow, a.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.DepartmentsAssigned, a.Tier, a.UnitCode, note));
        await uow.PublishAsync(new IncidentDepartmentsAssigned(a.IncidentId, lead, called, by, uow.Now));
    }

    /// <summary>报到. A second check-in changes nothing. Returns the part, or why it is refused.</summary>
    public static async Task<Outcome<DepartmentPart>> CheckInAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string code, string by)
    {
        var open = await OpenPartAsync(uow, a, code);
        if (open is not Outcome<DepartmentPart>.Done { Value: var part } || part.CheckedInAt is not null) return open;
        return new Outcome<DepartmentPart>.Done(await RecordCheckInAsync(uow, a, part, by));
    }

    /// <summary>反馈 against the department's own deadline; <paramref name="finished"/> ends its part.
    /// Feedback from a department that has not checked in counts as its check-in too.</summary>
    public static async Task<Outcome<DepartmentPart>> FeedbackAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string code,
        string note, bool finished, string by)
    {
        var open = await OpenPartAsync(uow, a, code);
        if (open is not Outcome<DepartmentPart>.Done { Value: var part }) return open;
        if (part.CheckedInAt is null) part = await RecordCheckInAsync(uow, a, part, by);
        var late = uow.Now > part.OwnDueAt(a);
        var fed = part with
        {
            LastFeedbackAt = uow.Now, FeedbackCount = part.FeedbackCount + 1,
            FinishedAt = finished ? uow.Now : null, FinishedBy = finished ? by : null,
        };
        await DepartmentPartStore.UpdateAsync(uow, fed);
        HistoryStore.Add(uow, a.IncidentId, new HistoryEntry(uow.Now, by,
            finished ? HistoryActions.DepartmentFinished : HistoryActions.DepartmentFeedback, a.Tier, a.UnitCode,
            $"{code}{(late ? " (late)" : "")}: {note}"));
        await uow.PublishAsync(new DepartmentFedBack(a.IncidentId, code, fed.Role, a.Tier, a.UnitCode, note, finished, late, by, uow.Now));
        return new Outcome<DepartmentPart>.Done(fed);
    }

    private static async Task<Outcome<DepartmentPart>> OpenPartAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, string code)
    {
        var part = (await DepartmentPartStore.ForCaseAsync(uow, a.IncidentId))
            .FirstOrDefault(p => p.DepartmentCode == code);
        if (part is null) return new Outcome<DepartmentPart>.Conflict(DispatchTexts.NotCalledIn);
        if (part.Finished) return new Outcome<DepartmentPart>.Conflict(DispatchTexts.PartFinished);
        return new Outcome<DepartmentPart>.Done(part);
    }

    private static async Task<DepartmentPart> RecordCheckInAsync(UnitOfWork<DispatchDatabase> uow, Assignment a, DepartmentPart part, string by)
    {
        var checkedIn = part with { CheckedInAt = uow.Now, CheckedInBy = by };
        await DepartmentPartStore.UpdateAsync(uow, checkedIn);
        HistoryStore.Add(uow, a.IncidentId,
            new HistoryEntry(uow.Now, by, HistoryActions.DepartmentCheckedIn, a.Tier, a.UnitCode, part.DepartmentCode));
        await uow.PublishAsync(new DepartmentCheckedIn(a.IncidentId, part.DepartmentCode, part.Role, a.Tier, a.UnitCode, by, uow.Now));
        return checkedIn;
    }
}
