using Governance.Incidents.Handling;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>The reports' settings a county edits (repeat-place threshold): read by settings readers, changed by the administrator.</summary>
public static class ReportSettingsApi
{
    public sealed record ReportSettingsRequest(int? RepeatPlaceThreshold);

    public static void MapReportSettingsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/incidents/settings/reports", GetAsync).WithSummary("Read the report settings").Performs(UnitAction.ReadSettings);
        routes.MapPut("/incidents/settings/reports", PutAsync).WithSummary("Change the report settings").Performs(UnitAction.ChangeSettings);
    }

    private static async Task<Ok<ReportSettings.Settings>> GetAsync(IncidentsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await ReportSettings.ReadAsync(c));
    }

    private static async Task<Results<Ok<ReportSettings.Settings>, ValidationProblem, NotFound, ProblemHttpResult>> PutAsync(
        ReportSettingsRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, HttpContext http) =>
        IncidentsModule.Answers.Ok(await runner.RunAsync(uow =>
            ReportSettings.ChangeAsync(uow, new ReportSettings.Change(body?.RepeatPlaceThreshold, Actor.Of(http)))));
}
