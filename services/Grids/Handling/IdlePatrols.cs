namespace Governance.Grids.Handling;

/// <summary>
/// Patrols forgotten open (<see cref="PatrolIdleEnd"/>) are ended lazily: whatever next touches the person's
/// patrols — starting one, sending points, ending it, a case or care visit looking for the patrol it was done
/// during — writes the end first, and every read meanwhile shows the patrol as the rule has it. Not a periodic
/// sweep: Grids runs no background job, and a sweep every few minutes would still leave a window in which a case
/// attached to a patrol idle for hours, so these paths would need the rule anyway. The end is the same whoever
/// writes it and when (an idle patrol takes no new sign of life), so two instances writing it at once agree: the
/// version check lets one write, the other reads what it wrote.
/// </summary>
public static class IdlePatrols
{
    /// <summary>The person's open patrol; one gone idle is ended (written) and none is returned.</summary>
    public static async Task<Visit?> OpenOfAsync(UnitOfWork uow, string personId, TimeSpan idleEnd) =>
        await VisitStore.OpenOfAsync(uow, personId, VisitKind.Patrol) is { } open && await SettleAsync(uow, open, idleEnd) is { IsOpen: true } still
            ? still : null;

    /// <summary>Writes the end of a patrol gone idle by now; the patrol as it is then.</summary>
    public static async Task<Visit> SettleAsync(UnitOfWork uow, Visit patrol, TimeSpan idleEnd)
    {
        if (!patrol.IsOpen || patrol.Kind != VisitKind.Patrol) return patrol;
        var settled = PatrolIdleEnd.AsOf(patrol, await VisitStore.LastLinkAtAsync(uow, patrol.Id), uow.Now, idleEnd);
        if (settled.IsOpen) return patrol;
        var ended = settled with { Version = patrol.Version + 1 };
        return await VisitStore.UpdateAsync(uow, ended, patrol.Version) ? ended : (await VisitStore.FindAsync(uow, patrol.Id))!;
    }

    /// <summary>Whether the open patrol had gone idle by <paramref name="at"/> (then nothing done at that time belongs to it).</summary>
    public static async Task<bool> IdleAtAsync(DbSession session, Visit patrol, DateTimeOffset at, TimeSpan idleEnd) =>
        patrol.IsOpen && PatrolIdleEnd.IsIdleAt(patrol, await VisitStore.LastLinkAtAsync(session, patrol.Id), at, idleEnd);

    /// <summary>For a read, which writes nothing: the visits as they are at <paramref name="now"/> (a patrol gone idle, ended).</summary>
    public static async Task<IReadOnlyList<Visit>> AsOfAsync(DbSession session, IReadOnlyList<Visit> visits, DateTimeOffset now, TimeSpan idleEnd)
    {
        if (!visits.Any(v => v.IsOpen && v.Kind == VisitKind.Patrol)) return visits;
        var result = new List<Visit>(visits.Count);
        foreach (var v in visits)
            result.Add(v.IsOpen && v.Kind == VisitKind.Patrol ? PatrolIdleEnd.AsOf(v, await VisitStore.LastLinkAtAsync(session, v.Id), now, idleEnd) : v);
        return result;
    }

    public static async Task<Visit> AsOfAsync(DbSession session, Visit visit, DateTimeOffset now, TimeSpan idleEnd) =>
        (await AsOfAsync(session, [visit], now, idleEnd))[0];
}
