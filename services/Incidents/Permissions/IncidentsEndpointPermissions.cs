using Governance.Infrastructure.Authority;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Governance.Incidents.Permissions;

/// <summary>Incidents' endpoints declare their action with these: the case's facts come from
/// <see cref="IncidentCaseFacts"/>, unit chains from Incidents' copy of the tree.</summary>
public static class IncidentsEndpointPermissions
{
    public static TBuilder Performs<TBuilder>(this TBuilder builder, CaseAction action, string routeValue = "id")
        where TBuilder : IEndpointConventionBuilder =>
        builder.PerformsOnCase<IncidentCaseFacts, TBuilder>(action, routeValue);

    public static TBuilder Performs<TBuilder>(this TBuilder builder, UnitAction action, Func<EndpointFilterInvocationContext, string?>? unitOf = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.PerformsAtUnit<UnitCopyChains<IncidentsDatabase>, TBuilder>(action, unitOf);
}
