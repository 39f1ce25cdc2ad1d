using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Governance.Infrastructure.ApiDocs;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Hosting;
using Governance.IntegrationTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.OpenApi;

/// <summary>
/// Each service's OpenAPI document (docs/api.md) against the endpoints the running Host maps: every one is
/// in its service's document with a summary and the action its declaration names, nothing is documented that
/// is not mapped, the gateway serves the same documents and the reference page, and docs/openapi/ holds them
/// as they are now (rewritten here when they were not: commit the change).
/// </summary>
[TestFixture]
public sealed class OpenApiDocumentsTests
{
    private HostBehindGateway _servers = null!;
    private IReadOnlyDictionary<string, JsonObject> _documents = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _servers = await HostBehindGateway.StartAsync();
        _documents = await PublishedDocuments.ReadAsync(_servers.Host);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _servers.DisposeAsync();

    /// <summary>The service endpoints the Host maps: method and path as OpenAPI writes it, with their metadata.</summary>
    private List<(string Service, string Method, string Path, RouteEndpoint Endpoint)> Mapped()
    {
        var modules = PublishedDocuments.Modules;
        return _servers.Environment.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: OpenApiPath(e.RoutePattern)))
            .Where(e => !ServiceRoutes.IsUnder(ServiceRoutes.HostPrefixes, e.Path) && e.Path != "/")
            .SelectMany(e => e.Endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => (ServiceRoutes.OwnerOf(modules, e.Path)?.Name ?? "(none)", m, e.Path, e.Endpoint)))
            .ToList();
    }

    [Test]
    public void Every_mapped_endpoint_is_in_its_services_document_and_nothing_else()
    {
        var mapped = Mapped();
        Assert.That(mapped.Select(e => e.Service).Distinct(), Is.EquivalentTo(new[] { "grids", "incidents", "dispatch" }), "every endpoint belongs to a service");
        Assert.That(mapped, Has.Count.GreaterThan(150), "the three services' endpoints");
        foreach (var (service, document) in _documents)
        {
            var expected = mapped.Where(e => e.Service == service).Select(e => $"{e.Method} {e.Path}").Order().ToList();
            var documented = PublishedDocuments.Operations(document).Select(o => $"{o.Method} {o.Path}").Order().ToList();
            Assert.That(expected.Except(documented), Is.Empty, $"mapped but missing from {service}.json");
            Assert.That(documented.Except(expected), Is.Empty, $"in {service}.json but not mapped");
        }
    }

    [Test]
    public void Every_operation_has_a_summary_and_the_action_its_endpoint_declares()
    {
        var mapped = Mapped().ToDictionary(e => $"{e.Method} {e.Path}");
        foreach (var (service, document) in _documents)
            foreach (var (method, path, operation) in PublishedDocuments.Operations(document))
            {
                var endpoint = mapped[$"{method} {path}"].Endpoint;
                var declared = endpoint.Metadata.GetMetadata<DeclaredAction>();
                var (code, who) = ActionDescriptions.Describe(declared, endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);
                var name = $"{service}: {method} {path}";
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                Assert.That(operation[ActionDescriptions.Extension]?.GetValue<string>(), Is.EqualTo(code), name);
                Assert.That(operation["description"]?.GetValue<string>(), Does.Contain($"`{code}` — {who}"), name);
                Assert.That(operation["operationId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, name);
                // The permission model's answers are listed where it gives them.
                var responses = operation["responses"]!.AsObject();
                if (declared?.Case is not null) Assert.That(responses.Select(r => r.Key), Is.SupersetOf(new[] { "403", "404" }), name);
                if (declared?.Unit is not null) Assert.That(responses.Select(r => r.Key), Does.Contain("403"), name);
                if (code != ActionDescriptions.Anonymous && declared?.NotAPerson is null)
                    Assert.That(responses.Select(r => r.Key), Does.Contain("401"), name);
            }
        // A case action names its code and who may, from the permission table (not a hand-written line).
        var accept = _documents["incidents"]["paths"]!["/incidents/{id}/accept"]!["post"]!;
        Assert.That(accept[ActionDescriptions.Extension]!.GetValue<string>(), Is.EqualTo("case:accept"));
        Assert.That(accept["description"]!.GetValue<string>(), Does.Contain("allowed to: holder"));
        Assert.That(accept["responses"]!["400"]!["content"]!["application/problem+json"], Is.Not.Null);
    }

    [Test]
    public void Callers_authenticate_with_a_bearer_token_unless_the_operation_is_open()
    {
        var incidents = _documents["incidents"];
        Assert.That(incidents["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(incidents["security"]!.AsArray().Single()!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "bearer" }));
        // Open311's reads take the client's API key, not a person's token: their requirement is empty.
        var open = incidents["paths"]!["/open311/v2/services.{format}"]!["get"]!;
        Assert.That(open["security"]!.AsArray().Single()!.AsObject(), Is.Empty);
    }

    [Test]
    public async Task The_gateway_serves_each_services_document_and_the_reference_page()
    {
        foreach (var module in PublishedDocuments.Modules)
        {
            using var response = await _servers.Gateway.GetAsync(ApiReference.DocumentPath(module.Name));
            Assert.That((int)response.StatusCode, Is.EqualTo(200), module.Name);
            Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["info"]!["title"]!.GetValue<string>(), Does.Contain(module.Name).IgnoreCase);
        }
        foreach (var server in new[] { _servers.Host, _servers.Gateway })
        {
            using var page = await server.GetAsync(ApiReference.PagePath);
            var html = await page.Content.ReadAsStringAsync();
            Assert.That((int)page.StatusCode, Is.EqualTo(200), html);
            foreach (var module in PublishedDocuments.Modules)
                Assert.That(html, Does.Contain(ApiReference.DocumentPath(module.Name)), "the page lists every service's document");
            // Under the strict policy every answer carries: scripts only from this address, none inline.
            Assert.That(page.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self';"));
            Assert.That(Regex.Matches(html, "<script[^>]*>").Select(m => m.Value), Has.All.Contains(" src=\"/api-docs/"));
            Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "nothing loaded from elsewhere");
            using var bundle = await server.GetAsync($"{ApiReference.PagePath}/scalar.js");
            Assert.That((int)bundle.StatusCode, Is.EqualTo(200));
            Assert.That(await bundle.Content.ReadAsStringAsync(), Does.Contain("createApiReference"), "Scalar's bundle, from the package");
        }
    }

    /// <summary>docs/openapi/ keeps the documents for vendors to read without running anything. When one
    /// differs from what the Host publishes now it is rewritten, and the test fails so the change is committed.</summary>
    [Test]
    public async Task The_documents_kept_in_docs_openapi_are_current()
    {
        Directory.CreateDirectory(PublishedDocuments.Folder);
        var stale = new List<string>();
        foreach (var (service, document) in _documents)
        {
            var file = PublishedDocuments.FileOf(service);
            var now = PublishedDocuments.Text(document);
            if (File.Exists(file) && await File.ReadAllTextAsync(file) == now) continue;
            await File.WriteAllTextAsync(file, now);
            stale.Add(file);
        }
        Assert.That(stale, Is.Empty, "rewritten from the running Host: commit them");
    }

    /// <summary>A route pattern as OpenAPI writes its path: parameters without their constraints.</summary>
    private static string OpenApiPath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => "",
        }))));
}
