using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

public sealed record AssessmentWeightsRequest(
    int? PatrolDay, int? CareVisitOnTime, int? CaseFound, int? SettledOnSpot, int? ResolvedOnTime, int? Satisfied,
    int? Dissatisfied, int? MissedDeadline)
{
    public SetAssessmentWeights ToCommand() =>
        new(PatrolDay, CareVisitOnTime, CaseFound, SettledOnSpot, ResolvedOnTime, Satisfied, Dissatisfied, MissedDeadline);
}

/// <summary>The monthly assessment (考核): the county's weights (read: county administrator and
/// supervisors; change: the administrator), a person's own score, a unit's table of those below it.</summary>
public static class AssessmentApi
{
    public static void MapAssessmentApi(this IEndpointRouteBuilder routes)
    {
        var assessment = routes.MapGroup("/grids/assessment");
        assessment.MapGet("/weights", GetWeights).WithSummary("Read the assessment weights").Performs(UnitAction.ReadSettings, At.County);
        assessment.MapPut("/weights", SetWeights).WithSummary("Change the assessment weights").Performs(UnitAction.ChangeSettings, At.County);
        assessment.MapGet("/people/{personId}", Person).WithSummary("A person's assessment (考核) for a period");
        assessment.MapGet("/units/{unitCode}", Unit).WithSummary("A unit's assessment (考核) for a period").Performs(UnitAction.ReadUnitWork, At.Route("unitCode"));
    }

    private static async Task<Ok<AssessmentWeights>> GetWeights(GridsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await AssessmentStore.WeightsAsync(c));
    }

    private static async Task<Results<Ok<AssessmentWeights>, ValidationProblem, NotFound, ProblemHttpResult>> SetWeights(
        AssessmentWeightsRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => AssessmentWeightsChange.SetAsync(uow, body?.ToCommand(), Actor.Of(http))));

    /// <summary>A person's month: his own, or someone's whose unit's work the caller reads.</summary>
    private static async Task<Results<Ok<PersonAssessment>, ValidationProblem, NotFound, ProblemHttpResult>> Person(
        string personId, string? month, GridsDatabase db, TimeProvider time, HttpContext http)
    {
        if (!TryMonth(month, time, out var m)) return BadMonth();
        await using var c = await db.OpenReadAsync();
        return GridsModule.Answers.Ok(await Assessment.PersonAsync(c, personId, m, Actor.Of(http), Reach.Of(http, UnitAction.ReadUnitWork)));
    }

    private static async Task<Results<Ok<UnitAssessment>, ValidationProblem, NotFound, ProblemHttpResult>> Unit(
        string unitCode, string? month, GridsDatabase db, TimeProvider time)
    {
        if (!TryMonth(month, time, out var m)) return BadMonth();
        await using var c = await db.OpenReadAsync();
        return GridsModule.Answers.Ok(await Assessment.UnitAsync(c, unitCode, m));
    }

    /// <summary>This month (China-local) unless told.</summary>
    private static bool TryMonth(string? text, TimeProvider time, out AssessmentMonth month)
    {
        month = AssessmentMonth.Of(time.GetUtcNow());
        return text is null || AssessmentMonth.TryParse(text, out month);
    }

    private static ValidationProblem BadMonth() => new FieldErrors().Add("month", GridsTexts.MonthAsYyyyMm).ToProblem();
}
