using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The web pages (services/Web's bundle, which the build copies to wwwroot/ beside the executable),
/// served from the same address as the API. The pages' own routes (/worker, /command-centre, /county …)
/// get index.html; nothing else does. An unknown path — an API path that does not exist (/grids/nope),
/// one that only looks like the API (/audit, /api/…), a scanner's guess — stays a 404 problem rather
/// than turning into a page that answers 200 (found probing from outside).
///
/// One file compiled into two assemblies: Governance.Infrastructure (the Host) and the gateway, which
/// links it (Governance.Gateway.csproj) because the gateway references no project of ours.
/// </summary>
internal static class WebPages
{
    /// <summary>The client routes: the keys of <c>pages</c> in services/Web/src/router.ts, and "/" (which
    /// sends a person to his own page). A test reads router.ts and asks for each of them.</summary>
    public static readonly IReadOnlyList<string> Routes = ["/", "/signin", "/worker", "/village", "/command-centre", "/department", "/county", "/return-visit", "/courtyard", "/my-case"];

    public static void UseWebPages(this IApplicationBuilder app)
    {
        // Routing has already run: a request an endpoint matched (an API call, a proxied route) is left alone.
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && IsPageRoute(context.Request.Path))
                context.Request.Path = "/index.html";
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            // Bundled files carry a content hash in their names: cache them for good; index.html never.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
    }

    /// <summary>"/worker" and "/worker/" alike, as the router reads them.</summary>
    private static bool IsPageRoute(PathString path)
    {
        var value = (path.Value ?? "").TrimEnd('/');
        return Routes.Contains(value.Length == 0 ? "/" : value, StringComparer.OrdinalIgnoreCase);
    }
}
