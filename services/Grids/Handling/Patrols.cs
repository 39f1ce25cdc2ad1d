namespace Governance.Grids.Handling;

/// <summary>The patrol log (巡查/走访日志): a grid worker starts a patrol, the phone page sends points
/// of the track while it is open, he ends it. Only the person on the patrol records it; what he does
/// meanwhile (care visits, cases filed) attaches to it (<see cref="AttachAsync"/>). One he forgets to end is
/// ended at its last sign of life once idle for longer than <c>idleEnd</c> (<see cref="IdlePatrols"/>).</summary>
public static class Patrols
{
    /// <summary>How far a phone's clock may be off the server's, either way, before its point is refused (clocks of phones drift).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(2);

    public static async Task<Outcome<Visit>> StartAsync(UnitOfWork<GridsDatabase> uow, StartPatrol? command, string actor, IReadOnlyList<string> ownUnits,
        Reach reach, TimeSpan idleEnd)
    {
        var errors = new FieldErrors();
        var unitCode = Fields.Code(errors, "", "unitCode", command?.UnitCode, UnitChanges.MaxCodeLength, required: false) ?? ownUnits.FirstOrDefault();
        if (errors.Any) return errors;
        if (unitCode is null) return errors.Add("unitCode", GridsTexts.TokenNamesNoUnit);
        // The place and the units above it in one read: the place first (its level, whether retired), then its chain (whose beat).
        var path = await UnitStore.PathAsync(uow, unitCode);
        if (path.Count == 0) return errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", unitCode));
        var unit = path[0];
        if (await reach.RefusalAtAsync(uow, unitCode) is { } why) return new Outcome<Visit>.Forbidden(why);
        if (unit.Retired) return new Outcome<Visit>.Conflict(GridsTexts.UnitRetired(unitCode));
        // A patrol is walked in a grid (or one of its courtyards): a village or a township is no beat to patrol.
        if (unit.Level is not (UnitLevel.Grid or UnitLevel.Courtyard))
            return errors.Add("unitCode", GridsTexts.PatrolLevel(unitCode, Codes.Of(unit.Level)));
        // ... on one's own beat: a grid worker's grid, a courtyard lead's courtyard, a grid head's village — a unit of
        // his own on those levels above or at the place. An officer whose units lie higher (a township, the county)
        // does not walk a beat for its worker, whatever his roles. (Only the grid once counted, which refused courtyard
        // leads and grid heads everywhere though their page offered the patrol: found by the outside probe.)
        if (!path.Any(u => u.Level is UnitLevel.Courtyard or UnitLevel.Grid or UnitLevel.Village && ownUnits.Contains(u.Code)))
            return new Outcome<Visit>.Forbidden(GridsTexts.PatrolOwnBeat(unitCode));
        if (await IdlePatrols.OpenOfAsync(uow, actor, idleEnd) is { } open)
            return new Outcome<Visit>.Conflict(GridsTexts.PatrolGoingOn(open.Id));
        var visit = new Visit(Guid.CreateVersion7(), VisitKind.Patrol, actor, unitCode, uow.Now, null, 0, null, 1);
        await VisitStore.InsertAsync(uow, visit);
        return new Outcome<Visit>.Done(visit);
    }

    public static async Task<Outcome<PatrolPoints>> AddPointsAsync(UnitOfWork<GridsDatabase> uow, Guid id, AddTrackPoints? command, string actor,
        TimeSpan idleEnd)
    {
        var (own, refused) = await OwnOpenAsync(uow, id, actor);
        if (refused is not null) return refused.Refused<PatrolPoints>();
        // Points reaching a patrol gone idle come too late: it is over (they are judged when heard, not by their times).
        var visit = await IdlePatrols.SettleAsync(uow, own!, idleEnd);
        if (!visit.IsOpen) return new Outcome<PatrolPoints>.Conflict(Ended(visit));
        var errors = new FieldErrors();
        var points = Read(errors, command?.Points, visit.StartedAt, uow.Now);
        if (errors.Any) return errors;
        var kept = TrackThinning.Keep(points, visit.LastPointAt, visit.PointCount);
        if (kept.Count == 0) return new Outcome<PatrolPoints>.Done(new PatrolPoints(visit, 0, points.Count));
        var updated = visit with { PointCount = visit.PointCount + kept.Count, LastPointAt = kept[^1].At, Version = visit.Version + 1 };
        if (!await VisitStore.UpdateAsync(uow, updated, visit.Version))
            return new Outcome<PatrolPoints>.Conflict(GridsTexts.PatrolChangedSendAgain);
        await VisitStore.AddPointsAsync(uow, id, visit.PointCount, kept);
        return new Outcome<PatrolPoints>.Done(new PatrolPoints(updated, kept.Count, points.Count - kept.Count));
    }

    public static async Task<Outcome<Visit>> EndAsync(UnitOfWork<GridsDatabase> uow, Guid id, string actor, TimeSpan idleEnd)
    {
        var (own, refused) = await OwnOpenAsync(uow, id, actor);
        if (refused is not null) return refused;
        // Ended hours after it went idle: it ends at its last sign of life, not now (the hours between were no
        // patrol), and the answer says it ended automatically.
        var visit = await IdlePatrols.SettleAsync(uow, own!, idleEnd);
        if (!visit.IsOpen) return new Outcome<Visit>.Done(visit);
        var ended = visit with { EndedAt = uow.Now, EndedBy = actor, Version = visit.Version + 1 };
        return await VisitStore.UpdateAsync(uow, ended, visit.Version)
            ? new Outcome<Visit>.Done(ended)
            : new Outcome<Visit>.Conflict(GridsTexts.PatrolChangedRetry);
    }

    /// <summary>Links something the person did at <paramref name="at"/> to his patrol going on then, if any. A patrol
    /// still open but idle by then was over: nothing of his later days belongs to it (and its end is written).</summary>
    public static async Task AttachAsync(UnitOfWork<GridsDatabase> uow, string personId, VisitLinkKind kind, Guid id, DateTimeOffset at, TimeSpan idleEnd)
    {
        if (await VisitStore.DuringAsync(uow, personId, VisitKind.Patrol, at) is not { } patrol) return;
        if (await IdlePatrols.IdleAtAsync(uow, patrol, at, idleEnd))
        {
            await IdlePatrols.SettleAsync(uow, patrol, idleEnd);
            return;
        }
        await VisitStore.LinkAsync(uow, patrol.Id, new VisitLink(kind, id, at));
    }

    /// <summary>The patrol when it is his and open; otherwise the refusal: 404 for no such patrol, 403 for someone
    /// else's, 409 for one that has ended.</summary>
    private static async Task<(Visit? Patrol, Outcome<Visit>? Refused)> OwnOpenAsync(UnitOfWork<GridsDatabase> uow, Guid id, string actor)
    {
        var visit = await VisitStore.FindAsync(uow, id);
        if (visit is null || visit.Kind != VisitKind.Patrol) return (null, new Outcome<Visit>.NotFound());
        if (visit.PersonId != actor) return (null, new Outcome<Visit>.Forbidden(GridsTexts.OnlyPatrolPerson));
        if (!visit.IsOpen) return (null, new Outcome<Visit>.Conflict(Ended(visit)));
        return (visit, null);
    }

    private static Bilingual Ended(Visit patrol) =>
        patrol.EndedAutomatically ? GridsTexts.PatrolEndedIdle(patrol.EndedAt) : GridsTexts.PatrolEnded(patrol.EndedAt);

    private static List<TrackPoint> Read(FieldErrors errors, IReadOnlyList<TrackPointInput?>? inputs, DateTimeOffset startedAt, DateTimeOffset now)
    {
        var points = new List<TrackPoint>();
        if (inputs is null || inputs.Count == 0) { errors.Add("points", GridsTexts.PointsAtLeastOne); return points; }
        if (inputs.Count > TrackThinning.MaxPerRequest) { errors.Add("points", GridsTexts.PointsAtMost(TrackThinning.MaxPerRequest)); return points; }
        for (var i = 0; i < inputs.Count; i++)
        {
            var prefix = $"points[{i}].";
            var p = inputs[i];
            if (p is null) { errors.Add($"points[{i}]", GridsTexts.PointRequired); continue; }
            Coordinates.Check(errors, prefix, p.Lat, p.Lng);
            var at = Fields.Moment(errors, prefix, "at", p.At);
            if (p.At is null) errors.Add(prefix + "at", ProblemTexts.Required("at"));
            else if (at is { } a && (a < startedAt - ClockSlack || a > now + ClockSlack))
                errors.Add(prefix + "at", GridsTexts.PointTime);
            if (at is { } t && p.Lat is { } lat && p.Lng is { } lng) points.Add(new TrackPoint(t, lat, lng));
        }
        return points;
    }
}

/// <summary>What became of points sent: how many were kept and how many were dropped (too close in
/// time to the last kept one, or past the patrol's limit).</summary>
public sealed record PatrolPoints(Visit Patrol, int Accepted, int Dropped);
