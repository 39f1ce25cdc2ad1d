using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Grids.Apis;

/// <summary>A care subject with their visits, newest last.</summary>
public sealed record CareSubjectDetail(CareSubject Subject, IReadOnlyList<CareVisit> Visits);

/// <summary>Care subjects (独居老人, 留守儿童, the disabled, people under assistance), their visits,
/// and the overdue visits that are a grid worker's tasks. ID numbers and phones are returned as
/// stored for now; issue #6 masks them.</summary>
public static class CareApi
{
    public static void MapCareApi(this IEndpointRouteBuilder routes)
    {
        var care = routes.MapGroup("/grids/care");
        care.MapGet("/subjects", List).WithSummary("List care subjects (关爱对象)");
        // Grid workers, courtyard leads and village handlers, at courtyards inside their own subtree.
        care.MapPost("/subjects", Register).WithSummary("Register a care subject").Performs(UnitAction.ChangeCare, At.Body<RegisterCareSubjectRequest>(r => r.CourtyardCode));
        care.MapGet("/subjects/{id:guid}", Get).WithSummary("Read a care subject with its visits");
        care.MapPost("/subjects/{id:guid}/visits", RecordVisit).WithSummary("Record a visit to a care subject").Performs(UnitAction.ChangeCare, At.UnitsTheHandlerReads);
        care.MapGet("/overdue", Overdue).WithSummary("Care subjects overdue for a visit");
    }

    private static async Task<Results<Ok<IReadOnlyList<CareSubject>>, ValidationProblem>> List(
        GridsDatabase db, HttpContext http, string? courtyardCode, string? gridWorkerId, string? villageCode, int? limit, int? offset)
    {
        var errors = new FieldErrors().Optional("courtyardCode", courtyardCode, UnitChanges.MaxCodeLength)
            .Optional("gridWorkerId", gridWorkerId, StaffChanges.MaxIdLength).Optional("villageCode", villageCode, UnitChanges.MaxCodeLength);
        if (limit is < 1 or > 5000) errors.Add("limit", ProblemTexts.Between("limit", 1, 5000));
        if (offset is < 0) errors.Add("offset", GridsTexts.OffsetNotNegative);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await PersonalData.For(http).ShowAsync(
            await CareStore.ListAsync(c, courtyardCode, gridWorkerId, villageCode, PersonalData.Within(http), limit ?? 1000, offset ?? 0)));
    }

    private static async Task<Results<Created<CareSubject>, ValidationProblem, NotFound, ProblemHttpResult>> Register(
        RegisterCareSubjectRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => CareRegistration.RegisterAsync(uow, body?.ToCommand(), Actor.Of(http))), s => $"/grids/care/subjects/{s.Id}");

    private static async Task<Results<Ok<CareSubjectDetail>, NotFound>> Get(GridsDatabase db, HttpContext http, Guid id)
    {
        await using var c = await db.OpenReadAsync();
        if (await CareStore.FindSubjectAsync(c, id) is not { } found) return TypedResults.NotFound();
        if ((await PersonalData.For(http).ShowAsync([found])).SingleOrDefault() is not { } subject) return TypedResults.NotFound();
        return TypedResults.Ok(new CareSubjectDetail(subject, await CareStore.VisitsAsync(c, id)));
    }

    /// <summary>Records a visit; with an "incident" it also files a case (its id is in the answer).</summary>
    private static async Task<Results<Created<CareVisit>, ValidationProblem, NotFound, ProblemHttpResult>> RecordVisit(
        Guid id, RecordVisitRequest? body, UnitOfWorkRunner<GridsDatabase> runner, IOptions<PatrolOptions> patrols, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => CareVisits.RecordAsync(uow, id, body?.ToCommand(), Actor.Of(http),
            Reach.Of(http, UnitAction.ChangeCare), patrols.Value.IdleEnd)), v => $"/grids/care/subjects/{v.SubjectId}");

    /// <summary>Visits overdue now (last visit, or registration, plus the frequency, before now),
    /// for one grid worker or one village (or the whole county), most overdue first.</summary>
    private static async Task<Results<Ok<IReadOnlyList<OverdueVisit>>, ValidationProblem>> Overdue(
        GridsDatabase db, TimeProvider time, HttpContext http, string? gridWorkerId, string? villageCode, int? limit)
    {
        var errors = new FieldErrors().Optional("gridWorkerId", gridWorkerId, StaffChanges.MaxIdLength)
            .Optional("villageCode", villageCode, UnitChanges.MaxCodeLength);
        if (limit is < 1 or > 5000) errors.Add("limit", ProblemTexts.Between("limit", 1, 5000));
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        var overdue = await CareStore.OverdueAsync(c, gridWorkerId, villageCode, time.GetUtcNow(), limit ?? 1000);
        var shown = (await PersonalData.For(http).ShowAsync(overdue.Select(o => o.Subject))).ToDictionary(s => s.Id);
        return TypedResults.Ok<IReadOnlyList<OverdueVisit>>(overdue.Where(o => shown.ContainsKey(o.Subject.Id))
            .Select(o => o with { Subject = shown[o.Subject.Id] }).ToList());
    }
}
