using Governance.Incidents.Handling;
using Governance.Incidents.Permissions;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Governance.Incidents.Apis;

/// <summary>
/// Photos of a case (issue #5: the grid worker photographs the problem where it is):
/// POST /incidents/{id}/photos takes one photo as multipart/form-data in the field "photo";
/// GET …/photos lists them; GET …/photos/{photoId} answers the bytes. Same jurisdiction as every
/// route about a case: outside the caller's units the case, and so its photos, answer 404.
/// </summary>
public static class PhotosApi
{
    public const string Field = "photo";

    /// <summary>Room for the multipart boundaries and part headers around the photo itself.</summary>
    internal const long MultipartAllowance = 64 * 1024;

    internal sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

    public static void MapPhotosApi(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<PhotoOptions>>().Value;
        var photos = routes.MapGroup("/incidents/{id:guid}/photos");
        // The host refuses bodies over 1 MB (GovernanceApp); this route alone takes a photo's worth.
        photos.MapPost("", Upload).WithSummary("Add a photo to a case (JPEG, PNG or WebP)").WithMetadata(new BodyLimit(options.MaxBytes + MultipartAllowance)).Performs(CaseAction.AddPhoto);
        photos.MapGet("", List).WithSummary("List a case's photos").Performs(CaseAction.Read);
        photos.MapGet("/{photoId:guid}", Download).WithSummary("Download a case's photo").Performs(CaseAction.Read);
    }

    /// <summary>Adds a photo. The same bytes sent again for the case answer the photo stored the
    /// first time (200) instead of a copy; a new photo answers 201 with its address.</summary>
    private static Task<IResult> Upload(Guid id, HttpContext http, UnitOfWorkRunner<IncidentsDatabase> runner, IOptions<PhotoOptions> settings) =>
        UploadAsync(http, runner, settings.Value, id, Actor.Of(http), added => $"/incidents/{id}/photos/{added.Id}");

    /// <summary>Reads the one photo of a multipart/form-data request (refusals name the field) and adds it to the case
    /// as <paramref name="actor"/>; also the resident's page's (<see cref="ResidentCasesApi"/>), which is answered
    /// 204 without the photo's address (<paramref name="location"/> null): the photo is staff's to read.</summary>
    internal static async Task<IResult> UploadAsync(HttpContext http, UnitOfWorkRunner<IncidentsDatabase> runner, PhotoOptions options,
        Guid id, string actor, Func<PhotoInfo, string>? location)
    {
        var request = http.Request;
        var mb = options.MaxBytes / (1024.0 * 1024.0);
        string tooLarge = IncidentsTexts.PhotoAtMost(Field, mb);
        if (!request.HasFormContentType)
            return Invalid(IncidentsTexts.PhotoAsMultipart(Field, mb));
        // Refused before a byte of it is read (a client that sent Expect: 100-continue never sends it).
        if (request.ContentLength > options.MaxBytes + MultipartAllowance) return TooLarge(tooLarge);

        IFormFileCollection files;
        try
        {
            files = (await request.ReadFormAsync(http.RequestAborted)).Files;
        }
        catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(tooLarge);
        }
        // Malformed multipart (no boundary, a body that ends before its closing boundary): the client's
        // fault. BadHttpRequestException is an IOException too; a client that hung up gets no answer.
        catch (Exception e) when (e is IOException or InvalidDataException && !http.RequestAborted.IsCancellationRequested)
        {
            return Invalid(IncidentsTexts.MultipartUnreadable(e.Message));
        }

        var sent = files.GetFiles(Field);
        if (sent.Count == 0) return Invalid(IncidentsTexts.PhotoFileRequired(Field));
        if (sent.Count > 1) return Invalid(IncidentsTexts.OnePhotoPerRequest(Field));
        var file = sent[0];
        if (file.Length == 0) return Invalid(IncidentsTexts.PhotoEmpty(Field));
        if (file.Length > options.MaxBytes) return TooLarge(tooLarge);
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, http.RequestAborted);
        if (PhotoFormat.Sniff(bytes) is not { } contentType)
            return Invalid(IncidentsTexts.NotAnImage(Field));

        // Not the service's usual answers: a photo sent again answers 200 (201 only for a new one), and the
        // conflict names the form field, as every other refusal of an upload does.
        return await runner.RunAsync(uow => Photos.AddAsync(uow, id, contentType, bytes, actor, options)) switch
        {
            Outcome<KeptPhoto>.Done when location is null => TypedResults.NoContent(),
            Outcome<KeptPhoto>.Done { Value: { New: true, Photo: var added } } => TypedResults.Created(location(added), added),
            Outcome<KeptPhoto>.Done earlier => TypedResults.Ok(earlier.Value.Photo),
            Outcome<KeptPhoto>.Conflict full => FieldProblem(StatusCodes.Status409Conflict, IncidentsTexts.PhotosFullTitle, full.Why),
            _ => TypedResults.NotFound(),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<PhotoInfo>>, NotFound>> List(Guid id, IncidentsDatabase db)
    {
        await using var c = await db.OpenReadAsync();
        if (await IncidentStore.FindAsync(c, id) is null) return TypedResults.NotFound();
        return TypedResults.Ok(await PhotoStore.ListAsync(c, id));
    }

    /// <summary>The photo itself. Not cached without asking (no-cache): each look checks the caller's
    /// jurisdiction again, and an unchanged photo answers 304 by its ETag (the SHA-256).</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> Download(Guid id, Guid photoId, IncidentsDatabase db, HttpContext http)
    {
        await using var c = await db.OpenReadAsync(http.RequestAborted);
        if (await PhotoStore.ContentAsync(c, id, photoId) is not { } photo) return TypedResults.NotFound();
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(photo.Bytes, photo.ContentType, entityTag: new EntityTagHeaderValue($"\"{photo.Sha256}\""));
    }

    private static ValidationProblem Invalid(string message) => new FieldErrors().Add(Field, message).ToProblem();

    private static ProblemHttpResult TooLarge(string message) =>
        FieldProblem(StatusCodes.Status413PayloadTooLarge, IncidentsTexts.PhotoTooLargeTitle, message);

    /// <summary>A problem naming the field, with a status other than 400 (what FieldErrors gives).</summary>
    private static ProblemHttpResult FieldProblem(int status, string title, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field] = [message] })
        {
            Status = status, Title = title,
        });
}
