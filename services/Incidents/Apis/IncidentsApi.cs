using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Handling;
using Governance.Incidents.Model;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>Filing cases, reading them, and the handler's and verifier's actions.</summary>
public static class IncidentsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        var incidents = routes.MapGroup("/incidents");
        incidents.MapPost("", FileIncident).RequireRateLimiting(IntakeRateLimit.Policy);
        incidents.MapGet("", ListIncidents);
        // Every route about one case checks the caller's jurisdiction first.
        incidents = incidents.MapGroup("").AddEndpointFilter(CaseJurisdiction);
        incidents.MapGet("/{id:guid}", GetIncident);
        incidents.MapPost("/{id:guid}/accept", Accept);
        incidents.MapPost("/{id:guid}/resolve", Resolve);
        incidents.MapPost("/{id:guid}/escalation-requests", RequestEscalation);
        incidents.MapPost("/{id:guid}/verification", Verify);
        incidents.MapPost("/{id:guid}/grade", Regrade);
        incidents.MapPost("/{id:guid}/casualties", ReportCasualties);
        incidents.MapGet("/categories", () => TypedResults.Ok(Catalogue.Categories));
        incidents.MapGet("/grades", () => TypedResults.Ok(Catalogue.Grades));
    }

    /// <summary>Where a case was filed, for the jurisdiction check of routes about it.</summary>
    internal static readonly JurisdictionFilter<IncidentsDatabase> CaseJurisdiction =
        new("id", async (c, id) => (await IncidentStore.FindAsync(c, id))?.UnitCode);

    /// <summary>Files a case. A client that may retry sends an Idempotency-Key: the same key
    /// returns the case filed the first time (200) instead of filing it twice.</summary>
    private static async Task<Results<Created<IncidentView>, Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> FileIncident(
        FileIncidentRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db,
        Microsoft.Extensions.Options.IOptions<DuplicateOptions> duplicates, HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 100) return new FieldErrors().Add(IdempotencyHeader, "Idempotency-Key must be at most 100 characters.").ToProblem();
        var idempotencyKey = key.Length == 0 ? null : key;
        var id = Guid.CreateVersion7();
        var caller = Caller.Of(http);
        var actor = caller.Id;

        (Incident? Incident, Filing.Filed? Created, FieldErrors? Errors) outcome;
        try
        {
            outcome = await runner.RunAsync(async uow =>
            {
                if (idempotencyKey is not null && await IncidentStore.FindByIdempotencyKeyAsync(uow.Connection, idempotencyKey, uow.Transaction) is { } earlier)
                    return ((Incident?)earlier, (Filing.Filed?)null, (FieldErrors?)null);
                var problems = new FieldErrors();
                var filing = FileIncidentRequest.ToCommand(body, problems) is { } command ? await Filing.ValidateAsync(uow, command, problems) : null;
                if (filing is null) return ((Incident?)null, null, problems);
                if (!filing.IsWithin(caller)) return (null, null, null);
                return (null, await Filing.FileAsync(uow, id, filing, actor, idempotencyKey, duplicates.Value), null);
            });
        }
        catch (Exception ex) when (idempotencyKey is not null && DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same key sent twice at once: the other request filed the case first. Answer with it.
            await using var c = await db.OpenAsync();
            var earlier = await IncidentStore.FindByIdempotencyKeyAsync(c, idempotencyKey);
            if (earlier is null) throw;
            outcome = (earlier, null, null);
        }
        var (incident, created, errors) = outcome;
        if (errors is not null) return errors.ToProblem();
        // Performance: a new case is answered from what the filing wrote (its only reporter is the
        // filer, and photos come after); a repeated Idempotency-Key reads the earlier case back as it is now.
        if (created is not null)
            return TypedResults.Created($"/incidents/{created.Incident.Id}", IncidentView.Of(created.Incident, created.Timeline,
                [new ReporterStore.Reporter(created.Incident.ReportedBy, created.Incident.FiledAt, created.Incident.Id)], []));
        if (incident is null) return TypedResults.Problem("You may file cases only in your own units.", statusCode: StatusCodes.Status403Forbidden);
        return TypedResults.Ok(await ViewAsync(db, incident));
    }

    private static async Task<Results<Ok<IReadOnlyList<Incident>>, ValidationProblem>> ListIncidents(
        IncidentsDatabase db, HttpContext http, string? status, string? unitCode, int? limit)
    {
        var errors = new FieldErrors();
        IncidentStatus? parsed = null;
        if (status is not null)
        {
            if (Codes.TryParse<IncidentStatus>(status, out var s)) parsed = s;
            else errors.Add("status", $"status must be one of {Codes.List<IncidentStatus>()}.");
        }
        if (limit is < 1 or > 1000) errors.Add("limit", "limit must be between 1 and 1000.");
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenAsync();
        var scope = await Jurisdiction.ListScopeAsync(c, Caller.Of(http));
        return TypedResults.Ok(await IncidentStore.ListAsync(c, db.Provider, parsed, unitCode, limit ?? 100, scope));
    }

    private static async Task<Results<Ok<IncidentView>, NotFound>> GetIncident(IncidentsDatabase db, Guid id)
    {
        await using var c = await db.OpenAsync();
        var incident = await IncidentStore.FindAsync(c, id);
        return incident is null ? TypedResults.NotFound()
            : TypedResults.Ok(IncidentView.Of(incident, await IncidentStore.TimelineAsync(c, id), await ReporterStore.ListAsync(c, id),
                await PhotoStore.ListAsync(c, id)));
    }

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> Accept(
        Guid id, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        ActAsync(runner, db, new FieldErrors(), uow => CaseActions.AcceptAsync(uow, id, Actor.Of(http)));

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> Resolve(
        Guid id, ResolveRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        ActAsync(runner, db, new FieldErrors().Require("note", body?.Note, 4000),
            uow => CaseActions.ResolveAsync(uow, id, Actor.Of(http), body!.Note!.Trim()));

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> RequestEscalation(
        Guid id, EscalationRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        ActAsync(runner, db, new FieldErrors().Require("reason", body?.Reason, 1000),
            uow => CaseActions.RequestEscalationAsync(uow, id, Actor.Of(http), body!.Reason!.Trim()));

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> Verify(
        Guid id, VerificationRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        VerificationResult result = default;
        Satisfaction? satisfaction = null;
        if (body?.Result is null && body?.Satisfied is { } satisfied)
        {
            result = satisfied ? VerificationResult.Solved : VerificationResult.NotSolved;
            satisfaction = satisfied ? Contracts.Satisfaction.Satisfied : Contracts.Satisfaction.Dissatisfied;
        }
        else if (!Codes.TryParse(body?.Result, out result))
            errors.Add("result", $"result must be one of {Codes.List<VerificationResult>()}.");
        if (body?.Satisfaction is not null)
        {
            if (Codes.TryParse<Satisfaction>(body.Satisfaction, out var s)) satisfaction = s;
            else errors.Add("satisfaction", $"satisfaction must be one of {Codes.List<Satisfaction>()}.");
        }
        if (body?.Comment is { } comment) errors.Require("comment", comment, 1000);
        return ActAsync(runner, db, errors, uow => CaseActions.VerifyAsync(uow, id, Actor.Of(http), result, satisfaction, body!.Comment?.Trim()));
    }

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> Regrade(
        Guid id, RegradeRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (!Codes.TryParse<Grade>(body?.Grade, out var grade)) errors.Add("grade", $"grade must be one of {Codes.List<Grade>()}.");
        return ActAsync(runner, db, errors, uow => CaseActions.RegradeAsync(uow, id, Actor.Of(http), grade, body!.Reason!.Trim()));
    }

    private static Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> ReportCasualties(
        Guid id, CasualtiesRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Deaths is not (>= 0 and <= 1_000_000)) errors.Add("deaths", "deaths must be a whole number from 0.");
        if (body?.SeriouslyInjured is not (>= 0 and <= 1_000_000)) errors.Add("seriouslyInjured", "seriouslyInjured must be a whole number from 0.");
        if (body?.DirectLossYuan is not (>= 0 and <= 1_000_000_000_000)) errors.Add("directLossYuan", "directLossYuan must be an amount in yuan from 0.");
        return ActAsync(runner, db, errors, uow => CaseActions.ReportCasualtiesAsync(uow, id, Actor.Of(http),
            new Casualties(body!.Deaths!.Value, body.SeriouslyInjured!.Value, body.DirectLossYuan!.Value)));
    }

    internal static async Task<Results<Ok<IncidentView>, NotFound, ProblemHttpResult, ValidationProblem>> ActAsync(
        UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, FieldErrors errors,
        Func<UnitOfWork<IncidentsDatabase>, Task<ActionOutcome>> action)
    {
        if (errors.Any) return errors.ToProblem();
        return await runner.RunAsync(action) switch
        {
            ActionOutcome.Done done => TypedResults.Ok(await ViewAsync(db, done.Incident)),
            ActionOutcome.NotAllowed refused => TypedResults.Problem(refused.Why, statusCode: StatusCodes.Status409Conflict,
                title: "Not allowed in the case's current status", extensions: new Dictionary<string, object?> { ["status"] = Codes.Of(refused.Status) }),
            _ => TypedResults.NotFound(),
        };
    }

    internal static async Task<IncidentView> ViewAsync(IncidentsDatabase db, Incident incident)
    {
        await using var c = await db.OpenAsync();
        return IncidentView.Of(incident, await IncidentStore.TimelineAsync(c, incident.Id), await ReporterStore.ListAsync(c, incident.Id),
            await PhotoStore.ListAsync(c, incident.Id));
    }
}
