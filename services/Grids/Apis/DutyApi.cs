using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>Duty periods: who is (or was) on duty at a unit, starting and ending a period.</summary>
public static class DutyApi
{
    public static void MapDutyApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/grids/units/{code}/duty", OnDuty).WithSummary("Who is on duty at a unit now");
        // Duty is staff work: at the duty's unit (here) and the person's home unit (the handler).
        routes.MapPost("/grids/units/{code}/duty", StartDuty).WithSummary("Start a duty at a unit").Performs(UnitAction.ChangeStaff, At.Route("code"));
        routes.MapPost("/grids/duty/{id:guid}/end", EndDuty).WithSummary("End a duty").Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
    }

    /// <summary>Who was on duty at the unit at <paramref name="at"/> (ISO 8601; now if left out).</summary>
    private static async Task<Results<Ok<IReadOnlyList<DutyView>>, ValidationProblem, NotFound>> OnDuty(
        GridsDatabase db, TimeProvider time, string code, string? at)
    {
        var errors = new FieldErrors();
        var moment = Fields.Moment(errors, "", "at", at) ?? time.GetUtcNow();
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        if (await UnitStore.FindAsync(c, code) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await StaffStore.OnDutyAsync(c, code, moment));
    }

    private static async Task<Results<Created<DutyAssignment>, ValidationProblem, NotFound, ProblemHttpResult>> StartDuty(
        string code, StartDutyRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => StaffChanges.StartDutyAsync(uow, code, body?.ToCommand(), Actor.Of(http), Reach.Of(http, UnitAction.ChangeStaff))),
            d => $"/grids/units/{d.UnitCode}/duty");

    private static async Task<Results<Ok<DutyAssignment>, ValidationProblem, NotFound, ProblemHttpResult>> EndDuty(
        Guid id, EndDutyRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => StaffChanges.EndDutyAsync(uow, id, body?.ToCommand(), Reach.Of(http, UnitAction.ChangeStaff))));
}
