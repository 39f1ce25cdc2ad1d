using Governance.Incidents.Handling;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Apis;

/// <summary>When a courtyard's key was re-issued: sheets printed before stop opening its page.</summary>
public sealed record CourtyardQrReissued(string UnitCode, DateTimeOffset IssuedAt);

/// <summary>
/// The courtyards' QR codes for staff (docs/courtyard-qr.md): a grid's printable sheet and one courtyard's code as
/// PNG or SVG, for those who may read the unit's work (its grid workers, the village, township and county above);
/// a courtyard's key re-issued by the county administrator (change-units) when a sheet leaked or was torn down.
/// </summary>
public static class CourtyardQrApi
{
    public static void MapCourtyardQrApi(this IEndpointRouteBuilder routes)
    {
        var qr = routes.MapGroup("/incidents/courtyard-qr");
        var unit = EndpointPermissions.RouteUnit("unitCode");
        qr.MapGet("/grids/{unitCode}/sheet", Sheet).WithSummary("A grid's courtyard QR codes as a printable sheet").Performs(UnitAction.ReadUnitWork, unit);
        qr.MapGet("/courtyards/{unitCode}/qr.png", Png).WithSummary("A courtyard's QR code as PNG").Performs(UnitAction.ReadUnitWork, unit);
        qr.MapGet("/courtyards/{unitCode}/qr.svg", Svg).WithSummary("A courtyard's QR code as SVG").Performs(UnitAction.ReadUnitWork, unit);
        qr.MapPost("/courtyards/{unitCode}/reissue", Reissue).WithSummary("Issue a courtyard's QR key anew (the old codes stop working)").Performs(UnitAction.ChangeUnits, unit);
    }

    /// <summary>The grid's printable sheet (HTML, A4): every courtyard in use, its code issued on first print.</summary>
    private static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> Sheet(string unitCode, HttpContext http,
        UnitOfWorkRunner<IncidentsDatabase> runner, IOptions<ResidentOptions> options)
    {
        var page = await runner.RunAsync<(CopiedUnit? Grid, IReadOnlyList<CourtyardQr> Courtyards)>(async uow =>
            await UnitCopyStore.FindAsync(uow, unitCode) is { Level: UnitLevel.Grid } grid
                ? (grid, await CourtyardKeyStore.ForGridAsync(uow, grid.Code, Caller.Of(http).Id))
                : (null, []), http.RequestAborted);
        if (page.Grid is not { } g) return await UnknownOrWrongLevelAsync<ContentHttpResult>(runner, unitCode, "grid");
        return TypedResults.Content(CourtyardQrImages.Sheet(g.Name, PageBase(http, options), page.Courtyards), "text/html; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> Png(string unitCode, HttpContext http,
        UnitOfWorkRunner<IncidentsDatabase> runner, IOptions<ResidentOptions> options) =>
        await OneAsync(unitCode, http, runner) is { } c
            ? TypedResults.File(CourtyardQrImages.Png(CourtyardQrImages.Link(PageBase(http, options), c)), "image/png", $"{c.UnitCode}.png")
            : await UnknownOrWrongLevelAsync<FileContentHttpResult>(runner, unitCode, "courtyard");

    private static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> Svg(string unitCode, HttpContext http,
        UnitOfWorkRunner<IncidentsDatabase> runner, IOptions<ResidentOptions> options) =>
        await OneAsync(unitCode, http, runner) is { } c
            ? TypedResults.Content(CourtyardQrImages.Svg(CourtyardQrImages.Link(PageBase(http, options), c), c.Name), "image/svg+xml; charset=utf-8")
            : await UnknownOrWrongLevelAsync<ContentHttpResult>(runner, unitCode, "courtyard");

    private static async Task<Results<Ok<CourtyardQrReissued>, NotFound, ValidationProblem>> Reissue(string unitCode, HttpContext http,
        UnitOfWorkRunner<IncidentsDatabase> runner)
    {
        var issuedAt = await runner.RunAsync<DateTimeOffset?>(async uow =>
        {
            if (await UnitCopyStore.FindAsync(uow, unitCode) is not { Level: UnitLevel.Courtyard, Retired: false }) return null;
            await CourtyardKeyStore.ReissueAsync(uow, unitCode, Caller.Of(http).Id);
            return uow.Now;
        }, http.RequestAborted);
        return issuedAt is { } at
            ? TypedResults.Ok(new CourtyardQrReissued(unitCode, at))
            : await UnknownOrWrongLevelAsync<Ok<CourtyardQrReissued>>(runner, unitCode, "courtyard");
    }

    private static Task<CourtyardQr?> OneAsync(string unitCode, HttpContext http, UnitOfWorkRunner<IncidentsDatabase> runner) =>
        runner.RunAsync(uow => CourtyardKeyStore.OneAsync(uow, unitCode, Caller.Of(http).Id), http.RequestAborted);

    /// <summary>404 for a code no unit has; 400 naming unitCode for a unit of another level (or retired).</summary>
    private static async Task<Results<T, NotFound, ValidationProblem>> UnknownOrWrongLevelAsync<T>(
        UnitOfWorkRunner<IncidentsDatabase> runner, string unitCode, string level) where T : IResult
    {
        var known = await runner.RunAsync(uow => UnitCopyStore.FindAsync(uow, unitCode));
        return known is null
            ? TypedResults.NotFound()
            : new FieldErrors().Add("unitCode", IncidentsTexts.NotInUseLevel(level, unitCode, Codes.Of(known.Level), known.Retired)).ToProblem();
    }

    /// <summary>The page the codes open, completed with the address the sheet was asked at when configured as a path.</summary>
    private static string PageBase(HttpContext http, IOptions<ResidentOptions> options) =>
        PublicLinks.Complete(options.Value.PageBase, http.Request.Scheme, http.Request.Host.Value ?? "", http.Request.PathBase);
}
