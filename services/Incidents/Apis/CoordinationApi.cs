using Governance.Incidents.Data;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>Merging duplicates, and village mediation sessions (乡贤评理堂).</summary>
public static class CoordinationApi
{
    public static void MapCoordinationApi(this IEndpointRouteBuilder routes)
    {
        var incident = routes.MapGroup("/incidents/{id:guid}").AddEndpointFilter(IncidentsApi.CaseJurisdiction);
        incident.MapPost("/merge", Merge);
        incident.MapGet("/mediations", ListMediations);
        incident.MapPost("/mediations", ScheduleMediation);
        incident.MapPost("/mediations/{sessionId:guid}/outcome", RecordOutcome);
    }

    /// <summary>Merges this case (a duplicate) into another that carries on.</summary>
    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> Merge(
        Guid id, MergeRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Into is null) errors.Add("into", "into is required: the id of the case this one duplicates.");
        var caller = Caller.Of(http);
        return IncidentsApi.ActAsync(runner, db, errors, async uow =>
            // The case merged into must be in the caller's reach too.
            await IncidentStore.FindAsync(uow.Connection, body!.Into!.Value, uow.Transaction) is { } into
            && await Jurisdiction.CoversAsync(uow.Connection, uow.Provider, caller, into.UnitCode, uow.Transaction)
                ? await Merging.MergeAsync(uow, id, into.Id, caller.Id)
                : new ActionOutcome.NotFound());
    }

    private static async Task<Ok<IReadOnlyList<MediationSession>>> ListMediations(Guid id, IncidentsDatabase db)
    {
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(await MediationStore.ForIncidentAsync(c, id));
    }

    private static async Task<Results<Created<MediationSession>, NotFound, ProblemHttpResult, ValidationProblem>> ScheduleMediation(
        Guid id, MediationRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, HttpContext http)
    {
        var errors = new FieldErrors();
        Names(errors, "mediators", body?.Mediators);
        Names(errors, "parties", body?.Parties);
        if (body?.ScheduledAt is null) errors.Add("scheduledAt", "scheduledAt is required (ISO 8601 date and time).");
        if (errors.Any) return errors.ToProblem();
        var (outcome, session) = await runner.RunAsync(uow =>
            Mediation.ScheduleAsync(uow, id, body!.Mediators!, body.Parties!, body.ScheduledAt!.Value, Actor.Of(http)));
        return outcome switch
        {
            ActionOutcome.Done => TypedResults.Created($"/incidents/{id}/mediations", session!),
            ActionOutcome.NotAllowed refused => TypedResults.Problem(refused.Why, statusCode: StatusCodes.Status409Conflict, title: "Not allowed for this case now"),
            _ => TypedResults.NotFound(),
        };
    }

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> RecordOutcome(
        Guid id, Guid sessionId, MediationOutcomeRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Reached is null) errors.Add("reached", "reached is required (true: agreement reached; false: not reached).");
        else if (body.Reached.Value) errors.Require("agreement", body.Agreement, 4000);
        return IncidentsApi.ActAsync(runner, db, errors,
            uow => Mediation.RecordOutcomeAsync(uow, id, sessionId, body!.Reached!.Value, body.Agreement?.Trim(), Actor.Of(http)));
    }

    private static void Names(FieldErrors errors, string field, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) { errors.Add(field, $"{field} must name at least one person."); return; }
        if (names.Count > 20) errors.Add(field, $"{field} may name at most 20 people.");
        for (var i = 0; i < names.Count && i < 20; i++) errors.Require($"{field}[{i}]", names[i], 100);
    }
}
