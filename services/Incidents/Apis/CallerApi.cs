using Governance.Incidents.Handling;
using Governance.Incidents.Open311;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>
/// 先联系后办理: the holder of a case that came through the hotline or an app reads the caller's name and
/// number, to call before acting. Only the holder (the permission model), only while the case is worked
/// on (409 after), and each reading goes into the audit log before the number is shown.
/// </summary>
public static class CallerApi
{
    public static void MapCallerApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/incidents/{id:guid}/caller", ReadCaller).WithSummary("The hotline caller's name and number, unmasked (先联系后办理)").Performs(CaseAction.ReadCaller);

    private static async Task<Results<Ok<CallerContact>, NotFound, ProblemHttpResult>> ReadCaller(
        Guid id, IncidentsDatabase db, PersonalDataSealer sealer, TimeProvider clock, HttpContext http)
    {
        Incident? incident;
        CallerContact? caller;
        // The read connection goes back before the audit append takes one of its own: holding one while asking
        // for another starves the pool under load (see IncidentsApi.GetIncident).
        await using (var c = await db.OpenReadAsync())
        {
            incident = await IncidentStore.FindAsync(c, id);
            if (incident is null) return TypedResults.NotFound();
            if (!AllowedActions.Fits(CaseAction.ReadCaller, incident, moveUpRequested: false))
                return IncidentsModule.Answers.Conflict(IncidentsTexts.CallerShownWhileWorked, CaseRefusal.Naming(incident.Status));
            caller = await CallerStore.CallerAsync(c, id, sealer);
        }
        if (caller is null) return TypedResults.Ok(new CallerContact(null, null, null));
        // Audited before it is shown: a reading the log cannot take is not answered.
        await AuditLog.AppendAsync(db, clock.GetUtcNow(), Caller.Of(http).Id, $"GET /incidents/{id}/caller", id.ToString(),
            "caller's contact shown unmasked", http.Connection.RemoteIpAddress?.ToString());
        return TypedResults.Ok(caller);
    }
}
