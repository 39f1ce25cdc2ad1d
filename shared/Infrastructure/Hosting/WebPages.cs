using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// The web pages (services/Web's bundle, which the build copies to wwwroot/ beside the executable),
/// served from the same address as the API. Client routes (/worker, /command-centre, /county …) get
/// index.html; a path whose first segment belongs to the API never does, so an unknown API path stays
/// a 404 instead of turning into a page.
///
/// One file compiled into two assemblies: Governance.Infrastructure (the Host) and the gateway, which
/// links it (Governance.Gateway.csproj) because the gateway references no project of ours.
/// </summary>
internal static class WebPages
{
    /// <param name="isApiSegment">Whether a path's first segment ("grids", "health") belongs to the API.</param>
    public static void UseWebPages(this IApplicationBuilder app, Func<string, bool> isApiSegment)
    {
        // Routing has already run: a request an endpoint matched (an API call, a proxied route) is left alone.
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && !Path.HasExtension(path) && !isApiSegment(path.TrimStart('/').Split('/')[0]))
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
}
