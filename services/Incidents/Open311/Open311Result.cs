using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace Governance.Incidents.Open311;

/// <summary>Every answer of /open311/v2: a status code and a document in the format the client asked for.</summary>
public sealed class Open311Result(int statusCode, Open311Format format, Open311Document document) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int StatusCode => statusCode;
    int? IStatusCodeHttpResult.StatusCode => statusCode;
    public string ContentType => format.ContentType();
    public Open311Format Format => format;
    public Open311Document Document => document;

    /// <summary>Where the created request can be read (POST requests).</summary>
    public string? Location { get; init; }

    public async Task ExecuteAsync(HttpContext http)
    {
        var body = Open311Writer.Render(format, document);
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = body.Length;
        if (Location is not null) http.Response.Headers.Location = Location;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}

/// <summary>One entry of the spec's error list.</summary>
public sealed record Open311Error(int Code, string Description);

/// <summary>
/// Errors the spec's way: the HTTP status plus a list of {code, description} in the requested format.
/// 404 for what does not exist, 403 for a missing or wrong api_key, 400 for anything else the request
/// cannot be fulfilled with (naming the field). The code in the body is the HTTP status.
/// </summary>
public static class Open311Errors
{
    public static Open311Result Of(Open311Format format, int status, IEnumerable<Open311Error> errors) =>
        new(status, format, new Open311Document("errors",
            Doc.List("error", errors.Select(e => Doc.Fields(("code", e.Code), ("description", e.Description))))));

    public static Open311Result Of(Open311Format format, int status, string description) =>
        Of(format, status, [new Open311Error(status, description)]);

    public static Open311Result BadRequest(Open311Format format, string description) => Of(format, StatusCodes.Status400BadRequest, description);

    public static Open311Result Forbidden(Open311Format format, string description) => Of(format, StatusCodes.Status403Forbidden, description);

    public static Open311Result NotFound(Open311Format format, string description) => Of(format, StatusCodes.Status404NotFound, description);
}
