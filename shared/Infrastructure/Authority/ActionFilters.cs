using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// A check that needs nothing from the request body, so it can answer first even when the body cannot
/// be read (404 and 403 come before 400): <see cref="Hosting.BadRequestBodyHandler"/> asks it.
/// </summary>
public interface IBodyIndependentCheck
{
    /// <summary>The refusal (404 or 403), or null when the caller may go on.</summary>
    ValueTask<IResult?> RefusalAsync(HttpContext http);
}

/// <summary>
/// Checks a case action before the endpoint runs: the case's facts from the service's own source,
/// then the model — 404 when the case does not exist for the caller, 403 when he may read but not do this.
/// </summary>
public sealed class CaseActionFilter<TSource>(CaseAction action, string routeValue) : IEndpointFilter, IBodyIndependentCheck
    where TSource : ICaseFactsSource
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (refusal, id, facts) = await DecideAsync(http);
        return refusal ?? await DecidedCase.RememberAndRunAsync(context, next, id, facts);
    }

    public async ValueTask<IResult?> RefusalAsync(HttpContext http) => (await DecideAsync(http)).Refusal;

    private async Task<(IResult? Refusal, Guid Id, CaseFacts? Facts)> DecideAsync(HttpContext http)
    {
        var caller = Caller.Of(http);
        if (caller.Unrestricted) return (null, default, null);
        if (!Guid.TryParse(http.Request.RouteValues[routeValue]?.ToString(), out var id)) return (TypedResults.NotFound(), id, null);
        var facts = await http.RequestServices.GetRequiredService<TSource>().FactsAsync(id, http.RequestAborted);
        if (facts is null) return (TypedResults.NotFound(), id, null);
        return Authority.Decide(caller.Person, facts, action) switch
        {
            Decision.Allowed => (null, id, facts),
            Decision.Forbidden refused => (Refusals.Forbidden(refused.Why), id, facts),
            _ => (TypedResults.NotFound(), id, facts),
        };
    }
}

/// <summary>Checks a unit action before the endpoint runs: the caller's roles and, when the endpoint
/// names the unit it acts at, that unit's place in the tree (403 outside the caller's reach).</summary>
/// <param name="chains">The service's <see cref="IUnitChainSource"/> type; null for actions that name no unit.</param>
public sealed class UnitActionFilter(UnitAction action, Func<EndpointFilterInvocationContext, string?>? unitOf, Type? chains)
    : IEndpointFilter, IBodyIndependentCheck
{
    /// <summary>For a body that cannot be read: a caller whose roles never allow the action is refused (403)
    /// before he is told what is wrong with it; the unit's place is judged once the body is sound.</summary>
    public ValueTask<IResult?> RefusalAsync(HttpContext http)
    {
        var caller = Caller.Of(http);
        return ValueTask.FromResult(caller.Unrestricted || Authority.MayEverDo(caller.Person, action)
            ? null
            : Authority.Decide(caller.Person, action, null) is Decision.Forbidden refused ? Refusals.Forbidden(refused.Why) : null);
    }

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
    public static IResult Forbidden(string why) => Hosting.Answers.Forbidden(why);
}
