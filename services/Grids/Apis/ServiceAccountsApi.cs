using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>The tokens issue-token signed, for the county administrator (manage-access): listed,
/// newest first, and revoked one by one (docs/sessions.md).</summary>
public static class ServiceAccountsApi
{
    public static void MapServiceAccountsApi(this IEndpointRouteBuilder routes)
    {
        var accounts = routes.MapGroup("/grids/service-accounts");
        accounts.MapGet("", List).WithSummary("List service tokens").PerformsCountyWide(UnitAction.ManageAccess);
        accounts.MapPost("/{id}/revoke", Revoke).WithSummary("Revoke a service token").PerformsCountyWide(UnitAction.ManageAccess);
    }

    private static async Task<Results<Ok<IReadOnlyList<ServiceAccount>>, ValidationProblem>> List(GridsDatabase db, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 1000) errors.Add("limit", ProblemTexts.Between("limit", 1, 1000));
        errors.Offset(offset);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await ServiceAccountStore.ListAsync(c, limit ?? 100, offset ?? 0));
    }

    private static async Task<Results<Ok<ServiceAccount>, ValidationProblem, NotFound, ProblemHttpResult>> Revoke(
        string id, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => ServiceAccounts.RevokeAsync(uow, id, Actor.Of(http))));
}
