using Governance.Contracts;
using Governance.Grids.Data;
using Governance.Grids.Model;
using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

public static class UnitsApi
{
    public static void MapUnitsApi(this IEndpointRouteBuilder routes)
    {
        var grids = routes.MapGroup("/grids");
        grids.MapGet("/units", ListUnits);
        grids.MapGet("/units/{code}", GetUnit);
        grids.MapGet("/units/{code}/path", GetPath);
        grids.MapGet("/staff", ListStaff);
    }

    private static async Task<Results<Ok<IReadOnlyList<Unit>>, ValidationProblem>> ListUnits(
        GridsDatabase db, string? level, string? parentCode, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        UnitLevel? parsed = null;
        if (level is not null)
        {
            if (Codes.TryParse<UnitLevel>(level, out var l)) parsed = l;
            else errors.Add("level", $"level must be one of {Codes.List<UnitLevel>()}.");
        }
        if (limit is < 1 or > 5000) errors.Add("limit", "limit must be between 1 and 5000.");
        if (offset is < 0) errors.Add("offset", "offset must not be negative.");
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(await UnitStore.ListAsync(c, db.Provider, parsed, parentCode, limit ?? 1000, offset ?? 0));
    }

    private static async Task<Results<Ok<Unit>, NotFound>> GetUnit(GridsDatabase db, string code)
    {
        await using var c = await db.OpenAsync();
        return await UnitStore.FindAsync(c, code) is { } unit ? TypedResults.Ok(unit) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<IReadOnlyList<Unit>>, NotFound>> GetPath(GridsDatabase db, string code)
    {
        await using var c = await db.OpenAsync();
        var path = await UnitStore.PathAsync(c, db.Provider, code);
        return path.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(path);
    }

    private static async Task<Ok<IReadOnlyList<StaffMember>>> ListStaff(GridsDatabase db, string? unitCode, string? role)
    {
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(await UnitStore.StaffAsync(c, unitCode, role));
    }
}
