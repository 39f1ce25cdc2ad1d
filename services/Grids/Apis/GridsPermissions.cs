using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.Grids.Apis;

/// <summary>Where a Grids endpoint's unit action is done, as far as the request tells before the
/// database is read.</summary>
public sealed class At
{
    private At(Func<EndpointFilterInvocationContext, string?>? unitOf, bool countyWide)
    {
        UnitOf = unitOf;
        CountyWide = countyWide;
    }

    internal Func<EndpointFilterInvocationContext, string?>? UnitOf { get; }
    internal bool CountyWide { get; }

    /// <summary>The unit in a route value.</summary>
    public static At Route(string name) => new(EndpointPermissions.RouteUnit(name), false);

    /// <summary>The unit a request body names.</summary>
    public static At Body<T>(Func<T, string?> unitOf) where T : class => new(EndpointPermissions.BodyUnit(unitOf), false);

    /// <summary>Anywhere in the county: the table grants the action to roles alone, with no narrower
    /// scope. Checked when the endpoint is mapped, so a scope added to the table later cannot be
    /// silently ignored here.</summary>
    public static readonly At County = new(null, true);

    /// <summary>At units the handler reads (a person's home unit, a duty's unit, a subject's
    /// courtyard, each row of an import) and checks with <see cref="Handling.Reach"/>; the filter
    /// checks the caller's roles first.</summary>
    public static readonly At UnitsTheHandlerReads = new(null, false);
}

/// <summary>Grids' form of the endpoint declarations: every change says which unit action it is,
/// and the filter that enforces it reads Grids' own unit tree.</summary>
public static class GridsPermissions
{
    public static TBuilder Performs<TBuilder>(this TBuilder builder, UnitAction action, At at) where TBuilder : IEndpointConventionBuilder
    {
        if (at.CountyWide && UnitPermissions.Table[action].Any(g => g.Scope != UnitScope.County))
            throw new InvalidOperationException(
                $"'{Authority.Code(action)}' is scoped to units in the permission table: the endpoint must name the unit it acts at.");
        return builder.PerformsAtUnit<GridsUnitChains, TBuilder>(action, at.UnitOf);
    }
}
