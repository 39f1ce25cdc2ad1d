using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>Township teams and county bureaus, and the categories each handles.</summary>
public static class DepartmentsApi
{
    public static void MapDepartmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/grids/departments", List).WithSummary("List the departments");
        routes.MapPost("/grids/departments", Create).WithSummary("Register a department").Performs(UnitAction.ChangeDepartments, At.County);
    }

    private static async Task<Results<Ok<IReadOnlyList<Department>>, ValidationProblem>> List(GridsDatabase db, string? unitCode, string? category)
    {
        var errors = new FieldErrors().Optional("unitCode", unitCode, UnitChanges.MaxCodeLength);
        var parsed = Fields.Enum<Category>(errors, "", "category", category, required: false);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await DepartmentStore.ListAsync(c, unitCode, parsed));
    }

    private static async Task<Results<Created<Department>, ValidationProblem, NotFound, ProblemHttpResult>> Create(
        CreateDepartmentRequest? body, UnitOfWorkRunner<GridsDatabase> runner) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => DepartmentRegistration.CreateAsync(uow, body?.ToCommand())), d => $"/grids/departments?unitCode={d.UnitCode}");
}
