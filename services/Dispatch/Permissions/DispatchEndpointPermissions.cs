using Governance.Infrastructure.Authority;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.Dispatch.Permissions;

/// <summary>Dispatch's endpoints declare their action with these: case facts from the assignment,
/// unit chains from Dispatch's copy of the tree.</summary>
public static class DispatchEndpointPermissions
{
    public static TBuilder Performs<TBuilder>(this TBuilder builder, CaseAction action, string routeValue = "incidentId")
        where TBuilder : IEndpointConventionBuilder =>
        builder.PerformsOnCase<DispatchCaseFacts, TBuilder>(action, routeValue);

    public static TBuilder Performs<TBuilder>(this TBuilder builder, UnitAction action, Func<EndpointFilterInvocationContext, string?>? unitOf = null)
        where TBuilder : IEndpointConventionBuilder =>
        unitOf is null ? builder.PerformsCountyWide(action) : builder.PerformsAtUnit<UnitCopyChains<DispatchDatabase>, TBuilder>(action, unitOf);
}
