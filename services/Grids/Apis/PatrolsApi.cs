using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Grids.Apis;

public sealed record StartPatrolRequest(string? UnitCode)
{
    public StartPatrol ToCommand() => new(UnitCode);
}

public sealed record TrackPointRequest(double? Lat, double? Lng, string? At);

public sealed record TrackPointsRequest(List<TrackPointRequest?>? Points)
{
    public AddTrackPoints ToCommand() => new(Points?.Select(p => p is null ? null : new TrackPointInput(p.Lat, p.Lng, p.At)).ToList());
}

/// <summary>The patrol log (巡查/走访日志). A grid worker records his own patrols (record-patrol); a
/// unit's staff and those above it read the patrols at it (read-unit-work), each person his own. A patrol forgotten
/// open reads as ended at its last sign of life once idle (<see cref="IdlePatrols"/>), written or not yet.</summary>
public static class PatrolsApi
{
    /// <summary>Patrols listed or counted at once: a county's month is a few tens of thousands.</summary>
    private const int MonthLimit = 200_000;

    public static void MapPatrolsApi(this IEndpointRouteBuilder routes)
    {
        var patrols = routes.MapGroup("/grids/patrols");
        patrols.MapPost("", Start).WithSummary("Start a patrol (巡查)").Performs(UnitAction.RecordPatrol, At.UnitsTheHandlerReads);
        patrols.MapPost("/{id:guid}/points", AddPoints).WithSummary("Add track points to one's own patrol").Performs(UnitAction.RecordPatrol, At.UnitsTheHandlerReads).WithMetadata(new OwnPatrolCheck());
        patrols.MapPost("/{id:guid}/end", End).WithSummary("End a patrol").Performs(UnitAction.RecordPatrol, At.UnitsTheHandlerReads);
        patrols.MapGet("/current", Current).WithSummary("The caller's patrol under way, if any");
        patrols.MapGet("/{id:guid}", Get).WithSummary("Read a patrol with its track");
        patrols.MapGet("", List).WithSummary("List patrols");
        patrols.MapGet("/counts", Counts).WithSummary("Patrols per day and in the month");
        patrols.MapGet("/tracks", Tracks).WithSummary("The month's patrols with their tracks, for the map");
    }

    private static async Task<Results<Created<Visit>, ValidationProblem, NotFound, ProblemHttpResult>> Start(
        StartPatrolRequest? body, UnitOfWorkRunner<GridsDatabase> runner, IOptions<PatrolOptions> patrols, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => Patrols.StartAsync(uow, body?.ToCommand() ?? new StartPatrol(null),
            Actor.Of(http), Caller.Of(http).Units, Reach.Of(http, UnitAction.RecordPatrol), patrols.Value.IdleEnd)), v => $"/grids/patrols/{v.Id}");

    private static async Task<Results<Ok<PatrolPoints>, ValidationProblem, NotFound, ProblemHttpResult>> AddPoints(
        Guid id, TrackPointsRequest? body, UnitOfWorkRunner<GridsDatabase> runner, IOptions<PatrolOptions> patrols, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => Patrols.AddPointsAsync(uow, id, body?.ToCommand(), Actor.Of(http), patrols.Value.IdleEnd)));

    private static async Task<Results<Ok<Visit>, ValidationProblem, NotFound, ProblemHttpResult>> End(
        Guid id, UnitOfWorkRunner<GridsDatabase> runner, IOptions<PatrolOptions> patrols, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => Patrols.EndAsync(uow, id, Actor.Of(http), patrols.Value.IdleEnd)));

    /// <summary>The caller's patrol going on now, with its track (the phone page resumes it); 204 when none (one gone
    /// idle is none: the page offers to start a new one).</summary>
    private static async Task<Results<Ok<VisitDetail>, NoContent>> Current(GridsDatabase db, TimeProvider time, IOptions<PatrolOptions> patrols, HttpContext http)
    {
        await using var c = await db.OpenReadAsync();
        return await VisitStore.OpenOfAsync(c, Actor.Of(http), VisitKind.Patrol) is { } open
               && await IdlePatrols.AsOfAsync(c, open, time.GetUtcNow(), patrols.Value.IdleEnd) is { IsOpen: true }
            ? TypedResults.Ok(await VisitStore.DetailAsync(c, open)) : TypedResults.NoContent();
    }

    /// <summary>A patrol with its track and links: his own, or one at a unit whose work the caller reads.</summary>
    private static async Task<Results<Ok<VisitDetail>, NotFound, ProblemHttpResult>> Get(Guid id, GridsDatabase db, TimeProvider time,
        IOptions<PatrolOptions> patrols, HttpContext http)
    {
        await using var c = await db.OpenReadAsync();
        // Care visits and leaders' visits are rows of visits too: they are read where their subject or leader is.
        if (await VisitStore.FindAsync(c, id) is not { Kind: VisitKind.Patrol } visit) return TypedResults.NotFound();
        if (visit.PersonId != Actor.Of(http) && await Reach.Of(http, UnitAction.ReadUnitWork).RefusalAtAsync(c, visit.UnitCode) is { } why)
            return Answers.Forbidden(why);
        return TypedResults.Ok(await VisitStore.DetailAsync(c, await IdlePatrols.AsOfAsync(c, visit, time.GetUtcNow(), patrols.Value.IdleEnd)));
    }

    /// <summary>Patrols started in a month (this month unless told): the caller's own without a unit, or
    /// those at a unit's subtree (optionally one person's).</summary>
    private static async Task<Results<Ok<IReadOnlyList<Visit>>, ValidationProblem, ProblemHttpResult>> List(
        GridsDatabase db, TimeProvider time, IOptions<PatrolOptions> patrols, HttpContext http, string? unitCode, string? personId, string? month, int? limit)
    {
        if (limit is < 1 or > 5000) return new FieldErrors().Add("limit", ProblemTexts.Between("limit", 1, 5000)).ToProblem();
        var (scope, invalid, forbidden) = await ScopeAsync(db, time, http, unitCode, personId, month);
        if (invalid is not null) return invalid;
        if (forbidden is not null) return forbidden;
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await IdlePatrols.AsOfAsync(c,
            await VisitStore.ListAsync(c, VisitKind.Patrol, scope!.PersonId, scope.UnitCode, scope.Month.Start, scope.Month.End, limit ?? 500),
            time.GetUtcNow(), patrols.Value.IdleEnd));
    }

    /// <summary>Patrols per day and in the month, at a unit's subtree or the caller's own.</summary>
    private static async Task<Results<Ok<PatrolCounts>, ValidationProblem, ProblemHttpResult>> Counts(
        GridsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? personId, string? month)
    {
        var (scope, invalid, forbidden) = await ScopeAsync(db, time, http, unitCode, personId, month);
        if (invalid is not null) return invalid;
        if (forbidden is not null) return forbidden;
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(PatrolCounts.Of(scope!.Month,
            await VisitStore.ListAsync(c, VisitKind.Patrol, scope!.PersonId, scope.UnitCode, scope.Month.Start, scope.Month.End, MonthLimit)));
    }

    /// <summary>The month's patrols with their tracks, newest first, for the map (at most <c>limit</c>, 100 unless told, 500 at most).</summary>
    private static async Task<Results<Ok<IReadOnlyList<VisitDetail>>, ValidationProblem, ProblemHttpResult>> Tracks(
        GridsDatabase db, TimeProvider time, IOptions<PatrolOptions> patrols, HttpContext http, string? unitCode, string? personId, string? month, int? limit)
    {
        if (limit is < 1 or > 500) return new FieldErrors().Add("limit", ProblemTexts.Between("limit", 1, 500)).ToProblem();
        var (scope, invalid, forbidden) = await ScopeAsync(db, time, http, unitCode, personId, month);
        if (invalid is not null) return invalid;
        if (forbidden is not null) return forbidden;
        await using var c = await db.OpenReadAsync();
        var details = new List<VisitDetail>();
        var visits = await VisitStore.ListAsync(c, VisitKind.Patrol, scope!.PersonId, scope.UnitCode, scope.Month.Start, scope.Month.End, limit ?? 100);
        foreach (var v in await IdlePatrols.AsOfAsync(c, visits, time.GetUtcNow(), patrols.Value.IdleEnd))
            details.Add(await VisitStore.DetailAsync(c, v));
        return TypedResults.Ok<IReadOnlyList<VisitDetail>>(details);
    }

    internal sealed record Scope(string? UnitCode, string? PersonId, AssessmentMonth Month);

    /// <summary>Reads the query: 400 naming the field, 403 outside the caller's reach (leaders' visits read the same way).</summary>
    internal static async Task<(Scope? Scope, ValidationProblem? Invalid, ProblemHttpResult? Forbidden)> ScopeAsync(
        GridsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? personId, string? month)
    {
        var errors = new FieldErrors().Optional("unitCode", unitCode, UnitChanges.MaxCodeLength).Optional("personId", personId, StaffChanges.MaxIdLength);
        var parsed = AssessmentMonth.Of(time.GetUtcNow());
        if (month is not null && !AssessmentMonth.TryParse(month, out parsed)) errors.Add("month", GridsTexts.MonthAsYyyyMm);
        var me = Actor.Of(http);
        if (unitCode is null && personId is not null && personId != me) errors.Add("unitCode", GridsTexts.UnitCodeForOthersVisits);
        if (errors.Any) return (null, errors.ToProblem(), null);
        if (unitCode is null) return (new Scope(null, me, parsed), null, null);
        await using var c = await db.OpenReadAsync();
        if (await UnitStore.FindAsync(c, unitCode) is null)
            return (null, new FieldErrors().Add("unitCode", ProblemTexts.UnknownUnit("unitCode", unitCode)).ToProblem(), null);
        return await Reach.Of(http, UnitAction.ReadUnitWork).RefusalAtAsync(c, unitCode) is { } why
            ? (null, null, Answers.Forbidden(why))
            : (new Scope(unitCode, personId, parsed), null, null);
    }
}
