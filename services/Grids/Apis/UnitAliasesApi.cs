using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>A unit's address aliases (issue #14): what a hotline's address_string must equal to be placed there.</summary>
public static class UnitAliasesApi
{
    /// <param name="Aliases">The whole list; empty removes them.</param>
    public sealed record AliasesRequest(IReadOnlyList<string?>? Aliases)
    {
        public SetUnitAliases ToCommand() => new(Aliases);
    }

    public static void MapUnitAliasesApi(this IEndpointRouteBuilder routes)
    {
        var unit = routes.MapGroup("/grids/units/{code}/aliases");
        unit.MapGet("", GetAliases).WithSummary("A unit's address aliases (for hotline addresses)");
        // Part of the unit tree: the county administrator's, as the tree's other changes.
        unit.MapPut("", SetAliases).WithSummary("Set a unit's address aliases").Performs(UnitAction.ChangeUnits, At.County);
    }

    private static async Task<Results<Ok<UnitAliasesView>, NotFound>> GetAliases(GridsDatabase db, string code)
    {
        await using var session = await db.OpenReadAsync();
        if (await UnitStore.FindAsync(session, code) is null) return TypedResults.NotFound();
        var aliases = (await UnitAliasStore.OfAsync(session, [code])).GetValueOrDefault(code) ?? [];
        return TypedResults.Ok(new UnitAliasesView(code, aliases.Order(StringComparer.Ordinal).ToList()));
    }

    private static async Task<Results<Ok<UnitAliasesView>, ValidationProblem, NotFound, ProblemHttpResult>> SetAliases(
        string code, AliasesRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => UnitAliases.SetAsync(uow, code, body?.ToCommand(), Actor.Of(http))));
}
