using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Every answer carries the security headers (issue #13): the standalone Host's, and the gateway's in
/// front of it — an API answer, a page and a bundled file, a 404 of each kind, a 401 without a token, a
/// 403, problems (400, 405), Open311's own errors, health. Pages are served from a web root the test
/// writes (HostBehindGateway). Every route of the Host, one by one: EveryRouteHeadersTests.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SecurityHeadersTests
{
    private const string TileHost = "https://tiles.example.cn";

    private static readonly string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: " + TileHost + "; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private HostBehindGateway _servers = null!;
    private HttpClient _host = null!;
    private HttpClient _throughGateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _servers = await HostBehindGateway.StartAsync(
            new Dictionary<string, string> { ["Security:ContentSecurityPolicy:ImgSources"] = TileHost },
            new Dictionary<string, string> { ["Security:ContentSecurityPolicy:ImgSources:0"] = TileHost });
        _host = _servers.Host;
        _throughGateway = _servers.Gateway;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && _servers is not null) TestContext.Out.WriteLine(_servers.GatewayOutput);
        if (_servers is not null) await _servers.DisposeAsync();
    }

    /// <summary>(what, method, path, token, body, expected status) — one of each kind of answer.</summary>
    private static IEnumerable<(string What, HttpMethod Method, string Path, bool Token, string? Body, HttpStatusCode Status)> Answers() =>
    [
        ("API answer", HttpMethod.Get, "/incidents/categories", true, null, HttpStatusCode.OK),
        ("page (client route)", HttpMethod.Get, "/county", false, null, HttpStatusCode.OK),
        ("page (index)", HttpMethod.Get, "/", false, null, HttpStatusCode.OK),
        ("bundled file", HttpMethod.Get, "/assets/app.js", false, null, HttpStatusCode.OK),
        ("missing file", HttpMethod.Get, "/no-such-file.js", true, null, HttpStatusCode.NotFound),
        ("unknown API path", HttpMethod.Get, "/grids/no-such-route", true, null, HttpStatusCode.NotFound),
        ("unknown case", HttpMethod.Get, $"/incidents/{Guid.NewGuid()}", true, null, HttpStatusCode.NotFound),
        ("no token", HttpMethod.Get, "/incidents", false, null, HttpStatusCode.Unauthorized),
        ("not his to do", HttpMethod.Put, "/dispatch/policy", true, "{}", HttpStatusCode.Forbidden),
        ("validation problem", HttpMethod.Post, "/incidents", true, "{\"unitCode\":\"x\"}", HttpStatusCode.BadRequest),
        ("unreadable body", HttpMethod.Post, "/incidents", true, "{\"unitCode\":", HttpStatusCode.BadRequest),
        ("method not allowed", HttpMethod.Delete, "/incidents/categories", true, null, HttpStatusCode.MethodNotAllowed),
        ("Open311 error", HttpMethod.Get, "/open311/v2/requests.txt", false, null, HttpStatusCode.BadRequest),
        ("health", HttpMethod.Get, "/health/live", false, null, HttpStatusCode.OK),
    ];

    [Test]
    public Task Every_kind_of_answer_of_the_Host_carries_the_security_headers() => CheckAllAsync(_host);

    [Test]
    public async Task Every_kind_of_answer_through_the_gateway_carries_the_security_headers_once()
    {
        await CheckAllAsync(_throughGateway);
        // The gateway's own answers: readiness, and a 404 for a path under its own prefix.
        using var ready = await _throughGateway.GetAsync("/health/ready");
        AssertHeaders(ready, HttpStatusCode.OK, "gateway readiness");
        using var missing = await _throughGateway.GetAsync("/health/no-such-probe");
        AssertHeaders(missing, HttpStatusCode.NotFound, "gateway 404");
    }

    /// <summary>
    /// Every route of the Host's routing table (route values filled in), each method it maps, sent to the
    /// Host and through the gateway: signed in as a grid worker (answers from 200 to 400, 403, 404), without
    /// a token (401) and with a method it does not map (405). All carry the headers, none is a 5xx.
    /// </summary>
    [Test]
    public async Task Every_route_of_the_host_answers_with_the_security_headers_directly_and_through_the_gateway()
    {
        var endpoints = RouteSamples.Endpoints(_servers.Environment.Host.Services);
        Assert.That(endpoints, Has.Count.GreaterThan(40), "the routing table should list the whole API");
        var worker = TestTokens.Bearer("gw-headers", Roles.GridWorkerFullTime, Demo.Grid);
        var statuses = new SortedSet<int>();
        var sent = 0;
        foreach (var http in new[] { _host, _throughGateway })
            foreach (var (method, pattern) in endpoints)
            {
                var path = RouteSamples.Fill(pattern, Guid.NewGuid(), Demo.Township);
                foreach (var (what, token, verb) in new[] { ("signed in", true, method), ("no token", false, method), ("unmapped method", true, "TRACE") })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(verb), path);
                    if (token) request.Headers.Authorization = worker;
                    if (verb is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                    // Headers only: a live stream (the board's) never ends by itself.
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    var where = $"{verb} {path} ({what}, {(http == _host ? "host" : "gateway")})";
                    Assert.That((int)response.StatusCode, Is.LessThan(500), where);
                    AssertHeaders(response, response.StatusCode, where);
                    statuses.Add((int)response.StatusCode);
                    sent++;
                }
            }
        TestContext.Out.WriteLine($"routes={endpoints.Count} requests={sent} statuses={string.Join(",", statuses)}");
        Assert.That(statuses, Is.SupersetOf(new[] { 200, 400, 401, 403, 404, 405 }), "every kind of answer was among them");
    }

    [Test]
    public void A_map_tile_source_that_would_widen_the_policy_stops_the_start()
    {
        foreach (var bad in new[] { "*", "https:", "'unsafe-inline'", "https://a.cn; script-src *", "data:", "https://*", "ftp://tiles.example.cn" })
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Security:ContentSecurityPolicy:ImgSources"] = bad }).Build();
            Assert.That(() => Infrastructure.Hosting.SecurityHeaders.ImgSources(configuration), Throws.InvalidOperationException, bad);
        }
        var good = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Security:ContentSecurityPolicy:ImgSources"] = "https://*.tiles.example.cn, http://10.0.0.5:8080/tiles" }).Build();
        Assert.That(Infrastructure.Hosting.SecurityHeaders.ImgSources(good), Is.EqualTo(new[] { "https://*.tiles.example.cn", "http://10.0.0.5:8080/tiles" }));
    }

    private static async Task CheckAllAsync(HttpClient http)
    {
        foreach (var (what, method, path, token, body, status) in Answers())
        {
            using var request = new HttpRequestMessage(method, path);
            // A grid worker: he may read, but not change the county's routing policy (403).
            if (token) request.Headers.Authorization = TestTokens.Bearer("gw-headers", Roles.GridWorkerFullTime, Demo.Grid);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request);
            AssertHeaders(response, status, $"{what}: {method} {path}");
        }
    }

    private static void AssertHeaders(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), what);
        Assert.Multiple(() =>
        {
            Assert.That(Values(response, "Content-Security-Policy"), Is.EqualTo(new[] { Policy }), what);
            Assert.That(Values(response, "X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), what);
            Assert.That(Values(response, "Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }), what);
            Assert.That(Values(response, "X-Frame-Options"), Is.EqualTo(new[] { "DENY" }), what);
        });
    }

    private static string[] Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.ToArray()
            : [];
}
