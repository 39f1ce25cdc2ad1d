using Governance.Infrastructure.Authority;
using Governance.IntegrationTests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// Deny by default: every endpoint of every service that changes anything declares the action it
/// performs (the declaration brings the filter that enforces it). An endpoint added without one fails
/// here, by name, instead of being allowed because nothing checked it.
/// </summary>
public sealed class DenyByDefaultTests
{
    private static readonly string[] Writes = ["POST", "PUT", "PATCH", "DELETE"];

    [Test]
    public async Task Every_endpoint_that_changes_anything_declares_its_action()
    {
        // Development sign-in on too, so its endpoint is enumerated with the rest.
        await using var standalone = await StandaloneEnvironment.StartAsync(extra: new Dictionary<string, string> { ["Auth:DevTokens"] = "true" });
        var endpoints = standalone.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var writes = endpoints.Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Any(Writes.Contains) == true).ToList();

        var undeclared = writes.Where(e => e.Metadata.GetMetadata<DeclaredAction>() is null)
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}").ToList();

        // Every service is in the host, and each has writes: a floor so an empty list cannot pass.
        Assert.That(writes.Select(e => e.RoutePattern.RawText!.Split('/')[1]).Distinct(), Is.SupersetOf(new[] { "grids", "incidents", "dispatch", "open311" }));
        Assert.That(writes, Has.Count.GreaterThan(40), "the writes of the three services");
        Assert.That(undeclared, Is.Empty, "endpoints that change something without declaring their action");
    }
}
