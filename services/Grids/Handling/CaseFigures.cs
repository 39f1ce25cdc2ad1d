using static Governance.Grids.Data.AssessmentStore;

namespace Governance.Grids.Handling;

/// <summary>
/// The case figures of the assessment, from Incidents' and Dispatch's events: Grids never reads their
/// tables. Each event adds to a monthly counter (the month of the event's own time, China-local) of the
/// person it credits, or of the unit a miss counts against; what later events need (who filed and who
/// resolved a case, its deadline now) is kept per case. docs/assessment.md says who is credited with what.
/// </summary>
public static class CaseFigures
{
    public const string CasesFound = "cases-found";
    public const string SettledOnSpot = "settled-on-spot";
    public const string Resolved = "resolved";
    public const string ResolvedOnTime = "resolved-on-time";
    public const string Satisfied = "satisfied";
    public const string Dissatisfied = "dissatisfied";
    public const string MissedDeadlines = "missed-deadlines";

    /// <param name="idleEnd">When the filer's patrol, if one is open, counts as forgotten (<see cref="PatrolIdleEnd"/>).</param>
    public static async Task FiledAsync(UnitOfWork<GridsDatabase> uow, IncidentFiled m, TimeSpan idleEnd)
    {
        var row = await LockCaseAsync(uow, m.IncidentId);
        if (row.FiledBy is not null) return;                  // heard already (the same case, filed once)
        row.FiledBy = m.FiledBy;
        await SaveCaseAsync(uow, row);
        var month = AssessmentMonth.Of(m.FiledAt);
        await IncrementAsync(uow, month, Person, m.FiledBy, CasesFound);
        if (m.ResolvedOnTheSpot) await IncrementAsync(uow, month, Person, m.FiledBy, SettledOnSpot);
        await Patrols.AttachAsync(uow, m.FiledBy, VisitLinkKind.Case, m.IncidentId, m.FiledAt, idleEnd);
    }

    /// <summary>A routing, move or return: the case's holder and deadline now (the newest assignment wins,
    /// whatever order they arrive in).</summary>
    public static async Task AssignedAsync(UnitOfWork<GridsDatabase> uow, Guid incidentId, int sequence, string handlingUnitCode, DateTimeOffset dueAt)
    {
        var row = await LockCaseAsync(uow, incidentId);
        // A row just made has sequence 0, and a case's assignments count from 1 (Dispatch's Router).
        if (row.Sequence >= sequence) return;
        row.Sequence = sequence;
        row.HandlingUnitCode = handlingUnitCode;
        row.DueAtMs = dueAt.ToUnixTimeMilliseconds();
        await SaveCaseAsync(uow, row);
    }

    /// <summary>Credits the person who resolved it; on time when by the deadline of the assignment he held it under.</summary>
    public static async Task ResolvedAsync(UnitOfWork<GridsDatabase> uow, IncidentResolved m)
    {
        var row = await LockCaseAsync(uow, m.IncidentId);
        row.ResolvedBy = m.By;
        await SaveCaseAsync(uow, row);
        var month = AssessmentMonth.Of(m.At);
        await IncrementAsync(uow, month, Person, m.By, Resolved);
        if (row.DueAtMs is { } due && m.At.ToUnixTimeMilliseconds() <= due)
            await IncrementAsync(uow, month, Person, m.By, ResolvedOnTime);
    }

    /// <summary>A resident's answer counts for the person who resolved the case (基本满意 as satisfied).</summary>
    public static async Task VerifiedAsync(UnitOfWork<GridsDatabase> uow, IncidentVerified m)
    {
        if (m.Satisfaction is not { } satisfaction) return;
        var row = await FindCaseAsync(uow, m.IncidentId);
        if (row?.ResolvedBy is not { } resolver) return;
        await IncrementAsync(uow, AssessmentMonth.Of(m.At), Person, resolver,
            satisfaction == Satisfaction.Dissatisfied ? Dissatisfied : Satisfied);
    }

    /// <summary>超期: a miss the policy answered by supervision (or at the county) counts against the unit that held the case.</summary>
    public static Task FlaggedOverdueAsync(UnitOfWork<GridsDatabase> uow, IncidentFlaggedOverdue m) =>
        IncrementAsync(uow, AssessmentMonth.Of(m.FlaggedAt), AssessmentStore.Unit, m.HandlingUnitCode, MissedDeadlines);

}
