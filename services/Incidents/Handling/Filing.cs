using Governance.Incidents.Dashboard;
using Governance.Infrastructure.UnitCopy;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;

namespace Governance.Incidents.Handling;

/// <summary>Registers a case filed from the field (信息收集 → 案卷建立) and announces it.</summary>
public static class Filing
{
    /// <param name="Resolution">Set when the grid worker settled it on the spot (即知即办): the note.</param>
    /// <param name="Chain">The place and its ancestors (place first), read once for validation, jurisdiction and ancestry;
    /// for a call waiting in triage, the county alone.</param>
    /// <param name="Placed">How a hotline call was placed, or why it waits in triage (null: the filing named its unit).</param>
    public sealed record Validated(string UnitCode, Category Category, Grade Grade, string Title, string Description, Location? Location,
        string? Resolution, IReadOnlyList<CopiedUnit> Chain, Placement.Decision? Placed = null)
    {
        /// <summary>The place's chain as the permission model reads it.</summary>
        public IReadOnlyList<Infrastructure.Authority.ChainUnit> ChainUnits => Chain.Select(u => new Infrastructure.Authority.ChainUnit(u.Code, u.Level)).ToList();

        /// <summary>A hotline call no unit was found for: it waits in the county's triage queue (待分拨), not routed.</summary>
        public bool Triage => Placed is { Triage: true };
    }

    /// <summary>Checks a filing, adding what is wrong to <paramref name="errors"/> (which may hold the
    /// endpoint's own already); the unit must be a grid or courtyard that Incidents knows. Null when
    /// anything is wrong. The location (already WGS-84) must lie near the unit (<see cref="FilingLocation"/>).
    /// A hotline call without a unit is placed first (<see cref="Placement"/>), or taken into triage at the county.</summary>
    public static async Task<Validated?> ValidateAsync(UnitOfWork<IncidentsDatabase> uow, FileIncident command, FieldErrors errors,
        LocationOptions? locationOptions = null)
    {
        var placed = await Placement.PlaceAsync(uow, command);
        if (placed is { Triage: false }) command = command with { UnitCode = placed.UnitCode };
        var triage = placed is { Triage: true };
        if (!triage) errors.Require("unitCode", command.UnitCode, 32);
        errors.Require("title", command.Title, 200).Require("description", command.Description, 4000);
        if (command.Category is null) errors.Add("category", ProblemTexts.OneOf("category", Codes.List<Category>()));
        if (command.Grade is null) errors.Add("grade", ProblemTexts.OneOf("grade", Codes.List<Grade>()));
        if (command.Call is { } call) errors.Optional("addressString", call.Address, 400).Optional("addressId", call.AddressId, 100);
        IReadOnlyList<CopiedUnit> chain = [];
        if (triage)
        {
            // The call is taken at the county, where the triage queue is; it has no unit of its own yet.
            if (await UnitCopyStore.CountyAsync(uow) is { } county) chain = [county];
            else errors.Add("unitCode", IncidentsTexts.UnitsNotKnownYet);
        }
        else if (command.UnitCode is { Length: > 0 and <= 32 } code)
        {
            // Performance: one query gives the unit, what jurisdiction checks and the ancestry.
            chain = await UnitCopyStore.ChainAsync(uow, code);
            var unit = chain.Count == 0 ? null : chain[0];
            if (unit is null) errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", code));
            else if (unit.Level is not (UnitLevel.Grid or UnitLevel.Courtyard))
                errors.Add("unitCode", IncidentsTexts.NotGridOrCourtyard(code, Codes.Of(unit.Level)));
            else if (unit.Retired)
                errors.Add("unitCode", IncidentsTexts.RetiredFileElsewhere(code));
            else if (command.Location is { } location) FilingLocation.CheckNear(location, chain, locationOptions ?? new LocationOptions(), errors);
        }
        if (command.Resolution is not null)
        {
            errors.Require("resolution", command.Resolution, 4000);
            if (command.Grade != Grade.IV) errors.Add("resolution", IncidentsTexts.OnlyGradeIVOnTheSpot);
            if (triage) errors.Add("resolution", IncidentsTexts.TriageNotOnTheSpot);
        }
        return errors.Any || command is not { Category: { } category, Grade: { } grade }
            ? null
            : new Validated(triage ? chain[0].Code : command.UnitCode!, category, grade, command.Title!.Trim(), command.Description!.Trim(),
                command.Location, command.Resolution?.Trim(), chain, placed);
    }

    /// <summary>What filing wrote: the case and its first timeline entries (so the answer needs no read-back).</summary>
    public sealed record Filed(Incident Incident, IReadOnlyList<TimelineEntry> Timeline);

    /// <param name="reader">Who the duplicate hint is for: it names only a case he may read (null: anyone may
    /// read every case, an unrestricted caller). See <see cref="Readers"/> for filers that are no person.</param>
    public static async Task<Filed> FileAsync(UnitOfWork<IncidentsDatabase> uow, Guid id, Validated f, string actor, IdempotencyKey? idempotencyKey,
        DuplicateOptions? duplicates, Person? reader)
    {
        var onTheSpot = f.Resolution is not null;
        // A call in triage has no place to compare with yet: the dispatcher sees it whole in the queue.
        var duplicateOf = onTheSpot || f.Triage ? null : await Duplicates.FindLikelyAsync(uow, duplicates ?? new DuplicateOptions(), f, reader);
        var ancestry = AncestryOf(f.Chain);
        // Settled on the spot: closed at once on the courtyard tier by the grid worker who found it.
        var incident = new Incident(id, f.UnitCode, f.Category, f.Grade, f.Title, f.Description, f.Location,
            onTheSpot ? IncidentStatus.Closed : f.Triage ? IncidentStatus.Triage : IncidentStatus.Filed, onTheSpot ? Tier.Courtyard : null, onTheSpot ? f.UnitCode : null,
            null, 0, null, actor, uow.Now, uow.Now, ResolvedBy: onTheSpot ? actor : null, ResolvedOnTheSpot: onTheSpot,
            PossibleDuplicateOf: duplicateOf, Ancestry: ancestry, ResolvedAt: onTheSpot ? uow.Now : null);
        await IncidentStore.InsertAsync(uow, incident, idempotencyKey);
        ReporterStore.AddFirst(uow, id, actor, uow.Now);
        var timeline = new List<TimelineEntry> { new(uow.Now, actor, TimelineAction.Filed, null, f.UnitCode, null) };
        if (f.Placed is { } placed)
            timeline.Add(new TimelineEntry(uow.Now, Triage.PlacementActor, f.Triage ? TimelineAction.Triage : TimelineAction.Placed, null, f.UnitCode, placed.Reason.English(), placed.Reason));
        if (duplicateOf is { } other)
            timeline.Add(TimelineEntry.Coded(uow.Now, "system:duplicate-check", TimelineAction.PossibleDuplicate, null, f.UnitCode, TimelineReasons.Case(other)));
        if (onTheSpot)
            timeline.Add(new TimelineEntry(uow.Now, actor, TimelineAction.ResolvedOnTheSpot, Tier.Courtyard, f.UnitCode, f.Resolution));
        TimelineStore.Add(uow, id, timeline);
        // Waiting in triage, it is not routed (nor counted on the dashboard) until a county dispatcher places it.
        if (f.Triage) return new Filed(incident, timeline);
        await uow.PublishAsync(new IncidentFiled(id, f.UnitCode, f.Category, f.Grade, f.Title, actor, uow.Now, onTheSpot));
        // Performance (deploy/benchmark-history.md): the dashboard's counters last. Every filing in a
        // village on a day updates the same rollup rows and holds their locks until it commits, so
        // these statements go right before the commit, where concurrent filings wait least on each other.
        await DashboardProjector.FiledAsync(uow, incident);
        if (onTheSpot) await DashboardProjector.ClosedAsync(uow, incident);
        return new Filed(incident, timeline);
    }

    /// <summary>Whose reach a duplicate hint keeps to when the filer is no signed-in person.</summary>
    public static class Readers
    {
        /// <summary>A client system (Open311: the hotline, an app) has no place in the tree: its cases are the
        /// township's command centre's to handle, so a hint names only cases that centre may read.</summary>
        public static Person? ClientSystem(string reporter, Validated f) =>
            f.Chain.FirstOrDefault(u => u.Level == UnitLevel.Township) is { } township
                ? new Person(reporter, [Roles.TownshipDispatcher], [township.Code])
                : new Person(reporter, [], []);

        /// <summary>A grid worker's care visit (from Grids, no token): what a grid worker of the place's grid may read.</summary>
        public static Person? GridWorker(string reporter, Validated f) =>
            f.Chain.FirstOrDefault(u => u.Level == UnitLevel.Grid) is { } grid
                ? new Person(reporter, [Roles.GridWorkerFullTime], [grid.Code])
                : new Person(reporter, [], []);
    }

    /// <summary>The grid, village and township above the place, from Incidents' copy of the tree.</summary>
    internal static PlaceAncestry? AncestryOf(IReadOnlyList<CopiedUnit> chain)
    {
        string? Level(UnitLevel level) => chain.FirstOrDefault(u => u.Level == level)?.Code;
        return Level(UnitLevel.Grid) is { } grid && Level(UnitLevel.Village) is { } village && Level(UnitLevel.Township) is { } township
            ? new PlaceAncestry(grid, village, township)
            : null;
    }
}
