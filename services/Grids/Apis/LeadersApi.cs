using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

public sealed record SetLeaderPostRequest(string? Post, List<string?>? LinkedUnits, int? VisitEveryDays, List<string?>? PlanUnits)
{
    public SetLeaderPost ToCommand() => new(Post, LinkedUnits, VisitEveryDays, PlanUnits);
}

public sealed record LeaderVisitIncidentRequest(string? UnitCode, string? Category, string? Grade, string? Title, string? Description);

public sealed record LeaderFindingRequest(string? Text, LeaderVisitIncidentRequest? Incident);

public sealed record LeaderVisitRequest(string? UnitCode, double? Lat, double? Lng, string? VisitedAt, string? Met, List<LeaderFindingRequest?>? Findings)
{
    public RecordLeaderVisit ToCommand() => new(UnitCode, Lat, Lng, VisitedAt, Met,
        Findings?.Select(f => f is null ? null : new LeaderFindingInput(f.Text,
            f.Incident is { } i ? new LeaderVisitIncident(i.UnitCode, i.Category, i.Grade, i.Title, i.Description) : null)).ToList());
}

/// <summary>A township's leader visits in a month and its overdue planned units (the county page's figures).</summary>
public sealed record LeaderFigures(string UnitCode, string Name, int Visits, int Leaders, int OverdueUnits);

/// <summary>
/// Leaders and their visits (下沉走访, docs/leaders.md). Posts are staff changes (change-staff at the person's
/// home unit and linked units); a leader records his own visits at his linked units (record-leader-visit) and
/// reads his plan; a unit's staff and those above it read the leaders' visits and overdue plans under it
/// (read-unit-work).
/// </summary>
public static class LeadersApi
{
    private const int MonthLimit = 200_000;

    public static void MapLeadersApi(this IEndpointRouteBuilder routes)
    {
        var leaders = routes.MapGroup("/grids/leaders");
        leaders.MapGet("/mine", Mine).WithSummary("The caller's own leader posts and visit plan");
        leaders.MapGet("/overdue", Overdue).WithSummary("Leaders overdue for a visit, under a unit");
        leaders.MapGet("/figures", Figures).WithSummary("Leader visits and overdue plans per township under a unit");
        leaders.MapPost("/visits", Record).WithSummary("Record a leader's visit (下沉走访)").Performs(UnitAction.RecordLeaderVisit, At.UnitsTheHandlerReads);
        leaders.MapGet("/visits", Visits).WithSummary("List leaders' visits");
        leaders.MapGet("/visits/{id:guid}", Visit).WithSummary("Read a leader's visit");
        leaders.MapGet("/{personId}", Get).WithSummary("Read a person's leader post and plan");
        leaders.MapPut("/{personId}", Set).WithSummary("Set a person's leader post, linked units (联系点) and plan").Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
        leaders.MapDelete("/{personId}", Remove).WithSummary("End a person's leader post").Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
    }

    private static async Task<Results<Ok<LeaderView>, ValidationProblem, NotFound, ProblemHttpResult>> Set(
        string personId, SetLeaderPostRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => LeaderPosts.SetAsync(uow, personId, body?.ToCommand(), Actor.Of(http), Reach.Of(http, UnitAction.ChangeStaff))));

    private static async Task<Results<Ok<LeaderView>, ValidationProblem, NotFound, ProblemHttpResult>> Remove(
        string personId, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => LeaderPosts.RemoveAsync(uow, personId, Reach.Of(http, UnitAction.ChangeStaff))));

    /// <summary>The caller's own post, plan and planned units (his phone page); 404 for an account Grids does not know.</summary>
    private static async Task<Results<Ok<LeaderView>, NotFound>> Mine(GridsDatabase db, TimeProvider time, HttpContext http)
    {
        await using var c = await db.OpenReadAsync();
        return await StaffStore.FindAsync(c, Actor.Of(http)) is { } me ? TypedResults.Ok(await LeaderViews.OfAsync(c, me, time.GetUtcNow())) : TypedResults.NotFound();
    }

    /// <summary>A person's post and plan: his own, or one registered at a unit whose work the caller reads.</summary>
    private static async Task<Results<Ok<LeaderView>, NotFound, ProblemHttpResult>> Get(string personId, GridsDatabase db, TimeProvider time, HttpContext http)
    {
        await using var c = await db.OpenReadAsync();
        if (await StaffStore.FindAsync(c, personId) is not { } member) return TypedResults.NotFound();
        if (member.Id != Actor.Of(http) && await Reach.Of(http, UnitAction.ReadUnitWork).RefusalAtAsync(c, member.UnitCode) is { } why)
            return Answers.Forbidden(why);
        return TypedResults.Ok(await LeaderViews.OfAsync(c, member, time.GetUtcNow()));
    }

    private static async Task<Results<Created<LeaderVisit>, ValidationProblem, NotFound, ProblemHttpResult>> Record(
        LeaderVisitRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => LeaderVisits.RecordAsync(uow, body?.ToCommand(), Actor.Of(http),
            Caller.Of(http).LeaderUnits ?? [], Reach.Of(http, UnitAction.RecordLeaderVisit))), v => $"/grids/leaders/visits/{v.Visit.Id}");

    /// <summary>A leader's visit with what it found: his own, or one at a unit whose work the caller reads.</summary>
    private static async Task<Results<Ok<LeaderVisit>, NotFound, ProblemHttpResult>> Visit(Guid id, GridsDatabase db, HttpContext http)
    {
        await using var c = await db.OpenReadAsync();
        if (await VisitStore.FindAsync(c, id) is not { Kind: VisitKind.Leader } visit) return TypedResults.NotFound();
        if (visit.PersonId != Actor.Of(http) && await Reach.Of(http, UnitAction.ReadUnitWork).RefusalAtAsync(c, visit.UnitCode) is { } why)
            return Answers.Forbidden(why);
        return TypedResults.Ok(await LeaderStore.DetailAsync(c, visit));
    }

    /// <summary>Leaders' visits in a month (this month unless told): the caller's own without a unit, or those at a unit's subtree.</summary>
    private static async Task<Results<Ok<IReadOnlyList<LeaderVisit>>, ValidationProblem, ProblemHttpResult>> Visits(
        GridsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? personId, string? month, int? limit)
    {
        if (limit is < 1 or > 500) return new FieldErrors().Add("limit", ProblemTexts.Between("limit", 1, 500)).ToProblem();
        var (scope, invalid, forbidden) = await PatrolsApi.ScopeAsync(db, time, http, unitCode, personId, month);
        if (invalid is not null) return invalid;
        if (forbidden is not null) return forbidden;
        await using var c = await db.OpenReadAsync();
        var visits = new List<LeaderVisit>();
        foreach (var v in await VisitStore.ListAsync(c, VisitKind.Leader, scope!.PersonId, scope.UnitCode, scope.Month.Start, scope.Month.End, limit ?? 100))
            visits.Add(await LeaderStore.DetailAsync(c, v));
        return TypedResults.Ok<IReadOnlyList<LeaderVisit>>(visits);
    }

    /// <summary>Leaders with planned units under the unit (the caller's home unit unless told) whose visit is overdue now.</summary>
    private static async Task<Results<Ok<IReadOnlyList<LeaderView>>, ValidationProblem, ProblemHttpResult>> Overdue(
        GridsDatabase db, TimeProvider time, HttpContext http, string? unitCode)
    {
        var (unit, invalid, forbidden) = await UnitInReachAsync(db, http, unitCode);
        if (invalid is not null) return invalid;
        if (forbidden is not null) return forbidden;
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await LeaderViews.OverdueUnderAsync(c, unit!, time.GetUtcNow()));
    }

    /// <summary>Per township under the unit (the county unless told): leader visits in the month and planned units overdue now.</summary>
    private static async Task<Results<Ok<IReadOnlyList<LeaderFigures>>, ValidationProblem, ProblemHttpResult>> Figures(
        GridsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? month)
    {
        var (unit, invalid, forbidden) = await UnitInReachAsync(db, http, unitCode);
        if (invalid is not null) return invalid;
        if (forbidden is not null) return forbidden;
        var parsed = AssessmentMonth.Of(time.GetUtcNow());
        if (month is not null && !AssessmentMonth.TryParse(month, out parsed))
            return new FieldErrors().Add("month", GridsTexts.MonthAsYyyyMm).ToProblem();
        await using var c = await db.OpenReadAsync();
        var townships = (await UnitStore.PathAsync(c, unit!)).FirstOrDefault(u => u.Level == UnitLevel.Township) is { } above
            ? [above]
            : (await UnitStore.ListAsync(c, UnitLevel.Township, unit, includeRetired: false, 1000, 0)).ToList();
        var visits = await VisitStore.ListAsync(c, VisitKind.Leader, null, unit, parsed.Start, parsed.End, MonthLimit);
        var overdue = await LeaderViews.OverdueUnderAsync(c, unit!, time.GetUtcNow());
        var townshipOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        async Task<string?> TownshipOfAsync(string code) => townshipOf.TryGetValue(code, out var t) ? t
            : townshipOf[code] = (await UnitStore.PathAsync(c, code)).FirstOrDefault(u => u.Level == UnitLevel.Township)?.Code;
        var visitsBy = new Dictionary<string, List<Visit>>();
        foreach (var v in visits)
            if (await TownshipOfAsync(v.UnitCode) is { } t) (visitsBy.TryGetValue(t, out var list) ? list : visitsBy[t] = []).Add(v);
        var overdueBy = new Dictionary<string, int>();
        foreach (var planned in overdue.SelectMany(l => l.Planned))
            if (await TownshipOfAsync(planned.UnitCode) is { } t) overdueBy[t] = overdueBy.GetValueOrDefault(t) + 1;
        return TypedResults.Ok<IReadOnlyList<LeaderFigures>>(townships.Select(t => new LeaderFigures(t.Code, t.Name,
            visitsBy.GetValueOrDefault(t.Code)?.Count ?? 0, visitsBy.GetValueOrDefault(t.Code)?.Select(v => v.PersonId).Distinct().Count() ?? 0,
            overdueBy.GetValueOrDefault(t.Code))).ToList());
    }

    /// <summary>The unit a read is about (the caller's home unit unless told): 400 naming unitCode, 403 outside his reach.</summary>
    private static async Task<(string? Unit, ValidationProblem? Invalid, ProblemHttpResult? Forbidden)> UnitInReachAsync(
        GridsDatabase db, HttpContext http, string? unitCode)
    {
        var errors = new FieldErrors().Optional("unitCode", unitCode, UnitChanges.MaxCodeLength);
        var code = unitCode ?? Caller.Of(http).Units.FirstOrDefault();
        if (code is null) errors.Add("unitCode", GridsTexts.TokenNamesNoUnit);
        if (errors.Any) return (null, errors.ToProblem(), null);
        await using var c = await db.OpenReadAsync();
        if (await UnitStore.FindAsync(c, code!) is null) return (null, new FieldErrors().Add("unitCode", ProblemTexts.UnknownUnit("unitCode", code)).ToProblem(), null);
        return await Reach.Of(http, UnitAction.ReadUnitWork).RefusalAtAsync(c, code!) is { } why ? (null, null, Answers.Forbidden(why)) : (code, null, null);
    }
}
