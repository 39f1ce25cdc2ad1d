using Governance.Infrastructure.Sms;
using Governance.Incidents.Handling;
using Governance.Incidents.Open311;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Apis;

public sealed record ResidentCaseRequest(string? Phone, string? Code, string? Category, string? Description);

/// <summary>The resident's status link (shown on his page once; only its hash is kept).</summary>
public sealed record ResidentCaseFiled(string StatusToken, string StatusLink);

/// <summary>
/// A resident files at his courtyard from its QR page (docs/courtyard-qr.md): his phone confirmed by the one-time
/// code, the case filed there as any case (grade IV, general: the holder regrades it if need be), routed by
/// Dispatch, and recorded as a hotline or app filing with his phone sealed (<see cref="ResidentFilingNames"/>), so
/// 回访 texts him after resolution. He may add photos through his status link.
/// </summary>
public static class ResidentCasesApi
{
    public const int MaxDescription = 2000;

    public static void MapResidentCasesApi(this IEndpointRouteBuilder routes)
    {
        var photos = routes.ServiceProvider.GetRequiredService<IOptions<PhotoOptions>>().Value;
        var resident = routes.MapGroup("/incidents/resident").AllowAnonymous().RequireRateLimiting(ResidentApi.RateLimitPolicy).NeverCachedBy(ResidentApi.CourtyardHeader, ResidentApi.TokenHeader);
        resident.MapPost("/cases", File).WithSummary("A resident files a case from his courtyard's QR code").PerformedBy("a resident holding his courtyard's QR code and a one-time code texted to his phone (no sign-in)");
        resident.MapPost("/case/photos", AddPhoto).WithSummary("A resident adds a photo to the case he filed").WithMetadata(new PhotosApi.BodyLimit(photos.MaxBytes + PhotosApi.MultipartAllowance))
            .PerformedBy("the resident holding his case's status link (its token, no sign-in)");
    }

    private static async Task<Results<Created<ResidentCaseFiled>, ValidationProblem, ProblemHttpResult>> File([FromBody] ResidentCaseRequest? body,
        IncidentsDatabase db, UnitOfWorkRunner<IncidentsDatabase> runner, PersonalDataSealer sealer, IOptions<ResidentOptions> options,
        IOptions<DuplicateOptions> duplicates, HttpContext http)
    {
        var o = options.Value;
        CourtyardQr? courtyard;
        await using (var c = await db.OpenReadAsync(http.RequestAborted)) courtyard = await ResidentApi.CourtyardOfAsync(c, http);
        if (courtyard is null) return ResidentApi.UnknownCourtyard();
        var phone = PhoneNumbers.MobileForText(body?.Phone);
        var errors = phone is null ? ResidentApi.PhoneInvalid() : new FieldErrors();
        errors.Require("description", body?.Description, MaxDescription);
        Category? category = Codes.TryParse<Category>(body?.Category, out var parsed) ? parsed : null;
        if (category is null) errors.Add("category", $"请选择问题类别。 category must be one of {Codes.List<Category>()}.");
        if (errors.Any) return errors.ToProblem();

        var phoneHash = ResidentCodes.PhoneHash(sealer, phone!);
        var token = ReturnVisitToken.New();
        var id = Guid.CreateVersion7();
        AuditActor.Name(http, ResidentFilingNames.Reporter);
        var (refused, limit) = await runner.RunAsync<(FieldErrors?, ResidentLimit?)>(async uow =>
        {
            if (await ResidentCodes.LimitReachedAsync(uow, phoneHash, uow.Now, o, sendingCode: false) is { } reached) return (null, reached);
            var names = Catalogue.Categories.First(n => n.Code == category);
            var command = new FileIncident(courtyard.UnitCode, category, Grade.IV, $"{names.NameZh}（{courtyard.Name}居民扫码反映）",
                body!.Description, null);
            var filingErrors = new FieldErrors();
            if (await Filing.ValidateAsync(uow, command, filingErrors) is not { } filing) return (filingErrors, null);
            // The code is checked last, once nothing else can refuse: a wrong code counts an attempt, and that must commit.
            var codeErrors = await ResidentCodes.ConsumeAsync(uow, phoneHash, body.Code, sealer, o);
            if (codeErrors.Any) return (codeErrors, null);
            var filed = await Filing.FileAsync(uow, id, filing, ResidentFilingNames.Reporter, null, duplicates.Value,
                Filing.Readers.ClientSystem(ResidentFilingNames.Reporter, filing));
            await ServiceRequestStore.InsertAsync(uow, id, filed.Incident.FiledAt,
                new ServiceRequestExtras(ResidentFilingNames.ClientName, courtyard.Name, null, null, null, null, null, null, phone), sealer);
            await ResidentStore.InsertFilingAsync(uow, id, courtyard.UnitCode, phoneHash, ReturnVisitToken.Hash(token));
            return (null, null);
        }, http.RequestAborted);
        if (limit is { } l) return ResidentApi.LimitProblem(l, http);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created((string?)null, new ResidentCaseFiled(token, PublicLinks.Complete(o.StatusBase, http.Request.Scheme, http.Request.Host.Value ?? "", http.Request.PathBase) + token));
    }

    /// <summary>A photo of his case, through his status link (the case's photo rules: sniffed type, size, count).</summary>
    private static async Task<IResult> AddPhoto(IncidentsDatabase db, UnitOfWorkRunner<IncidentsDatabase> runner, IOptions<PhotoOptions> settings, HttpContext http)
    {
        var token = http.Request.Headers[ResidentApi.TokenHeader].ToString();
        ResidentFiling? filing = null;
        if (ReturnVisitToken.IsWellFormed(token))
            await using (var c = await db.OpenReadAsync(http.RequestAborted)) filing = await ResidentStore.FindByTokenHashAsync(c, ReturnVisitToken.Hash(token));
        if (filing is null)
            return TypedResults.Problem("这个查询链接无效。 This status link is not known.", statusCode: StatusCodes.Status404NotFound, title: "链接无效 (unknown link)");
        return await PhotosApi.UploadAsync(http, runner, settings.Value, filing.IncidentId, ResidentFilingNames.PhotoActor, location: null);
    }
}
