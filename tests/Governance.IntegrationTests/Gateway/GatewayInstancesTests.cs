using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.IntegrationTests.Gateway;

/// <summary>
/// The gateway in front of several instances of a service (services/Gateway: Readiness.cs,
/// RetryOnAnotherInstance.cs, the clusters' health checks in appsettings.json). The live instance is
/// the standalone Host in this process; a dead one is an address where nothing listens, as an
/// instance killed with SIGKILL leaves it. Each test starts a gateway process of its own.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GatewayInstancesTests : StandaloneFixture
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [OneTimeTearDown]
    public void DisposeClient() => _http.Dispose();

    private string Live => Http.BaseAddress!.ToString();

    private static string Dead() => $"http://127.0.0.1:{HostProcess.FreePort()}";

    /// <summary>A gateway whose clusters have the given destinations (d1, d2, … in order), answering
    /// /health/live; its readiness is the test's business.</summary>
    private async Task<HostProcess> StartGatewayAsync(string[] grids, string[] incidents, string[] dispatch,
        IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (cluster, addresses) in new[] { ("grids", grids), ("incidents", incidents), ("dispatch", dispatch) })
            for (var i = 0; i < addresses.Length; i++)
                settings[$"ReverseProxy:Clusters:{cluster}:Destinations:d{i + 1}:Address"] = addresses[i];
        var gateway = HostProcess.StartGateway(settings);
        try
        {
            await Eventually.GetAsync(async () =>
            {
                if (gateway.HasExited) throw new InvalidOperationException($"the gateway exited:\n{gateway.Output}");
                try { return (int?)(await _http.GetAsync(new Uri(gateway.Address, "/health/live"))).StatusCode; }
                catch (HttpRequestException) { return null; }
            }, s => s == 200, TimeSpan.FromSeconds(60), "the gateway to answer /health/live");
            return gateway;
        }
        catch
        {
            gateway.Dispose();
            throw;
        }
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadinessAsync(HostProcess gateway)
    {
        using var response = await _http.GetAsync(new Uri(gateway.Address, "/health/ready"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static JsonElement Service(JsonElement readiness, string name) =>
        readiness.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("service").GetString() == name);

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Test]
    public async Task One_instance_of_a_service_down_makes_the_gateway_degraded_200_and_it_stops_routing_there()
    {
        using var gateway = await StartGatewayAsync(grids: [Live, Dead()], incidents: [Dead(), Live], dispatch: [Live]);

        var (status, body) = await ReadinessAsync(gateway);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(Names(body.GetProperty("degraded")), Is.EqualTo(new[] { "grids", "incidents" }));
            Assert.That(Names(body.GetProperty("down")), Is.Empty);
            Assert.That(Service(body, "dispatch").GetProperty("status").GetString(), Is.EqualTo("ready"));
            var grids = Service(body, "grids");
            Assert.That(grids.GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(grids.GetProperty("readyInstances").GetInt32(), Is.EqualTo(1));
            Assert.That(grids.GetProperty("instances").EnumerateArray().Select(i => (i.GetProperty("destination").GetString(), i.GetProperty("ready").GetBoolean())),
                Is.EqualTo(new[] { ("d1", true), ("d2", false) }), "each instance named, with its own answer");
        });

        // YARP's active health check takes the dead instance out of rotation (and keeps the live one in).
        var routed = await Eventually.GetAsync(async () => (await ReadinessAsync(gateway)).Body,
            b => !Service(b, "incidents").GetProperty("instances")[0].GetProperty("routed").GetBoolean(), TimeSpan.FromSeconds(30),
            "the gateway to stop routing to the dead incidents instance");
        Assert.That(Service(routed, "incidents").GetProperty("instances")[1].GetProperty("routed").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Readiness_names_the_instances_addresses_only_to_the_machine_itself_and_the_monitoring_network()
    {
        var dead = Dead();
        using var gateway = await StartGatewayAsync(grids: [Live, dead], incidents: [Live], dispatch: [Live],
            new Dictionary<string, string> { ["Monitoring:AllowFrom:0"] = "198.51.100.0/24" });

        async Task<(HttpStatusCode Status, JsonElement Body)> AskedFromAsync(string? caller, string header = "X-Forwarded-For")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Address, "/health/ready"));
            if (caller is not null) request.Headers.Add(header, caller); // as a TLS proxy in front names the user
            using var response = await _http.SendAsync(request);
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a cache in front must not keep it");
            return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        foreach (var insider in new string?[] { null, "198.51.100.7" })
        {
            var (status, body) = await AskedFromAsync(insider);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            var instance = Service(body, "grids").GetProperty("instances")[1];
            Assert.That(instance.GetProperty("url").GetString(), Does.StartWith(dead), $"asked from {insider ?? "loopback"}");
            Assert.That(instance.GetProperty("detail").GetString(), Is.Not.Empty);
        }

        // A proxy that names the user in a header not believed is not taken for the machine itself either.
        var (_, namedOtherwise) = await AskedFromAsync("203.0.113.9", "X-Real-IP");
        Assert.That(namedOtherwise.ToString(), Does.Not.Contain("127.0.0.1"));
        var (outsideStatus, outside) = await AskedFromAsync("203.0.113.9");
        Assert.Multiple(() =>
        {
            Assert.That(outsideStatus, Is.EqualTo(HttpStatusCode.OK), "the same status for everyone: a load balancer keeps the gateway in rotation");
            Assert.That(outside.GetProperty("status").GetString(), Is.EqualTo("degraded"));
            Assert.That(Names(outside.GetProperty("degraded")), Is.EqualTo(new[] { "grids" }));
            var instances = Service(outside, "grids").GetProperty("instances").EnumerateArray().ToList();
            Assert.That(instances.Select(i => (i.GetProperty("destination").GetString(), i.GetProperty("ready").GetBoolean())),
                Is.EqualTo(new[] { ("d1", true), ("d2", false) }));
            Assert.That(instances.Select(i => i.TryGetProperty("url", out _) || i.TryGetProperty("detail", out _)), Has.All.False,
                "no address and no error text for a user");
            Assert.That(outside.ToString(), Does.Not.Contain("127.0.0.1"));
        });
    }

    [Test]
    public async Task A_service_with_no_ready_instance_makes_the_gateway_unready_503()
    {
        using var gateway = await StartGatewayAsync(grids: [Live, Live], incidents: [Dead(), Dead()], dispatch: [Live]);

        var (status, body) = await ReadinessAsync(gateway);
        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("unready"));
            Assert.That(Names(body.GetProperty("down")), Is.EqualTo(new[] { "incidents" }));
            Assert.That(Service(body, "incidents").GetProperty("readyInstances").GetInt32(), Is.Zero);
            Assert.That(Service(body, "grids").GetProperty("status").GetString(), Is.EqualTo("ready"));
        });
    }

    [Test]
    public async Task Requests_a_dead_instance_refuses_are_answered_by_the_live_one_filings_included()
    {
        // Health checks off and strict turns: without the retry every other request would meet the dead
        // instance and answer 502, however long the test ran.
        var extra = new Dictionary<string, string>();
        foreach (var cluster in new[] { "grids", "incidents" })
        {
            extra[$"ReverseProxy:Clusters:{cluster}:LoadBalancingPolicy"] = "RoundRobin";
            extra[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Active:Enabled"] = "false";
            extra[$"ReverseProxy:Clusters:{cluster}:HealthCheck:Passive:Enabled"] = "false";
        }
        using var gateway = await StartGatewayAsync(grids: [Dead(), Live], incidents: [Live, Dead()], dispatch: [Live], extra);
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = TestTokens.Bearer();

        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var read = await http.GetAsync($"/grids/units/{Demo.Township}");
            answers.Add($"GET {(int)read.StatusCode}");
            using var filing = await http.PostAsJsonAsync("/incidents", new
            {
                unitCode = Demo.Courtyard, category = "facilities", grade = "IV", title = $"路灯不亮 #{i}", description = "gateway retry test",
            });
            answers.Add($"POST {(int)filing.StatusCode}");
            if (filing.StatusCode == HttpStatusCode.Created)
                Assert.That((await filing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Is.EqualTo($"路灯不亮 #{i}"), "the body arrived whole");
        }
        Assert.That(answers, Is.EqualTo(Enumerable.Range(0, 6).SelectMany(_ => new[] { "GET 200", "POST 201" }).ToArray()), gateway.Output);
    }

    [Test]
    public async Task A_dead_instance_is_logged_once_when_it_goes_down_and_once_when_it_comes_back_without_a_stack_trace()
    {
        var port = HostProcess.FreePort();
        var extra = new Dictionary<string, string>
        {
            // Probes five times a second, so that many have failed by the time it is seen down twice over.
            ["ReverseProxy:Clusters:grids:HealthCheck:Active:Interval"] = "00:00:00.200",
            ["Logging:LogLevel:Governance.Gateway.Health"] = "Information",
        };
        using var gateway = await StartGatewayAsync(grids: [Live, $"http://127.0.0.1:{port}"], incidents: [Live], dispatch: [Live], extra);
        var down = $"Instance d2 of grids (http://127.0.0.1:{port}) is down";
        int Count(string line) => gateway.Output.Split('\n').Count(l => l.Contains(line, StringComparison.Ordinal));

        await Eventually.GetAsync(() => Task.FromResult(Count(down)), n => n > 0, TimeSpan.FromSeconds(30), "the instance to be logged down");
        // Two failed probes made it down; it stays down while more fail (the routed flag shows YARP's view of it).
        await Eventually.GetAsync(async () => (await ReadinessAsync(gateway)).Body,
            b => !Service(b, "grids").GetProperty("instances")[1].GetProperty("routed").GetBoolean(), TimeSpan.FromSeconds(30), "d2 out of rotation");
        await Task.Delay(TimeSpan.FromSeconds(1)); // five more failed probes: not one more line
        Assert.Multiple(() =>
        {
            Assert.That(Count(down), Is.EqualTo(1), gateway.Output);
            Assert.That(gateway.Output, Does.Not.Contain("Probing destination").And.Not.Contain("   at "), "no warning with a stack trace per probe");
            Assert.That(gateway.Output, Does.Contain(down + ": its health check failed (Connection refused)"), "says why, on one line");
        });

        // The instance starts: one line says it is back, and it is routed again.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var instance = builder.Build();
        instance.MapGet("/health/ready", () => "ready");
        await instance.StartAsync();
        var back = $"Instance d2 of grids (http://127.0.0.1:{port}) is back";
        await Eventually.GetAsync(() => Task.FromResult(Count(back)), n => n > 0, TimeSpan.FromSeconds(30), "the instance to be logged back");
        await Eventually.GetAsync(async () => (await ReadinessAsync(gateway)).Body,
            b => Service(b, "grids").GetProperty("instances")[1].GetProperty("routed").GetBoolean(), TimeSpan.FromSeconds(30), "d2 routed again");
        Assert.That((Count(down), Count(back)), Is.EqualTo((1, 1)), gateway.Output);
        await instance.StopAsync();
    }

    [Test]
    public async Task The_gateways_own_404_is_a_problem_in_Chinese_whatever_the_caller_accepts()
    {
        using var gateway = await StartGatewayAsync(grids: [Live], incidents: [Live], dispatch: [Live]);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Address, "/metrics"));
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text; version=1.0.0");
        using var response = await _http.SendAsync(request);
        Assert.That(((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType), Is.EqualTo((404, "application/problem+json")),
            await response.Content.ReadAsStringAsync());
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Is.EqualTo("未找到"));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "zh-CN" }));
    }
}
