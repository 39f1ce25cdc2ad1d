using Governance.Incidents.Dashboard;
using Governance.Infrastructure.UnitCopy;

namespace Governance.Incidents.Handling;

/// <summary>分拨: place a call waiting in the county's triage queue on the grid or courtyard where it happened.</summary>
public sealed record PlaceCall(Guid IncidentId, string? UnitCode);

/// <summary>
/// The county's triage queue (待分拨, issue #14): hotline calls <see cref="Placement"/> found no unit for wait
/// at the county, unrouted, until a county dispatcher places one. Placed, it is a filed case like any other:
/// announced (IncidentFiled) in the same transaction, routed by Dispatch, counted on the dashboard from then.
/// </summary>
public static class Triage
{
    /// <summary>Who places a call automatically (by its location or address) or takes it into triage.</summary>
    public const string PlacementActor = "system:placement";

    public static async Task<Outcome<Incident>> PlaceAsync(UnitOfWork<IncidentsDatabase> uow, PlaceCall command, string actor)
    {
        var errors = new FieldErrors().Require("unitCode", command.UnitCode, 32);
        var incident = await IncidentStore.FindAsync(uow, command.IncidentId);
        if (incident is null) return new Outcome<Incident>.NotFound();
        // Read under the case's row lock: of two placements at once, the second finds the first's.
        if (IncidentLifecycle.Next(incident.Status, IncidentAction.Place) is not { } next) return AlreadyPlaced(incident);
        if (errors.Any) return new Outcome<Incident>.Invalid(errors);

        var code = command.UnitCode!.Trim();
        var chain = await UnitCopyStore.ChainAsync(uow, code);
        if (chain.Count == 0) errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", code));
        else if (chain[0].Level is not (UnitLevel.Grid or UnitLevel.Courtyard))
            errors.Add("unitCode", IncidentsTexts.NotGridOrCourtyard(code, Codes.Of(chain[0].Level)));
        else if (chain[0].Retired) errors.Add("unitCode", IncidentsTexts.RetiredPlaceElsewhere(code));
        if (errors.Any) return new Outcome<Incident>.Invalid(errors);

        var placed = incident with { UnitCode = code, Status = next, UpdatedAt = uow.Now, Ancestry = Filing.AncestryOf(chain) };
        await TriageStore.PlaceAsync(uow, placed);
        TimelineStore.Add(uow, incident.Id, new TimelineEntry(uow.Now, actor, TimelineAction.Placed, null, code, null));
        // The reporter stays the hotline (or its operator): Dispatch records him as the case's reporter.
        await uow.PublishAsync(new IncidentFiled(incident.Id, code, incident.Category, incident.Grade, incident.Title, incident.ReportedBy, uow.Now));
        await DashboardProjector.FiledAsync(uow, placed);
        return new Outcome<Incident>.Done(placed);
    }

    /// <summary>409 已分拨: the call was placed before this placement reached it (a colleague's, or this one
    /// twice); <c>code</c> already-placed and <c>unitCode</c> say where it went.</summary>
    private static Outcome<Incident> AlreadyPlaced(Incident placed) =>
        new Outcome<Incident>.Conflict(IncidentsTexts.AlreadyPlaced(placed.UnitCode),
            new Dictionary<string, object?>
            {
                ["code"] = "already-placed", ["unitCode"] = placed.UnitCode, ["caseStatus"] = Codes.Of(placed.Status),
            });
}
