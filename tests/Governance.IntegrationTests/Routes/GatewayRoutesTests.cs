using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;

namespace Governance.IntegrationTests.Routes;

/// <summary>
/// The gateway references no service code: its routes are configuration (services/Gateway/appsettings.json,
/// read here from the gateway's build output, as it is deployed). They must send exactly the prefixes the
/// modules declare, each to the module's own cluster, or a service's new prefix would be unreachable
/// behind the gateway (or answered by the wrong service).
/// </summary>
[TestFixture]
public sealed class GatewayRoutesTests
{
    private static readonly IServiceModule[] Modules = [new GridsModule(), new IncidentsModule(), new DispatchModule()];

    private sealed record Route(string Id, string? Cluster, string? Path);

    private static IConfiguration GatewaySettings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Path.GetDirectoryName(HostProcess.GatewayDll)!, "appsettings.json"), optional: false).Build();

    private static List<Route> Routes() => GatewaySettings().GetSection("ReverseProxy:Routes").GetChildren()
        .Select(r => new Route(r.Key, r["ClusterId"], r["Match:Path"])).ToList();

    [Test]
    public void Every_prefix_a_module_declares_is_routed_to_that_modules_cluster()
    {
        var routes = Routes();
        foreach (var module in Modules)
            foreach (var prefix in module.RoutePrefixes)
                Assert.That(routes.Where(r => r.Path == $"{prefix}/{{**rest}}").Select(r => r.Cluster), Is.EqualTo(new[] { module.Name }),
                    $"the gateway should route {prefix}/{{**rest}} to cluster '{module.Name}' (ReverseProxy:Routes)");
    }

    [Test]
    public void Every_service_document_is_routed_to_its_service()
    {
        var routes = Routes();
        foreach (var module in Modules)
            Assert.That(routes.Where(r => r.Path == ApiReference.DocumentPath(module.Name)).Select(r => r.Cluster), Is.EqualTo(new[] { module.Name }),
                $"the gateway should route {ApiReference.DocumentPath(module.Name)} to cluster '{module.Name}' (ReverseProxy:Routes)");
    }

    [Test]
    public void Every_gateway_route_is_a_prefix_or_the_document_its_cluster_declares()
    {
        var routes = Routes();
        Assert.That(routes, Is.Not.Empty);
        var declared = Modules.SelectMany(m => m.RoutePrefixes.Select(p => (Path: $"{p}/{{**rest}}", Cluster: m.Name))
            .Append((Path: ApiReference.DocumentPath(m.Name), Cluster: m.Name))).ToList();
        foreach (var route in routes)
            Assert.That(declared, Does.Contain((route.Path, route.Cluster)),
                $"route '{route.Id}' ({route.Path} → {route.Cluster}) is not a prefix its service declares (IServiceModule.RoutePrefixes) nor its OpenAPI document");
    }

    [Test]
    public void Every_cluster_a_route_names_has_a_destination()
    {
        var clusters = GatewaySettings().GetSection("ReverseProxy:Clusters");
        foreach (var cluster in Routes().Select(r => r.Cluster).Distinct())
            Assert.That(clusters.GetSection($"{cluster}:Destinations").GetChildren().Select(d => d["Address"]), Is.Not.Empty.And.All.Not.Empty,
                $"cluster '{cluster}'");
    }
}
