using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>
/// The residents' public pages (回访, the courtyard page, the status link) are asked at one URL by everyone:
/// what tells them apart is a key in a header. No shared cache may keep one resident's answer for another.
/// </summary>
public static class NeverCached
{
    public static RouteGroupBuilder NeverCachedBy(this RouteGroupBuilder group, params string[] keyHeaders) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            context.HttpContext.Response.Headers.Vary = string.Join(", ", keyHeaders);
            return await next(context);
        });
}
