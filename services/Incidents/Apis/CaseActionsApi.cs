using Governance.Incidents.Handling;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>What the holder, the tier above and the verifier do to a case. Each endpoint declares its
/// action: the permission model answers 404/403 before the handler runs, the handler 409.</summary>
public static class CaseActionsApi
{
    public static void MapCaseActionsApi(this IEndpointRouteBuilder routes)
    {
        var incident = routes.MapGroup("/incidents/{id:guid}");
        incident.MapPost("/accept", Accept).WithSummary("Accept a case (签收)").Performs(CaseAction.Accept);
        incident.MapPost("/resolve", Resolve).WithSummary("Resolve a case (办结)").Performs(CaseAction.Resolve);
        incident.MapPost("/notes", Note).WithSummary("Add a progress note (反馈)").Performs(CaseAction.Note);
        incident.MapPost("/escalation-requests", RequestMoveUp).WithSummary("Ask the tier above to take the case (提请上级)").Performs(CaseAction.RequestMoveUp);
        incident.MapPost("/escalation-requests/decision", DecideMoveUp).WithSummary("Approve or decline a request to take the case up").Performs(CaseAction.DecideMoveUp);
        incident.MapPost("/verification", Verify).WithSummary("Verify a resolved case (核查)").Performs(CaseAction.Verify);
        incident.MapPost("/grade", Regrade).WithSummary("Change a case's grade").Performs(CaseAction.Regrade);
        incident.MapPost("/casualties", ReportCasualties).WithSummary("Report casualties on a case").Performs(CaseAction.ReportCasualties);
    }

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Accept(
        Guid id, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        IncidentsApi.ActAsync(runner, db, new FieldErrors(), http, uow => CaseActions.AcceptAsync(uow, id, Actor.Of(http)));

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Resolve(
        Guid id, ResolveRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        IncidentsApi.ActAsync(runner, db, new FieldErrors().Require("note", body?.Note, 4000), http,
            uow => CaseActions.ResolveAsync(uow, id, Actor.Of(http), body!.Note!.Trim()));

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Note(
        Guid id, NoteRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        IncidentsApi.ActAsync(runner, db, new FieldErrors().Require("text", body?.Text, 4000), http,
            uow => CaseActions.NoteAsync(uow, id, Actor.Of(http), body!.Text!.Trim()));

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> RequestMoveUp(
        Guid id, EscalationRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        IncidentsApi.ActAsync(runner, db, new FieldErrors().Require("reason", body?.Reason, 1000), http,
            uow => MoveUpRequests.RequestAsync(uow, id, Actor.Of(http), body!.Reason!.Trim()));

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> DecideMoveUp(
        Guid id, MoveUpDecisionRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Approve is null) errors.Add("approve", IncidentsTexts.ApproveRequired);
        else if (body.Approve == false) errors.Require("reason", body.Reason, 1000);
        else if (body.Reason is { Length: > 1000 }) errors.Add("reason", ProblemTexts.TooLong("reason", 1000));
        return IncidentsApi.ActAsync(runner, db, errors, http,
            uow => MoveUpRequests.DecideAsync(uow, id, Actor.Of(http), body!.Approve!.Value, body.Reason?.Trim() is { Length: > 0 } r ? r : null));
    }

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Verify(
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
            errors.Add("result", ProblemTexts.OneOf("result", Codes.List<VerificationResult>()));
        if (body?.Satisfaction is not null)
        {
            if (Codes.TryParse<Satisfaction>(body.Satisfaction, out var s)) satisfaction = s;
            else errors.Add("satisfaction", ProblemTexts.OneOf("satisfaction", Codes.List<Satisfaction>()));
        }
        if (body?.Comment is { } comment) errors.Require("comment", comment, 1000);
        return IncidentsApi.ActAsync(runner, db, errors, http,
            uow => CaseActions.VerifyAsync(uow, id, Actor.Of(http), result, satisfaction, body!.Comment?.Trim()));
    }

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Regrade(
        Guid id, RegradeRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors().Require("reason", body?.Reason, 1000);
        if (!Codes.TryParse<Grade>(body?.Grade, out var grade)) errors.Add("grade", ProblemTexts.OneOf("grade", Codes.List<Grade>()));
        return IncidentsApi.ActAsync(runner, db, errors, http, uow => CaseActions.RegradeAsync(uow, id, Actor.Of(http), grade, body!.Reason!.Trim()));
    }

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> ReportCasualties(
        Guid id, CasualtiesRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http)
    {
        var errors = new FieldErrors();
        if (body?.Deaths is not (>= 0 and <= 1_000_000)) errors.Add("deaths", IncidentsTexts.WholeNumberFromZero("deaths"));
        if (body?.SeriouslyInjured is not (>= 0 and <= 1_000_000)) errors.Add("seriouslyInjured", IncidentsTexts.WholeNumberFromZero("seriouslyInjured"));
        if (body?.DirectLossYuan is not (>= 0 and <= 1_000_000_000_000)) errors.Add("directLossYuan", IncidentsTexts.YuanFromZero("directLossYuan"));
        return IncidentsApi.ActAsync(runner, db, errors, http, uow => CaseActions.ReportCasualtiesAsync(uow, id, Actor.Of(http),
            new Casualties(body!.Deaths!.Value, body.SeriouslyInjured!.Value, body.DirectLossYuan!.Value)));
    }
}
