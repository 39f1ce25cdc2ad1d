namespace Governance.Grids.Handling;

/// <summary>
/// A leader's visit (下沉走访) at a unit he is linked to or below it: where, whom he met, what he found. A
/// visit is recorded once it happened (from the phone, on the spot or soon after): a row of visits, kind
/// leader, that starts and ends at <c>visitedAt</c>. A finding with a case is filed on the spot, as a care
/// visit's is: Grids picks the case's id, links it to the visit and publishes LeaderVisitReportedIncident in
/// the same transaction; Incidents files it as the leader (docs/leaders.md, "Filing as a leader").
/// </summary>
public static class LeaderVisits
{
    public const int MaxFindings = 20;
    public const int MaxMetLength = 500;

    /// <summary>Metres beyond the box of the visited unit's boundary a visit's position may lie: as for a case's place
    /// (Incidents:Location), a phone's fix and a coarse box are off by that much, another township is not that close.</summary>
    public const double ToleranceMeters = 2000;

    /// <summary>A visit "on the spot" placed thousands of kilometres away (the outside probe: lat -1 for a village in
    /// Chongqing) backs up no plan: its position must lie near the visited unit — the box of the nearest unit of its
    /// chain that has a boundary; none has: not checked.</summary>
    private static async Task CheckNearAsync(DbSession session, IReadOnlyList<Unit> path, double lat, double lng, FieldErrors errors)
    {
        var boxes = await BoundaryStore.BoxesAsync(session, path.Select(u => u.Code));
        if (path.FirstOrDefault(u => boxes.ContainsKey(u.Code)) is not { } bounded) return;
        var b = boxes[bounded.Code];
        var metres = Coordinates.MetresOutside(lat, lng, new UnitExtent(b.MinLat, b.MinLng, b.MaxLat, b.MaxLng));
        if (metres > ToleranceMeters) errors.Add("lat", GridsTexts.VisitPointOutside(metres, bounded.Code, bounded.Name, ToleranceMeters));
    }

    /// <param name="linkedUnits">The caller's linked units (his token's): the case's reader is the leader of the one above it.</param>
    public static async Task<Outcome<LeaderVisit>> RecordAsync(UnitOfWork<GridsDatabase> uow, RecordLeaderVisit? r, string actor,
        IReadOnlyList<string> linkedUnits, Reach reach)
    {
        var errors = new FieldErrors();
        if (r is null) return errors.Add("body", ProblemTexts.JsonBodyRequired);
        var unitCode = Fields.Code(errors, "", "unitCode", r.UnitCode, UnitChanges.MaxCodeLength);
        if (errors.Any) return errors;
        // The visited unit and its chain in one read: the unit first, then those above it (whose box places the visit).
        var unitPath = await UnitStore.PathAsync(uow, unitCode!);
        if (unitPath.Count == 0) return errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", unitCode));
        var unit = unitPath[0];
        // Where first: outside his linked units nothing about the visit is looked at (403 before 400).
        if (await reach.RefusalAtAsync(uow, unit.Code) is { } why) return new Outcome<LeaderVisit>.Forbidden(why);

        var met = Fields.Text(errors, "", "met", r.Met, MaxMetLength);
        var visitedAt = Fields.Moment(errors, "", "visitedAt", r.VisitedAt) ?? uow.Now;
        if (visitedAt > uow.Now) errors.Add("visitedAt", GridsTexts.NotInFuture("visitedAt"));
        if (Coordinates.Check(errors, "", r.Lat, r.Lng, required: false) && r is { Lat: { } lat, Lng: { } lng })
            await CheckNearAsync(uow, unitPath, lat, lng, errors);
        var findings = Findings(errors, r.Findings, unit);
        if (errors.Any) return errors;

        // Each case's place: a live grid or courtyard inside the visited unit.
        var filings = new List<(int Index, string UnitCode, string LinkedUnit, FoundIncident Case)>();
        foreach (var (index, placeCode, found) in findings!.Where(f => f.Case is not null).Select(f => (f.Index, f.UnitCode!, f.Case!)))
        {
            var prefix = $"findings[{index}].incident.unitCode";
            var path = await UnitStore.PathAsync(uow, placeCode);
            if (path.Count == 0) { errors.Add(prefix, GridsTexts.UnknownUnit(placeCode)); continue; }
            if (path[0].Level is not (UnitLevel.Grid or UnitLevel.Courtyard)) { errors.Add(prefix, GridsTexts.FiledAtGridOrCourtyard(placeCode, Codes.Of(path[0].Level))); continue; }
            if (!path.Any(u => u.Code == unit.Code)) { errors.Add(prefix, GridsTexts.NotInVisitedUnit(placeCode, unit.Code)); continue; }
            if (path[0].Retired) return new Outcome<LeaderVisit>.Conflict(GridsTexts.RetiredNoCase(placeCode));
            filings.Add((index, placeCode, path.Select(u => u.Code).FirstOrDefault(linkedUnits.Contains) ?? unit.Code, found));
        }
        if (errors.Any) return errors;
        if (unit.Retired) return new Outcome<LeaderVisit>.Conflict(GridsTexts.UnitRetired(unit.Code));

        var visit = new Visit(Guid.CreateVersion7(), VisitKind.Leader, actor, unit.Code, visitedAt, visitedAt, 0, null, 1, EndedBy: actor);
        var ids = filings.ToDictionary(f => f.Index, _ => Guid.CreateVersion7());
        var recorded = findings!.Select(f => new LeaderFinding(f.Text, ids.TryGetValue(f.Index, out var id) ? id : null)).ToList();
        await VisitStore.InsertAsync(uow, visit);
        await LeaderStore.AddVisitNotesAsync(uow, visit.Id, met!, r.Lat, r.Lng, recorded);
        foreach (var (index, placeCode, linkedUnit, found) in filings)
        {
            await VisitStore.LinkAsync(uow, visit.Id, new VisitLink(VisitLinkKind.Case, ids[index], visitedAt));
            await uow.PublishAsync(new LeaderVisitReportedIncident(ids[index], placeCode, found.Category, found.Grade, found.Title, found.Description,
                actor, linkedUnit, visit.Id, visitedAt));
        }
        return new Outcome<LeaderVisit>.Done(new LeaderVisit(visit, met!, r.Lat, r.Lng, recorded));
    }

    private sealed record Finding(int Index, string Text, string? UnitCode, FoundIncident? Case);

    private static List<Finding>? Findings(FieldErrors errors, IReadOnlyList<LeaderFindingInput?>? inputs, Unit visited)
    {
        if (inputs is null) return [];
        if (inputs.Count > MaxFindings) { errors.Add("findings", GridsTexts.FindingsAtMost(MaxFindings)); return null; }
        var findings = new List<Finding>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var prefix = $"findings[{i}].";
            if (inputs[i] is not { } input) { errors.Add($"findings[{i}]", GridsTexts.FindingRequired); continue; }
            var text = Fields.Text(errors, prefix, "text", input.Text, 4000);
            string? place = null;
            FoundIncident? found = null;
            if (input.Incident is { } incident)
            {
                found = VisitIncidents.Read(errors, prefix + "incident.", incident.Case);
                place = Fields.Code(errors, prefix + "incident.", "unitCode", incident.UnitCode, UnitChanges.MaxCodeLength, required: false)
                    ?? (visited.Level is UnitLevel.Grid or UnitLevel.Courtyard ? visited.Code : null);
                if (place is null && incident.UnitCode is null)
                    errors.Add(prefix + "incident.unitCode", GridsTexts.FindingUnitRequired(visited.Code, Codes.Of(visited.Level)));
            }
            if (text is not null) findings.Add(new Finding(i, text, place, found));
        }
        return findings;
    }
}
