using Governance.Grids.Handling;
using Governance.Grids.Import;
using Microsoft.Extensions.Options;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Grids.Apis;

/// <summary>
/// Bulk loading: CSV for units, staff and care subjects (a header row; errors keyed like
/// "rows[12].parentCode", rows counted from 0 after the header; UTF-8 or GB18030/GBK, see ImportText),
/// GeoJSON for boundaries. A file is checked whole before anything is written, and goes in in one
/// transaction or not at all. Units
/// and boundaries are the county administrator's; staff and care subjects are checked row by row
/// against the caller's reach, and one row outside it refuses the file (403, naming the rows).
/// </summary>
public static class ImportApi
{
    /// <summary>A county's courtyards with their boundaries are several megabytes: more than the
    /// 1 MB the host allows other requests.</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    private delegate Task<(ImportResult? Result, FieldErrors Errors)> Importer(UnitOfWork<GridsDatabase> uow, string body, string actor);

    public static void MapImportApi(this IEndpointRouteBuilder routes)
    {
        var import = routes.MapGroup("/grids/import");
        import.MapPost("/units", (HttpContext http, UnitOfWorkRunner<GridsDatabase> runner) => RunAsync(http, runner, Csv, UnitImport.RunAsync))
            .WithSummary("Import units from CSV").Performs(UnitAction.ChangeUnits, At.County);
        import.MapPost("/staff", (HttpContext http, UnitOfWorkRunner<GridsDatabase> runner) => RunAsync(http, runner, Csv,
                (uow, body, actor) => StaffImport.RunAsync(uow, body, actor, Reach.Of(http, UnitAction.ChangeStaff))))
            .WithSummary("Import staff from CSV").Performs(UnitAction.ChangeStaff, At.UnitsTheHandlerReads);
        import.MapPost("/care-subjects", (HttpContext http, UnitOfWorkRunner<GridsDatabase> runner) => RunAsync(http, runner, Csv,
                (uow, body, actor) => CareSubjectImport.RunAsync(uow, body, actor, Reach.Of(http, UnitAction.ChangeCare))))
            .WithSummary("Import care subjects from CSV").Performs(UnitAction.ChangeCare, At.UnitsTheHandlerReads);
        import.MapPost("/boundaries", (HttpContext http, UnitOfWorkRunner<GridsDatabase> runner, IOptions<BoundaryOptions> options) =>
                RunAsync(http, runner, GeoJson, (uow, body, actor) => BoundaryImport.RunAsync(uow, body, actor, options.Value)))
            .WithSummary("Import boundaries from GeoJSON").Performs(UnitAction.ChangeUnits, At.County);
    }

    private static readonly string[] Csv = ["text/csv", "application/csv", "text/plain"];
    private static readonly string[] GeoJson = ["application/geo+json", "application/json"];

    /// <summary>The file's text: a CSV in UTF-8 or GB18030 (or the <c>encoding</c> the query or the
    /// Content-Type's charset names), GeoJSON in UTF-8 (<see cref="ImportText"/>).</summary>
    private static (string? Text, FieldErrors Errors) Decode(HttpRequest request, string[] mediaTypes, byte[] bytes) =>
        mediaTypes == GeoJson
            ? ImportText.DecodeUtf8(bytes)
            : ImportText.DecodeCsv(bytes, request.Query["encoding"].FirstOrDefault() ?? CharsetOf(request));

    private static string? CharsetOf(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.Charset.HasValue
            ? type.Charset.Value
            : null;

    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> RunAsync(
        HttpContext http, UnitOfWorkRunner<GridsDatabase> runner, string[] mediaTypes, Importer importer)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is null || !mediaTypes.Contains(mediaType))
            return TypedResults.Problem(GridsTexts.SendFileAs(string.Join(" or ", mediaTypes)), statusCode: StatusCodes.Status415UnsupportedMediaType);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxImportBytes;

        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            bytes = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(GridsTexts.ImportAtMostMb(MaxImportBytes / 1024 / 1024), statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var (body, encodingErrors) = Decode(http.Request, mediaTypes, bytes);
        if (body is null) return encodingErrors.ToProblem();
        var actor = Actor.Of(http);
        try
        {
            var (result, errors) = await runner.RunAsync(uow => importer(uow, body, actor), http.RequestAborted);
            return result is null
                ? errors.ToProblem()
                : TypedResults.Ok(result);
        }
        catch (ImportConflictException e)
        {
            return GridsModule.Answers.Conflict(e.Message);
        }
        catch (ImportRefusedException e)
        {
            return Answers.Forbidden(e.Message, new Dictionary<string, object?> { ["rows"] = e.Rows });
        }
    }
}
