using Governance.Incidents.Handling;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Authority;
using Governance.Incidents.Permissions;
using Microsoft.Extensions.DependencyInjection;
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
        var incident = routes.MapGroup("/incidents/{id:guid}");
        incident.MapPost("/merge", Merge).WithSummary("Merge a duplicate case into this one").Performs(CaseAction.Merge);
        incident.MapGet("/mediations", ListMediations).WithSummary("A case's mediation sessions").Performs(CaseAction.Read);
        incident.MapPost("/mediations", ScheduleMediation).WithSummary("Schedule a mediation session (调解)").Performs(CaseAction.Mediate);
        incident.MapPost("/mediations/{sessionId:guid}/outcome", RecordOutcome).WithSummary("Record a mediation session's outcome").Performs(CaseAction.Mediate);
    }

    /// <summary>Merges this case (a duplicate) into another that carries on.</summary>
    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Merge(
        Guid id, MergeRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Into is null) errors.Add("into", IncidentsTexts.IntoRequired);
        var caller = Caller.Of(http);
        if (errors.Any) return IncidentsApi.ActAsync(runner, db, errors, http, _ => Task.FromResult<Outcome<Incident>>(new Outcome<Incident>.NotFound()));
        return MergeIntoAsync(id, body!.Into!.Value, caller, runner, db, http);
    }

    /// <summary>Merging needs the same right on both cases (who may resolve both, or stands above both):
    /// the endpoint's declaration checked the duplicate alone, this both together.</summary>
    private static async Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> MergeIntoAsync(
        Guid id, Guid into, Caller caller, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var source = http.RequestServices.GetRequiredService<IncidentCaseFacts>();
        var (duplicate, facts) = (await source.FactsAsync(id, http.RequestAborted), await source.FactsAsync(into, http.RequestAborted));
        var decision = duplicate is null || facts is null ? Decision.Hide
            : caller.Unrestricted ? Decision.Allow
            : Authority.DecideMerge(caller.Person, duplicate, facts);
        if (decision is Decision.Hidden) return TypedResults.NotFound();
        if (decision is Decision.Forbidden refused)
            return Answers.Forbidden(refused.Why);
        return await IncidentsApi.ActAsync(runner, db, new FieldErrors(), http, uow => Merging.MergeAsync(uow, id, into, caller.Id));
    }

    private static async Task<Ok<IReadOnlyList<MediationSession>>> ListMediations(Guid id, IncidentsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await MediationStore.ForIncidentAsync(c, id));
    }

    private static async Task<Results<Created<MediationSession>, ValidationProblem, NotFound, ProblemHttpResult>> ScheduleMediation(
        Guid id, MediationRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, HttpContext http)
    {
        var errors = new FieldErrors();
        Names(errors, "mediators", body?.Mediators);
        Names(errors, "parties", body?.Parties);
        if (body?.ScheduledAt is null) errors.Add("scheduledAt", IncidentsTexts.ScheduledAtRequired);
        if (errors.Any) return errors.ToProblem();
        return IncidentsModule.Answers.Created(await runner.RunAsync(uow =>
            Mediation.ScheduleAsync(uow, id, body!.Mediators!, body.Parties!, body.ScheduledAt!.Value, Actor.Of(http))),
            _ => $"/incidents/{id}/mediations");
    }

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> RecordOutcome(
        Guid id, Guid sessionId, MediationOutcomeRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Reached is null) errors.Add("reached", IncidentsTexts.ReachedRequired);
        else if (body.Reached.Value) errors.Require("agreement", body.Agreement, Mediation.MaxAgreementLength);
        else if (body.Agreement is not null) errors.Require("agreement", body.Agreement, Mediation.MaxAgreementLength);
        return IncidentsApi.ActAsync(runner, db, errors, http,
            uow => Mediation.RecordOutcomeAsync(uow, id, sessionId, body!.Reached!.Value, body.Agreement?.Trim(), Actor.Of(http)));
    }

    private static void Names(FieldErrors errors, string field, IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0) { errors.Add(field, IncidentsTexts.NamesAtLeastOne(field)); return; }
        if (names.Count > 20) { errors.Add(field, IncidentsTexts.NamesAtMost20(field)); return; }
        for (var i = 0; i < names.Count; i++) errors.Require($"{field}[{i}]", names[i], 100);
        // Stored together in one column of 1000 characters (MediationStore).
        if (!errors.Has(field) && names.All(n => n is { Length: <= 100 }) && MediationStore.NamesText(names).Length > MediationStore.MaxNamesText)
            errors.Add(field, IncidentsTexts.NamesTooLong(field, MediationStore.MaxNamesText));
    }
}
