using Governance.Infrastructure.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Security;

/// <summary>
/// An endpoint filter for routes about one case ("…/{id}/…"): finds the place the case belongs to
/// and answers 404 unless the caller's units cover it — before the handler reads or changes anything.
/// </summary>
public sealed class JurisdictionFilter<TDatabase>(string routeValue, Func<System.Data.Common.DbConnection, Guid, Task<string?>> placeOf)
    : IEndpointFilter where TDatabase : Database
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.Of(http);
        if (caller.Unrestricted || !Guid.TryParse(http.Request.RouteValues[routeValue]?.ToString(), out var id)) return await next(context);
        var db = http.RequestServices.GetRequiredService<TDatabase>();
        await using var c = await db.OpenAsync(http.RequestAborted);
        var place = await placeOf(c, id);
        // Unknown and out of reach look the same: the caller learns nothing about other townships.
        if (place is null || !await Jurisdiction.CoversAsync(c, db.Provider, caller, place)) return TypedResults.NotFound();
        return await next(context);
    }
}
