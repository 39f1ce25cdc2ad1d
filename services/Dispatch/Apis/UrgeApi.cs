using Governance.Dispatch.Handling;
using Governance.Infrastructure.Authority;
using Governance.Dispatch.Permissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>催办: someone above the holder urges it, with a note. Recorded against the holder (history,
/// its board) and written on the timeline with the person.</summary>
/// <remarks>Who may urge (above, a leader) is the permission model's to decide, wired onto every
/// endpoint in one place; this endpoint declares no role of its own.</remarks>
public static class UrgeApi
{
    public sealed record UrgeRequest(string? Note);

    public static void MapUrgeApi(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/dispatch/assignments/{incidentId:guid}/urge", Urge).WithSummary("Urge the holder of a case (催办)").Performs(CaseAction.Urge);

    private static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> Urge(
        Guid incidentId, UrgeRequest? body, UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http)
    {
        var errors = new FieldErrors().Require("note", body?.Note, 1000);
        if (errors.Any) return errors.ToProblem();
        var by = Actor.Of(http);
        return await AssignmentActions.ActAsync(runner, http, incidentId, async (uow, a) =>
        {
            await Supervision.UrgeAsync(uow, a, body!.Note!.Trim(), by);
            return new Outcome<Assignment>.Done(a);
        });
    }
}
