using Governance.Incidents.Handling;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

public sealed record TakeInHandRequest(string? Instructions)
{
    public TakeInHand ToCommand(Guid id, string leader) => new(id, leader, Instructions);
}

public sealed record SignOffRequest(string? Note)
{
    public SignOff ToCommand(Guid id, string leader) => new(id, leader, Note);
}

/// <summary>包案 (issue #16): take a case in hand, sign it off after verification, and the leader's own queue.</summary>
public static class InHandApi
{
    public static void MapInHandApi(this IEndpointRouteBuilder routes)
    {
        var incident = routes.MapGroup("/incidents/{id:guid}");
        incident.MapPost("/in-hand", Take).WithSummary("Take a case in hand as a leader (包案)").Performs(CaseAction.TakeInHand);
        incident.MapPost("/sign-off", SignOff).WithSummary("Sign off a case taken in hand (包案签字)").Performs(CaseAction.SignOff);
        // His own cases: no unit to check; each case is listed only while he may still read it.
        routes.MapGet("/incidents/in-hand", Queue).WithSummary("The cases the caller has taken in hand");
    }

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> Take(
        Guid id, TakeInHandRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        IncidentsApi.ActAsync(runner, db, new FieldErrors(), http,
            uow => InHand.TakeAsync(uow, (body ?? new TakeInHandRequest(null)).ToCommand(id, Actor.Of(http))));

    private static Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> SignOff(
        Guid id, SignOffRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, HttpContext http) =>
        IncidentsApi.ActAsync(runner, db, new FieldErrors(), http,
            uow => InHand.SignOffAsync(uow, (body ?? new SignOffRequest(null)).ToCommand(id, Actor.Of(http))));

    /// <summary>我包案的案件: the cases in the caller's hand, newest filed first, paged as every case list
    /// (limit, offset, a Link header to the next page); <c>open=false</c> lists the closed ones too.</summary>
    private static async Task<Results<Ok<IReadOnlyList<IncidentView>>, ValidationProblem>> Queue(
        IncidentsDatabase db, HttpContext http, int? limit, int? offset, bool? open)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 1000) errors.Add("limit", ProblemTexts.Between("limit", 1, 1000));
        errors.Offset(offset);
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        var (take, skip) = (limit ?? 100, offset ?? 0);
        await using var c = await db.OpenReadAsync();
        var incidents = await InHandStore.OfLeaderAsync(c, caller.Id, open ?? true, take, skip);
        if (incidents.Count == take) http.Response.Headers.Link = $"<{IncidentsApi.NextPage(http.Request, skip + take)}>; rel=\"next\"";
        var items = await CaseViews.ItemsAsync(c, incidents, caller);
        // A leader whose post (联系点) has ended no longer reads the case: it leaves his list as it does his reach.
        var views = new List<IncidentView>();
        foreach (var (view, read) in items)
            if (caller.Unrestricted || Authority.Decide(caller.Person, read.Facts, CaseAction.Read).IsAllowed)
                views.Add(view with { InHand = InHandView.Of(read.InHand) });
        return TypedResults.Ok<IReadOnlyList<IncidentView>>(views);
    }
}
