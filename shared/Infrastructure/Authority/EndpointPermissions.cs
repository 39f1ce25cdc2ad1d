using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Authority;

/// <summary>How an endpoint declares what it does: the declaration is metadata (enumerated by the
/// deny-by-default test) and brings the filter that enforces it, so the two cannot part.</summary>
public static class EndpointPermissions
{
    /// <summary>A case action on the case named by the route value <paramref name="routeValue"/>.</summary>
    public static TBuilder PerformsOnCase<TSource, TBuilder>(this TBuilder builder, CaseAction action, string routeValue = "id")
        where TSource : ICaseFactsSource where TBuilder : IEndpointConventionBuilder
    {
        // The filter is metadata too: a body that cannot be read is judged after it (404/403 before 400).
        var filter = new CaseActionFilter<TSource>(action, routeValue);
        return builder.WithMetadata(new DeclaredAction(Case: action), filter).AddEndpointFilter(filter);
    }

    /// <summary>A unit action; <paramref name="unitOf"/> names the unit it is done at, when it has one.</summary>
    public static TBuilder PerformsAtUnit<TChains, TBuilder>(this TBuilder builder, UnitAction action,
        Func<EndpointFilterInvocationContext, string?>? unitOf = null)
        where TChains : IUnitChainSource where TBuilder : IEndpointConventionBuilder =>
        builder.Declares(action, new UnitActionFilter(action, unitOf, typeof(TChains)));

    /// <summary>A unit action that names no unit (the county's settings, the audit log): roles alone decide.</summary>
    public static TBuilder PerformsCountyWide<TBuilder>(this TBuilder builder, UnitAction action) where TBuilder : IEndpointConventionBuilder =>
        builder.Declares(action, new UnitActionFilter(action, null, null));

    // The filter is metadata too, as for case actions: a body that cannot be read is judged after the roles (403 before 400).
    private static TBuilder Declares<TBuilder>(this TBuilder builder, UnitAction action, UnitActionFilter filter)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DeclaredAction(Unit: action), filter).AddEndpointFilter(filter);

    /// <summary>An endpoint no signed-in person performs (sign-in; a client system with its API key):
    /// says who does, for the reader and the deny-by-default test.</summary>
    public static TBuilder PerformedBy<TBuilder>(this TBuilder builder, string who) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DeclaredAction(NotAPerson: who));

    /// <summary>The unit code in the route value <paramref name="name"/>.</summary>
    public static Func<EndpointFilterInvocationContext, string?> RouteUnit(string name) =>
        context => context.HttpContext.Request.RouteValues[name]?.ToString();

    /// <summary>The unit code from the query string parameter <paramref name="name"/>.</summary>
    public static Func<EndpointFilterInvocationContext, string?> QueryUnit(string name) =>
        context => context.HttpContext.Request.Query[name].ToString() is { Length: > 0 } code ? code : null;

    /// <summary>The unit code a bound argument of type <typeparamref name="T"/> names (a request body).</summary>
    public static Func<EndpointFilterInvocationContext, string?> BodyUnit<T>(Func<T, string?> unitOf) where T : class =>
        context => context.Arguments.OfType<T>().FirstOrDefault() is { } body ? unitOf(body) : null;
}
