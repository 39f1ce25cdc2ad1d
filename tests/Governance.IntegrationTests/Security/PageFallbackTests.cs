using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Only the pages' own routes are answered with index.html, by the Host and by the gateway alike. Any
/// other path — an API path that does not exist, one that only looks like the API, a guess — is a 404
/// problem in JSON (found probing from outside: /audit, /grids%2F… and friends answered 200 with the page).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PageFallbackTests
{
    private HostBehindGateway _servers = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _servers = await HostBehindGateway.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_servers is not null) await _servers.DisposeAsync();
    }

    /// <summary>The keys of <c>pages</c> in services/Web/src/router.ts, read from the source, and "/".</summary>
    private static IReadOnlyList<string> PageRoutes()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Governance.sln"))) folder = folder.Parent;
        Assert.That(folder, Is.Not.Null, "the repository (Governance.sln) above the test's folder");
        var router = File.ReadAllText(Path.Combine(folder!.FullName, "services", "Web", "src", "router.ts"));
        var routes = Regex.Matches(router, @"^\s*'(/[a-z-]*)':\s*\(\)\s*=>\s*import", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(5), "the router's pages");
        return ["/", .. routes];
    }

    private static IEnumerable<TestCaseData> Both() => [new TestCaseData("host"), new TestCaseData("gateway")];

    private HttpClient Client(string which) => which == "host" ? _servers.Host : _servers.Gateway;

    [TestCaseSource(nameof(Both))]
    public async Task Every_page_of_the_router_is_answered_with_the_pages_index_html(string which)
    {
        foreach (var route in PageRoutes().SelectMany(r => r == "/" ? new[] { r } : [r, r + "/", r + "?case=1"]))
        {
            using var page = await Client(which).GetAsync(route);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), route);
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"), route);
            Assert.That(await page.Content.ReadAsStringAsync(), Is.EqualTo(HostBehindGateway.IndexHtml), route);
        }
    }

    [TestCaseSource(nameof(Both))]
    public async Task An_unknown_path_is_a_404_problem_never_the_page(string which)
    {
        string[] paths =
        [
            "/incidents/no/such/route", "/grids/no-such-route", "/dispatch/no-such-route", "/open311/no-such-route", "/auth/no-such-route",
            "/audit", "/audit/verify", "/grids%2Fno-such-route", "/api/incidents", "/admin", "/.env", "/worker/extra", "/no-such-page",
        ];
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            // Signed in: the Host answers an anonymous request 401 before it looks for the route.
            request.Headers.Authorization = TestTokens.Bearer();
            using var answer = await Client(which).SendAsync(request);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{path}: {body}");
            Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), path);
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32(), Is.EqualTo(404), path);
        }
    }
}
