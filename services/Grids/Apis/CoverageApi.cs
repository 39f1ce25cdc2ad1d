using Governance.Grids.Handling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>The gaps in full coverage (网格全域覆盖) at a moment; covered when there are none.</summary>
public sealed record Coverage(
    DateTimeOffset CheckedAt, bool Covered, IReadOnlyList<Unit> VillagesWithoutGrids, IReadOnlyList<Unit> GridsWithoutGridWorker,
    IReadOnlyList<Unit> CourtyardsWithoutGrid);

/// <summary>The coverage check and locating a point.</summary>
public static class CoverageApi
{
    public static void MapCoverageApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/grids/coverage", Check).WithSummary("Gaps in full coverage (网格全域覆盖)");
        routes.MapGet("/grids/locate", Locate).WithSummary("The courtyard, grid, village and township holding a point");
    }

    /// <summary>Villages without grids, grids with no grid worker on duty now, courtyards without a grid.</summary>
    private static async Task<Ok<Coverage>> Check(GridsDatabase db, TimeProvider time)
    {
        var now = time.GetUtcNow();
        await using var c = await db.OpenReadAsync();
        var villages = await CoverageStore.VillagesWithoutGridsAsync(c);
        var grids = await CoverageStore.GridsWithoutGridWorkerAsync(c, now);
        var courtyards = await CoverageStore.CourtyardsWithoutGridAsync(c);
        return TypedResults.Ok(new Coverage(now, villages.Count + grids.Count + courtyards.Count == 0, villages, grids, courtyards));
    }

    /// <summary>The courtyard, grid, village and township whose boundaries hold the point.</summary>
    private static async Task<Results<Ok<Location>, NotFound, ValidationProblem>> Locate(GridsDatabase db, double? lat, double? lng)
    {
        var errors = new FieldErrors();
        if (!Coordinates.Check(errors, "", lat, lng)) return errors.ToProblem();
        return await Locator.LocateAsync(db, lat!.Value, lng!.Value) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
    }
}
