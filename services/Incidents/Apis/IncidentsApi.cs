using Governance.Incidents.Handling;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.UnitCopy;
using Governance.Incidents.Permissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>Filing cases, reading them, and the handler's and verifier's actions.</summary>
public static class IncidentsApi
{
    public static void MapIncidentsApi(this IEndpointRouteBuilder routes)
    {
        var incidents = routes.MapGroup("/incidents");
        // Roles here; the place is checked against the caller's units once the filing has read its chain.
        incidents.MapPost("", FileIncident).WithSummary("File a case at a place (上报)").RequireRateLimiting(IntakeRateLimit.Policy).Performs(UnitAction.File);
        incidents.MapGet("", ListIncidents).WithSummary("List the cases the caller may read");
        incidents.MapGet("/{id:guid}", GetIncident).WithSummary("Read a case with its timeline and allowed actions").Performs(CaseAction.Read);
        incidents.MapGet("/categories", () => TypedResults.Ok(Catalogue.Categories)).WithSummary("The case categories");
        incidents.MapGet("/grades", () => TypedResults.Ok(Catalogue.Grades)).WithSummary("The case grades (I–IV)");
    }

    /// <summary>Files a case. A client that may retry sends an Idempotency-Key: the same key with the
    /// same filing returns the case filed the first time (200) instead of filing it twice; the same key
    /// with a different filing is refused (422). A key is the caller's own: another caller's is another filing.</summary>
    private static async Task<Results<Created<IncidentView>, Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> FileIncident(
        FileIncidentRequest? body, UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db,
        Microsoft.Extensions.Options.IOptions<DuplicateOptions> duplicates, Microsoft.Extensions.Options.IOptions<LocationOptions> location,
        HttpContext http)
    {
        var (idempotencyKey, keyErrors) = IdempotencyKeys.From(http.Request, () => IdempotencyKeys.Fingerprint(body));
        if (keyErrors is not null) return keyErrors.ToProblem();
        var id = Guid.CreateVersion7();
        var caller = Caller.Of(http);
        var actor = caller.Id;

        (IncidentStore.KeyedFiling? Earlier, Filing.Filed? Created, FieldErrors? Errors) outcome;
        try
        {
            // Group commit (issue #19): filings that arrive together are written in one transaction; this
            // one is answered after that commit, exactly as if it had been written alone (GroupCommit.cs).
            outcome = await runner.RunGroupedAsync(async uow =>
            {
                if (idempotencyKey is not null
                    && await IncidentStore.FindByIdempotencyKeyAsync(uow, actor, idempotencyKey.Key) is { } earlier)
                    return ((IncidentStore.KeyedFiling?)earlier, (Filing.Filed?)null, (FieldErrors?)null);
                var problems = new FieldErrors();
                // A hotline operator takes calls (接诉即办): placed by location or address, or into triage.
                var hotline = !caller.Unrestricted && caller.Person.HasRole(Roles.HotlineOperator);
                var command = FileIncidentRequest.ToCommand(body, problems, hotline);
                var filing = command is null ? null : await Filing.ValidateAsync(uow, command, problems, location.Value);
                // 403 comes before 400 (docs/permissions.md): a filing outside the caller's units is refused
                // as such, whatever else is wrong with it. Read again only on this failure path.
                if (filing is null && !caller.Unrestricted && await OutsideReachAsync(uow, caller, command?.UnitCode ?? body?.UnitCode))
                    return (null, null, null);
                if (filing is null) return (null, null, problems);
                if (!caller.Unrestricted && !Authority.Decide(caller.Person, UnitAction.File, filing.ChainUnits).IsAllowed) return (null, null, null);
                return ((IncidentStore.KeyedFiling?)null, await Filing.FileAsync(uow, id, filing, actor, idempotencyKey, duplicates.Value,
                    caller.Unrestricted ? null : caller.Person), null);
            });
        }
        catch (Exception ex) when (idempotencyKey is not null && DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same key sent twice at once by this caller: the other request filed first. Answer with it.
            await using var c = await db.OpenReadAsync();
            var earlier = await IncidentStore.FindByIdempotencyKeyAsync(c, actor, idempotencyKey.Key);
            if (earlier is null) throw;
            outcome = (earlier, null, null);
        }
        var (repeated, created, errors) = outcome;
        if (errors is not null) return errors.ToProblem();
        // Performance: a new case is answered from what the filing wrote (its only reporter is the
        // filer, and photos come after); a repeated Idempotency-Key reads the earlier case back as it is now.
        if (created is not null)
            return TypedResults.Created($"/incidents/{created.Incident.Id}", IncidentView.Of(created.Incident, created.Timeline,
                [new ReporterStore.Reporter(created.Incident.ReportedBy, created.Incident.FiledAt, created.Incident.Id)], [],
                FiledActions(created.Incident)));
        if (repeated is null) return TypedResults.Problem(IncidentsTexts.OnlyOwnUnitsFiling, statusCode: StatusCodes.Status403Forbidden);
        if (!idempotencyKey!.SameFilingAs(repeated.RequestHash)) return IdempotencyKeys.AlreadyUsed(repeated.Incident.Id);
        return TypedResults.Ok(await CaseViews.ViewAsync(db, repeated.Incident, caller));
    }

    /// <summary>Whether the unit exists and the caller may not file there.</summary>
    private static async Task<bool> OutsideReachAsync(DbSession session, Caller caller, string? unitCode) =>
        unitCode is { Length: > 0 and <= 32 }
        && await UnitCopyStore.ChainAsync(session, unitCode) is { Count: > 0 } chain
        && !Authority.Decide(caller.Person, UnitAction.File, chain.Select(u => new ChainUnit(u.Code, u.Level)).ToList()).IsAllowed;

    /// <summary>A case just filed is not routed yet: its filer may read it, add photos and (as the place
    /// or its reporter) nothing more until Dispatch assigns it. Answered without another read.</summary>
    private static IReadOnlyList<CaseAction> FiledActions(Incident incident) =>
        incident.Status is IncidentStatus.Filed or IncidentStatus.Triage ? [CaseAction.Read, CaseAction.AddPhoto] : [CaseAction.Read];

    /// <summary>Cases the caller may read, newest first, narrowed by every field the list shows (<see cref="CaseListQuery"/>).</summary>
    private static async Task<Results<Ok<IReadOnlyList<IncidentView>>, ValidationProblem>> ListIncidents(
        IncidentsDatabase db, HttpContext http, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        var filter = CaseListQuery.Read(http.Request.Query, errors);
        if (limit is < 1 or > 1000) errors.Add("limit", ProblemTexts.Between("limit", 1, 1000));
        errors.Offset(offset);
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        await using var c = await db.OpenReadAsync();
        if (!await CaseListQuery.UnitKnownAsync(c, filter, errors)) return errors.ToProblem();
        var reach = await ReachAsync(c, caller);
        var (take, skip) = (limit ?? 100, offset ?? 0);
        var incidents = await IncidentStore.ListAsync(c, filter, take, reach, skip);
        // A full page may have more behind it: the next one is named in a Link header (RFC 8288), the body stays a list.
        if (incidents.Count == take) http.Response.Headers.Link = $"<{NextPage(http.Request, skip + take)}>; rel=\"next\"";
        return TypedResults.Ok<IReadOnlyList<IncidentView>>((await CaseViews.ItemsAsync(c, incidents, caller)).Select(i => i.View).ToList());
    }

    internal static string NextPage(HttpRequest request, int offset)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value);
        query["offset"] = offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(request.Path, query);
    }

    /// <summary>Whose cases the caller may list: null for the county's staff and unrestricted callers.</summary>
    internal static async Task<IncidentStore.ListReach?> ReachAsync(DbSession c, Caller caller) =>
        await Jurisdiction.ListScopeAsync(c, caller) is { } units ? new IncidentStore.ListReach(units, caller.Id, caller.Department) : null;

    /// <summary>One connection for the whole answer. It held the one it read the case with while the view opened a
    /// second: two a request, and with as many requests at once as the pool has connections (24 in distributed
    /// mode) each held one and waited for another — Incidents stood still until the requests timed out (found by the
    /// benchmark's day mix, issue #19).</summary>
    private static async Task<Results<Ok<IncidentView>, NotFound>> GetIncident(IncidentsDatabase db, Guid id, HttpContext http)
    {
        await using var c = await db.OpenReadAsync();
        var incident = await IncidentStore.FindAsync(c, id);
        return incident is null ? TypedResults.NotFound() : TypedResults.Ok(await CaseViews.ViewAsync(c, incident, Caller.Of(http)));
    }

    /// <summary>Runs a person's action on a case and answers with the case as he now sees it: 409 when
    /// the case's state does not admit it (who may act was decided before, by the endpoint's declaration),
    /// when it moved since, or when the tier above approved moving it up and Dispatch has not moved it yet
    /// (read under the case's row lock, so a resolve racing the approval cannot slip in).</summary>
    internal static async Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> ActAsync(
        UnitOfWorkRunner<IncidentsDatabase> runner, IncidentsDatabase db, FieldErrors errors, HttpContext http,
        Func<UnitOfWork<IncidentsDatabase>, Task<Outcome<Incident>>> action)
    {
        if (errors.Any) return errors.ToProblem();
        var decided = DecidedCase.Of(http);
        var outcome = await runner.RunAsync(async uow =>
            decided is not null && await IncidentStore.FindAsync(uow, decided.Id) is { } now
            && (!decided.StillHeldAt(now.Tier, now.HandlingUnitCode) || await MoveUpRequests.CurrentAsync(uow, now) is { Approved: true })
                ? CaseRefusal.NotAllowed(now.Status, DecidedCase.MovedRefusal)
                : await action(uow));
        return await AnswerAsync(db, http, outcome);
    }

    /// <summary>What came of a person's action on a case, answered: 200 with the case as he now sees it, 400, 404, 403, 409.</summary>
    internal static async Task<Results<Ok<IncidentView>, ValidationProblem, NotFound, ProblemHttpResult>> AnswerAsync(
        IncidentsDatabase db, HttpContext http, Outcome<Incident> outcome) =>
        IncidentsModule.Answers.Ok(await outcome.MapAsync(incident => CaseViews.ViewAsync(db, incident, Caller.Of(http))));
}
