using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// Checks a case action before the endpoint runs: the case's facts from the service's own source,
/// then the model — 404 when the case does not exist for the caller, 403 when he may read but not do this.
/// </summary>
public sealed class CaseActionFilter<TSource>(CaseAction action, string routeValue) : IEndpointFilter where TSource : ICaseFactsSource
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.Of(http);
        if (caller.Unrestricted) return await next(context);
        if (!Guid.TryParse(http.Request.RouteValues[routeValue]?.ToString(), out var id)) return TypedResults.NotFound();
        var facts = await http.RequestServices.GetRequiredService<TSource>().FactsAsync(id, http.RequestAborted);
        if (facts is null) return TypedResults.NotFound();
        return Authority.Decide(caller.Person, facts, action) switch
        {
            Decision.Allowed => await DecidedCase.RememberAndRunAsync(context, next, id, facts),
            Decision.Forbidden refused => Refusals.Forbidden(refused.Why),
            _ => TypedResults.NotFound(),
        };
    }
}

/// <summary>Checks a unit action before the endpoint runs: the caller's roles and, when the endpoint
/// names the unit it acts at, that unit's place in the tree (403 outside the caller's reach).</summary>
/// <param name="chains">The service's <see cref="IUnitChainSource"/> type; null for actions that name no unit.</param>
public sealed class UnitActionFilter(UnitAction action, Func<EndpointFilterInvocationContext, string?>? unitOf, Type? chains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = Caller.Of(http);
        if (caller.Unrestricted) return await next(context);
        // A unit the request does not name (a body that failed to bind, an optional filter) leaves the
        // scope to the endpoint's validation; the caller's roles are still checked here.
        var unit = unitOf?.Invoke(context);
        var decision = unit is null
            ? Authority.MayEverDo(caller.Person, action) ? Decision.Allow : Authority.Decide(caller.Person, action, null)
            : Authority.Decide(caller.Person, action,
                await ((IUnitChainSource)http.RequestServices.GetRequiredService(chains!)).ChainAsync(unit, http.RequestAborted));
        return decision is Decision.Forbidden refused ? Refusals.Forbidden(refused.Why) : await next(context);
    }
}

internal static class Refusals
{
    public static IResult Forbidden(string why) =>
        TypedResults.Problem(why, statusCode: StatusCodes.Status403Forbidden, title: "Not yours to do");
}
