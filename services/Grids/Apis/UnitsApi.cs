using Governance.Grids.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Grids.Apis;

/// <summary>The unit tree: reading it, and creating, renaming, moving (re-gridding) and retiring units.</summary>
public static class UnitsApi
{
    public static void MapUnitsApi(this IEndpointRouteBuilder routes)
    {
        var units = routes.MapGroup("/grids/units");
        units.MapGet("", ListUnits).WithSummary("List units (by level or parent)");
        // The unit tree is the county administrator's, anywhere in the county.
        units.MapPost("", CreateUnit).WithSummary("Create a unit").Performs(UnitAction.ChangeUnits, At.County);
        units.MapGet("/{code}", GetUnit).WithSummary("Read a unit");
        units.MapPatch("/{code}", UpdateUnit).WithSummary("Rename or move a unit").Performs(UnitAction.ChangeUnits, At.County);
        units.MapPost("/{code}/retire", RetireUnit).WithSummary("Retire a unit").Performs(UnitAction.ChangeUnits, At.County);
        units.MapGet("/{code}/path", GetPath).WithSummary("A unit's chain up to the county");
        units.MapGet("/{code}/history", GetHistory).WithSummary("A unit's history of changes");
        units.MapGet("/{code}/boundary", GetBoundary).WithSummary("A unit's boundary (GeoJSON)");
    }

    private static async Task<Results<Ok<IReadOnlyList<Unit>>, ValidationProblem>> ListUnits(
        GridsDatabase db, string? level, string? parentCode, bool? includeRetired, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        var parsed = Fields.Enum<UnitLevel>(errors, "", "level", level, required: false);
        errors.Optional("parentCode", parentCode, UnitChanges.MaxCodeLength);
        if (limit is < 1 or > 5000) errors.Add("limit", ProblemTexts.Between("limit", 1, 5000));
        errors.Offset(offset);
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenReadAsync();
        return TypedResults.Ok(await UnitStore.ListAsync(c, parsed, parentCode, includeRetired ?? false, limit ?? 1000, offset ?? 0));
    }

    /// <summary>A retired unit is still answered (with retiredAt): cases filed there point at it.</summary>
    private static async Task<Results<Ok<Unit>, NotFound>> GetUnit(GridsDatabase db, string code)
    {
        await using var c = await db.OpenReadAsync();
        return await UnitStore.FindAsync(c, code) is { } unit ? TypedResults.Ok(unit) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<Unit>, ValidationProblem, NotFound, ProblemHttpResult>> CreateUnit(
        CreateUnitRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Created(await runner.RunAsync(uow => UnitChanges.CreateAsync(uow, body?.ToCommand(), Actor.Of(http))), u => $"/grids/units/{u.Code}");

    /// <summary>Rename (name) and/or move (parentCode): a courtyard to another grid, a grid to another village.</summary>
    private static async Task<Results<Ok<Unit>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateUnit(
        string code, UpdateUnitRequest? body, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => UnitChanges.UpdateAsync(uow, code, body?.ToCommand(), Actor.Of(http))));

    private static async Task<Results<Ok<Unit>, ValidationProblem, NotFound, ProblemHttpResult>> RetireUnit(
        string code, UnitOfWorkRunner<GridsDatabase> runner, HttpContext http) =>
        GridsModule.Answers.Ok(await runner.RunAsync(uow => UnitChanges.RetireAsync(uow, code, Actor.Of(http))));

    private static async Task<Results<Ok<IReadOnlyList<Unit>>, NotFound>> GetPath(GridsDatabase db, string code)
    {
        await using var c = await db.OpenReadAsync();
        var path = await UnitStore.PathAsync(c, code);
        return path.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(path);
    }

    private static async Task<Results<Ok<IReadOnlyList<UnitChange>>, NotFound>> GetHistory(GridsDatabase db, string code)
    {
        await using var c = await db.OpenReadAsync();
        if (await UnitStore.FindAsync(c, code) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await UnitStore.HistoryAsync(c, code));
    }

    /// <summary>The unit's boundary as a GeoJSON Feature (a MultiPolygon, WGS-84), simplified for drawing
    /// (Grids:Boundaries:SimplifyToleranceMetres; locating a point uses the boundary as stored).</summary>
    private static async Task<Results<Ok<object>, NotFound>> GetBoundary(GridsDatabase db, string code, IOptions<BoundaryOptions> options)
    {
        await using var c = await db.OpenReadAsync();
        if (await BoundaryStore.FindAsync(c, code) is not { } stored) return TypedResults.NotFound();
        var shape = Topology.Simplified(stored, options.Value.SimplifyToleranceMetres);
        return TypedResults.Ok<object>(new
        {
            type = "Feature",
            properties = new { code },
            geometry = new { type = "MultiPolygon", coordinates = Geometry.Coordinates(shape) },
        });
    }
}
