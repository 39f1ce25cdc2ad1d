using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Which service a path belongs to, read from the prefixes the modules declare
/// (<see cref="IServiceModule.RoutePrefixes"/>): shared code names no service.
/// </summary>
public static class ServiceRoutes
{
    /// <summary>What the host answers itself, whichever services it hosts: health probes, Prometheus's scrape, the
    /// services' OpenAPI documents and the reference page over them (<see cref="ApiReference"/>).</summary>
    public static readonly IReadOnlyList<string> HostPrefixes = ["/health", "/metrics", "/openapi", ApiReference.PagePath];

    /// <summary>The module whose prefixes hold the path; null when none does.</summary>
    public static IServiceModule? OwnerOf(IEnumerable<IServiceModule> modules, PathString path) =>
        modules.FirstOrDefault(m => m.RoutePrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether a path lies under one of the prefixes (whole segments: "/grids" holds "/grids/units", not "/gridsx").</summary>
    public static bool IsUnder(IEnumerable<string> prefixes, PathString path) =>
        prefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Prefixes are "/segment[/segment…]", and no path is claimed twice (by two modules, or by a
    /// module and the host): otherwise a write could be audited in the wrong service's log.</summary>
    public static void CheckDeclarations(IReadOnlyList<IServiceModule> modules)
    {
        var claims = modules.SelectMany(m => m.RoutePrefixes.Select(p => (Owner: m.Name, Prefix: p)))
            .Concat(HostPrefixes.Select(p => (Owner: "host", Prefix: p))).ToList();
        foreach (var (owner, prefix) in claims)
            if (!prefix.StartsWith('/') || prefix.EndsWith('/') || prefix.Contains("//") || prefix.Contains('{'))
                throw new InvalidOperationException($"Route prefix '{prefix}' of {owner} must be literal segments with a leading slash, e.g. \"/grids\".");
        for (var i = 0; i < claims.Count; i++)
            for (var j = 0; j < claims.Count; j++)
                if (i != j && new PathString(claims[j].Prefix).StartsWithSegments(claims[i].Prefix, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException(
                        $"Route prefix '{claims[j].Prefix}' of {claims[j].Owner} lies under '{claims[i].Prefix}' of {claims[i].Owner}: a path must belong to one service.");
    }
}
