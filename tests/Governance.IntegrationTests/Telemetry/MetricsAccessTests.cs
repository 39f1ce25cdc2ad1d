using System.Net;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Telemetry;

/// <summary>
/// /metrics is for the county's operators (shared/Infrastructure/Hosting/MonitoringNetworks.cs): the standalone
/// Host faces users, so it answers the machine itself and the networks in Monitoring:AllowFrom, and anyone else
/// a 404 problem. The outside caller is one a proxy in front names in X-Forwarded-For (believed from loopback,
/// as from nginx terminating TLS on the same machine), which is how a user reaches a Host on a county's network.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MetricsAccessTests : StandaloneFixture
{
    private const string MonitoringNetwork = "198.51.100.0/24";
    private HttpClient _http = null!;

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Monitoring:AllowFrom:0"] = MonitoringNetwork };

    [OneTimeSetUp]
    public void OpenClient() => _http = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();

    [OneTimeTearDown]
    public void DisposeClient() => _http.Dispose();

    private async Task<HttpResponseMessage> MetricsFromAsync(string? caller, string header = "X-Forwarded-For", string path = "/metrics",
        string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (caller is not null) request.Headers.TryAddWithoutValidation(header, caller);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        return await _http.SendAsync(request);
    }

    [Test]
    public async Task The_machine_itself_reads_the_metrics()
    {
        using var response = await MetricsFromAsync(caller: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("governance_outbox_backlog"));
    }

    [TestCase("198.51.100.23", TestName = "A caller on the monitoring network reads the metrics")]
    [TestCase("::ffff:198.51.100.23", TestName = "A caller on the monitoring network reads them over IPv6 as well")]
    public async Task A_caller_on_the_monitoring_network_reads_the_metrics(string caller)
    {
        using var response = await MetricsFromAsync(caller);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("governance_outbox_backlog"));
    }

    [TestCase("203.0.113.9", TestName = "A user's address gets a 404 problem and no figure")]
    [TestCase("198.51.101.1", TestName = "An address next to the monitoring network gets a 404 problem")]
    [TestCase("2001:db8::5", TestName = "An IPv6 user gets a 404 problem")]
    // A proxy that names the user some other way, or in a way not read, is not taken for the machine itself.
    [TestCase("203.0.113.9", "X-Real-IP", TestName = "A user named by X-Real-IP gets a 404 problem")]
    [TestCase("for=203.0.113.9", "Forwarded", TestName = "A user named by Forwarded gets a 404 problem")]
    [TestCase("garbage", TestName = "An unreadable X-Forwarded-For gets a 404 problem")]
    [TestCase("203.0.113.9, 198.51.100.7", TestName = "A chain of proxies ending on the monitoring network gets a 404 problem")]
    public async Task Anyone_else_gets_a_404_problem_and_no_figure(string caller, string header = "X-Forwarded-For")
    {
        using var response = await MetricsFromAsync(caller, header);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a cache in front must not keep either answer");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Not.Contain("governance_"));
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32(), Is.EqualTo(404));
    }

    // A scraper asks for its own format and accepts no JSON; the framework then fell back to "Status Code: 404" in text.
    [TestCase("/metrics", "application/openmetrics-text; version=1.0.0, text/plain;version=0.0.4;q=0.5")]
    [TestCase("/openapi/v1.json", "application/openmetrics-text")]
    [TestCase("/openapi/v1.json", null)]
    [TestCase("/metrics", "image/png")]
    public async Task A_404_is_a_problem_whatever_the_caller_accepts(string path, string? accept)
    {
        using var response = await MetricsFromAsync("203.0.113.9", path: path, accept: accept);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That((problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()), Is.EqualTo((404, "Not Found")));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "en" }));
    }

    [Test]
    public async Task Readiness_still_answers_everyone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a load balancer outside the monitoring network still probes the Host");
    }
}
