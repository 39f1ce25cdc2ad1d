using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>A unit's mediation sessions (乡贤评理堂) across its cases, soonest first: the village's and the township's
/// calendar of sessions. A unit's work (read-unit-work): its staff and those above it; a unit outside the caller's
/// is 403, a code no unit has 404 (as a board). Sessions are scheduled and recorded on the case (CoordinationApi).</summary>
public static class UnitMediationsApi
{
    public sealed record UnitMediationView(Guid Id, Guid IncidentId, string Title, string PlaceCode, string CaseStatus, DateTimeOffset ScheduledAt,
        IReadOnlyList<string> Mediators, IReadOnlyList<string> Parties, string? Outcome, string? Agreement, DateTimeOffset? RecordedAt);

    public static void MapUnitMediationsApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/incidents/mediations", List).WithSummary("A unit's mediation sessions (乡贤评理堂), soonest first");

    /// <param name="from">Sessions scheduled from this moment on (default: 30 days ago, so last month's outcomes show).</param>
    /// <param name="limit">1–200 (100).</param>
    private static async Task<Results<Ok<IReadOnlyList<UnitMediationView>>, ValidationProblem, NotFound, ProblemHttpResult>> List(
        IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, DateTimeOffset? from, int? limit)
    {
        var errors = new FieldErrors().Require("unitCode", unitCode, 32);
        if (limit is < 1 or > 200) errors.Add("limit", ProblemTexts.Between("limit", 1, 200));
        if (errors.Has("unitCode")) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        switch (await Jurisdiction.ReachAsync(c, Caller.Of(http), unitCode!.Trim()))
        {
            case Jurisdiction.UnitReach.Unknown: return TypedResults.NotFound();
            case Jurisdiction.UnitReach.Outside: return Jurisdiction.OutsideProblem();
        }
        if (errors.Any) return errors.ToProblem();
        var sessions = await UnitMediationStore.AtOrBelowAsync(c, unitCode.Trim(), from ?? time.GetUtcNow().AddDays(-30), limit ?? 100);
        return TypedResults.Ok<IReadOnlyList<UnitMediationView>>(sessions.Select(m => new UnitMediationView(m.Session.Id, m.Session.IncidentId, m.Title,
            m.PlaceCode, m.CaseStatus, m.Session.ScheduledAt, m.Session.Mediators, m.Session.Parties, m.Session.Outcome, m.Session.Agreement,
            m.Session.RecordedAt)).ToList());
    }
}
