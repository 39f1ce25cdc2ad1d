using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The API reference page (/api-docs): Scalar's viewer over the services' OpenAPI documents, served from
/// our own address with no CDN (docs/api.md). One file compiled into two assemblies, as SecurityHeaders.cs:
/// the Host lists the documents of the services it runs, the gateway those its routes send on.
///
/// The page fits the strict Content-Security-Policy every answer carries, unchanged: Scalar's own
/// MapScalarApiReference writes an inline script (it would need a nonce in script-src), so the page here
/// is plain HTML that loads two scripts from this address — Scalar's bundle, taken from the package's
/// embedded resources, and a small script of ours that starts it with the
/// documents the page names in a data attribute. Scalar's fonts (fonts.scalar.com) and telemetry are
/// turned off: the page loads nothing from elsewhere, so it works where the servers have no internet.
/// Its inline style attributes are what style-src 'unsafe-inline' already allows for ECharts.
/// </summary>
public static class ApiReference
{
    /// <summary>Where the reference page is served.</summary>
    public const string PagePath = "/api-docs";

    /// <summary>Where a service publishes its OpenAPI document: /openapi/grids.json.</summary>
    public static string DocumentPath(string service) => $"/openapi/{service}.json";

    /// <summary>The service an OpenAPI document path names ("/openapi/grids.json" → "grids"), or null.</summary>
    public static string? ServiceOf(string? path) =>
        path is not null && path.StartsWith("/openapi/", StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal)
            && path.Length > "/openapi/.json".Length && !path["/openapi/".Length..^".json".Length].Contains('/')
            ? path["/openapi/".Length..^".json".Length]
            : null;

    /// <summary>Maps the page, its starter script and Scalar's bundle; open without sign-in, like the documents.</summary>
    public static void MapApiReference(this IEndpointRouteBuilder routes, IReadOnlyList<string> services)
    {
        var sources = JsonSerializer.Serialize(services.Select(s => new { title = s, slug = s, url = DocumentPath(s) }));
        var page = Page(sources);
        routes.MapGet(PagePath, () => Results.Content(page, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet($"{PagePath}/reference.js", () => Results.Text(Starter, "text/javascript; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet($"{PagePath}/scalar.js", ScalarBundle).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult ScalarBundle(HttpContext http)
    {
        var bundle = Bundle.Value;
        http.Response.Headers.Vary = "Accept-Encoding";
        // Changes only with the package: revalidated by its ETag rather than downloaded again.
        http.Response.Headers.CacheControl = "no-cache";
        var gzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        if (bundle.Gzipped && gzip) http.Response.Headers.ContentEncoding = "gzip";
        Stream body = new MemoryStream(bundle.Bytes, writable: false);
        if (bundle.Gzipped && !gzip) body = new GZipStream(body, CompressionMode.Decompress);
        return Results.Stream(body, "text/javascript; charset=utf-8", entityTag: bundle.ETag);
    }

    private sealed record ScalarScript(byte[] Bytes, bool Gzipped, Microsoft.Net.Http.Headers.EntityTagHeaderValue ETag);

    /// <summary>Scalar's standalone bundle as the package embeds it (its Release build stores it gzipped).</summary>
    private static readonly Lazy<ScalarScript> Bundle = new(() =>
    {
        var assembly = typeof(ScalarOptions).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".scalar.js", StringComparison.Ordinal));
        using var resource = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        var bytes = copy.ToArray();
        var tag = Convert.ToHexString(SHA256.HashData(bytes))[..32];
        return new ScalarScript(bytes, bytes is [0x1f, 0x8b, ..], new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{tag}\""));
    });

    private static string Page(string sources) => $"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>接口文档 · Governance API reference</title>
        </head>
        <body>
          <div id="app" data-sources="{WebUtility.HtmlEncode(sources)}"></div>
          <script src="{PagePath}/scalar.js"></script>
          <script src="{PagePath}/reference.js"></script>
        </body>
        </html>
        """;

    /// <summary>Starts Scalar on the documents the page names; nothing it loads leaves this address.</summary>
    private const string Starter = """
        // The API reference (docs/api.md): the documents come from the page, nothing from elsewhere.
        const app = document.getElementById('app');
        window.Scalar.createApiReference('#app', {
          sources: JSON.parse(app.dataset.sources),
          withDefaultFonts: false,
          telemetry: false,
          showDeveloperTools: 'never',
          agent: { disabled: true },
        });
        """;
}
