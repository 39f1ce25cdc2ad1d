using Governance.Incidents.Apis;
using Governance.Incidents.Handling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Governance.Infrastructure.Authority;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Open311;

/// <summary>
/// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) at /open311/v2, so the hotline (12345)
/// and app systems can file cases and follow them. Services are our categories; a request is a case,
/// filed through the same Filing as POST /incidents and created at once (type realtime).
/// </summary>
public static class Open311Api
{
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    public const string Root = "/open311/v2";

    /// <summary>When this endpoint's behaviour last changed (discovery's changeset).</summary>
    private static readonly DateTimeOffset Changeset = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);

    public static void MapOpen311Api(this IEndpointRouteBuilder routes)
    {
        // Hotline and app systems authenticate with their Open311 API key, not a user's token.
        var v2 = routes.MapGroup(Root).AddEndpointFilter(FormatAndFailures).AllowAnonymous();
        v2.MapGet("/discovery.{format}", Discovery).WithSummary("Open311 discovery: endpoints and formats");
        v2.MapGet("/services.{format}", Services).WithSummary("Open311 service list: the case categories");
        v2.MapGet("/services/{serviceCode}.{format}", ServiceDefinition).WithSummary("Open311 service definition of one category");
        v2.MapPost("/requests.{format}", ServiceRequestsApi.Create).WithSummary("Open311: file a service request (a hotline call or an app report)").RequireRateLimiting(IntakeRateLimit.Policy)
            .PerformedBy("an Open311 client system (hotline, app) with its API key");
        v2.MapGet("/requests.{format}", ServiceRequestsApi.List).WithSummary("Open311: list service requests");
        v2.MapGet("/requests/{id}.{format}", ServiceRequestsApi.Get).WithSummary("Open311: one service request");
        v2.MapGet("/tokens/{token}.{format}", Token).WithSummary("Open311: the service request a token stands for");
        routes.MapOpen311ClientsAdmin();
        routes.MapOpen311CallbacksAdmin();
    }

    private static Open311Result Discovery(string format, HttpContext http, IOptions<Open311Settings> options)
    {
        var settings = options.Value;
        var url = settings.PublicRoot ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Root}";
        return new Open311Result(StatusCodes.Status200OK, Open311Formats.Parse(format), new Open311Document("discovery", Doc.Fields(
            ("changeset", Changeset),
            ("contact", settings.Contact),
            ("key_service", settings.KeyService),
            ("endpoints", Doc.List("endpoint",
            [
                Doc.Fields(
                    ("specification", Specification), ("url", url), ("changeset", Changeset), ("type", "production"),
                    ("formats", Doc.List("format", [Open311Formats.XmlMediaType, Open311Formats.JsonMediaType]))),
            ])))));
    }

    private static async Task<Open311Result> Services(string format, HttpRequest request, IncidentsDatabase db)
    {
        var f = Open311Formats.Parse(format);
        if (await CheckJurisdictionAsync(db, f, request.Query["jurisdiction_id"]) is { } wrong) return wrong;
        return new Open311Result(StatusCodes.Status200OK, f,
            new Open311Document("services", Doc.List("service", ServiceCatalogue.Services.Select(ServiceCatalogue.ListEntry))));
    }

    private static async Task<Open311Result> ServiceDefinition(string serviceCode, string format, HttpRequest request, IncidentsDatabase db)
    {
        var f = Open311Formats.Parse(format);
        if (await CheckJurisdictionAsync(db, f, request.Query["jurisdiction_id"]) is { } wrong) return wrong;
        return ServiceCatalogue.Find(serviceCode) is { } service
            ? new Open311Result(StatusCodes.Status200OK, f, new Open311Document("service_definition", ServiceCatalogue.Definition(service)))
            : UnknownService(f, serviceCode);
    }

    /// <summary>Requests are created at once (type realtime), so no token is ever issued: the spec's
    /// answer for a token it does not know is 404.</summary>
    private static Open311Result Token(string token, string format) => Open311Errors.NotFound(Open311Formats.Parse(format),
        IncidentsTexts.UnknownToken(token));

    internal static Open311Result UnknownService(Open311Format format, string serviceCode) =>
        Open311Errors.NotFound(format, IncidentsTexts.UnknownServiceCode(serviceCode, ServiceCatalogue.CodeList));

    /// <summary>
    /// jurisdiction_id is optional (one county per endpoint); when given it must be our county's code.
    /// The county is read from Incidents' copy of the unit tree, so there is nothing to configure.
    /// </summary>
    internal static async Task<Open311Result?> CheckJurisdictionAsync(IncidentsDatabase db, Open311Format format, string? jurisdictionId)
    {
        if (string.IsNullOrWhiteSpace(jurisdictionId)) return null;
        await using var connection = await db.OpenReadAsync();
        var counties = await ServiceRequestStore.CountyCodesAsync(connection);
        if (counties.Contains(jurisdictionId.Trim())) return null;
        return Open311Errors.NotFound(format, counties.Count == 0
            ? IncidentsTexts.JurisdictionNotKnownYet(jurisdictionId)
            : IncidentsTexts.JurisdictionServed(jurisdictionId, string.Join(", ", counties)));
    }

    /// <summary>
    /// Every /open311/v2 answer, errors included, is in the spec's format: an unknown extension gets a
    /// 400 in XML (the required format), and a failure inside a handler gets the spec's "general
    /// service error" (400, which the spec prescribes for it) in the requested format — logged in full.
    /// </summary>
    private static async ValueTask<object?> FormatAndFailures(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var extension = http.GetRouteValue("format") as string;
        if (!Open311Formats.TryParse(extension, out var format))
            return Open311Errors.BadRequest(Open311Format.Xml, IncidentsTexts.FormatNotOffered(extension));
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Open311Api))
                .LogError(ex, "Open311 {Method} {Path} failed", http.Request.Method, http.Request.Path);
            return Open311Errors.BadRequest(format,
                IncidentsTexts.GeneralServiceError);
        }
    }
}
