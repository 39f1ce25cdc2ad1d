using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Governance.IntegrationTests.Support;
using OpenTelemetry.Trace;

namespace Governance.IntegrationTests.Telemetry;

/// <summary>
/// One filing in distributed mode is one trace: the gateway (its own process) passes the request's trace on,
/// Incidents answers the POST and queues IncidentFiled in its outbox with the request's traceparent, the relay
/// publishes under it to RabbitMQ, Dispatch consumes it and queues IncidentRouted (its outbox again), and
/// Incidents consumes that. The services run in this process on real RabbitMQ and PostgreSQL, so their spans
/// are collected here (an in-memory exporter on the Host's own tracer provider); every hop between them still
/// crosses the broker and a database row, where no in-process context could carry a trace id.
/// /metrics of the same Host shows the filing counted.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DistributedTraceTests
{
    private readonly SpanList _spans = new();
    private PostgresRabbitEnvironment _environment = null!;
    private InProcessHost _host = null!;
    private HostProcess _gateway = null!;
    private HttpClient _viaGateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await PostgresRabbitEnvironment.CreateAsync("trace");
        _host = await InProcessHost.StartAsync(_environment.Settings(),
            configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans)));
        var address = _host.Http.BaseAddress!.ToString();
        _gateway = HostProcess.StartGateway(new Dictionary<string, string>
        {
            ["ReverseProxy:Clusters:grids:Destinations:d1:Address"] = address,
            ["ReverseProxy:Clusters:incidents:Destinations:d1:Address"] = address,
            ["ReverseProxy:Clusters:dispatch:Destinations:d1:Address"] = address,
            // The packaged log format, and the request lines that carry the trace id.
            ["Logging:Console:FormatterName"] = "json",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await _gateway.WaitReadyAsync(probe, TimeSpan.FromSeconds(60));
        // The test's own requests would otherwise be traced by the Host's tracer provider (it listens to every
        // HttpClient of this process) and carry its context in place of the caller's traceparent set below.
        _viaGateway = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null })
        {
            BaseAddress = _gateway.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        // Incidents and Dispatch learn the demo county's units by message: file once they know them.
        await Eventually.GetAsync(async () =>
        {
            try { return await _host.FileAsync(Demo.Courtyard, "other", "IV", "单位已知"); }
            catch (InvalidOperationException) { return null; }
        }, _ => true, TimeSpan.FromSeconds(60), "Incidents to know the demo county's units");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && _gateway is not null)
            TestContext.Out.WriteLine($"===== gateway =====\n{_gateway.Output}");
        _gateway?.Dispose();
        _viaGateway?.Dispose();
        await _host.DisposeAsync();
        await _environment.DisposeAsync();
    }

    [Test]
    public async Task A_filing_through_the_gateway_is_one_trace_holding_the_POST_the_IncidentFiled_consume_and_the_IncidentRouted_consume()
    {
        // The caller's own trace context, as a browser's or a collector-fronted client's would be.
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/incidents")
        {
            Content = JsonContent.Create(new { unitCode = Demo.Courtyard, category = "environment", grade = "III", title = "追踪一案", description = "trace" }),
        };
        request.Headers.Authorization = TestTokens.Bearer();
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        var response = await _viaGateway.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<IncidentJson>())!.Id;
        await Eventually.GetAsync(() => _host.IncidentAsync(id), i => i!.Status == "assigned", TimeSpan.FromSeconds(30), "the case to be routed");

        // Waited for as text, which is also what a timeout reports.
        await Eventually.GetAsync(() => Task.FromResult<string?>(Describe(SpansOf(traceId))),
            _ => SpansOf(traceId) is var spans && Consumed(spans, "Dispatch.Messaging.IncidentFiledConsumer") is not null
                && Consumed(spans, "Incidents.Messaging.IncidentRoutedConsumer") is not null,
            TimeSpan.FromSeconds(30), "the IncidentRouted consume to end in the filing's trace");
        var trace = SpansOf(traceId);
        TestContext.Out.WriteLine(Describe(trace));

        var post = trace.Single(s => s.Kind == ActivityKind.Server && s.GetTagItem("http.request.method") as string == "POST"
            && s.GetTagItem("url.path") as string == "/incidents");
        Assert.That(post.ParentSpanId, Is.Not.EqualTo(callerSpan).And.Not.EqualTo(default(ActivitySpanId)),
            "the service's span is a child of the gateway's, not of the caller's: the gateway traced the request and passed its own span on");
        var filedRelay = trace.Single(s => s.DisplayName == "outbox relay IncidentFiled");
        Assert.That(Ancestors(filedRelay, trace), Does.Contain(post), "Incidents' relay published IncidentFiled under the POST's span, from the outbox row");
        var filedConsumed = Consumed(trace, "Dispatch.Messaging.IncidentFiledConsumer")!;
        Assert.That(Ancestors(filedConsumed, trace), Does.Contain(filedRelay), "Dispatch consumed it through RabbitMQ in the same trace");
        var routedRelay = trace.Single(s => s.DisplayName == "outbox relay IncidentRouted");
        Assert.That(Ancestors(routedRelay, trace), Does.Contain(filedConsumed), "Dispatch's relay published IncidentRouted under the consume's span");
        var routedConsumed = Consumed(trace, "Incidents.Messaging.IncidentRoutedConsumer")!;
        Assert.That(Ancestors(routedConsumed, trace), Does.Contain(routedRelay));
        Assert.That(trace.Any(s => s.Source.Name == "Npgsql" && Ancestors(s, trace).Contains(filedConsumed)), Is.True,
            "the consume's database commands are in the trace too");

        // The gateway's JSON log lines carry the same trace id (packaged log format: docs/observability.md).
        await Eventually.GetAsync(() => Task.FromResult<string?>(_gateway.Output), output => output!.Split('\n')
            .Any(line => line.TrimStart().StartsWith('{') && line.Contains($"\"TraceId\":\"{traceId}\"")),
            TimeSpan.FromSeconds(10), "a JSON log line of the gateway with the trace id");
    }

    [Test]
    public async Task Metrics_count_the_filing_and_show_each_service_outbox()
    {
        var before = await CounterAsync("governance_filings_total");
        await _host.FileAsync(Demo.Courtyard, "environment", "IV", "计数一案");
        var after = await Eventually.GetAsync(() => CounterAsync("governance_filings_total"), n => n > before,
            TimeSpan.FromSeconds(10), "/metrics to count the filing");
        Assert.That(after, Is.EqualTo(before + 1));
        await Eventually.GetAsync(() => CounterAsync("governance_routings_total"), n => n >= 1, TimeSpan.FromSeconds(30), "/metrics to count routings");

        var metrics = await MetricsAsync();
        foreach (var service in new[] { "grids", "incidents", "dispatch" })
        {
            Assert.That(metrics, Does.Match($@"(?m)^governance_outbox_backlog\{{[^}}]*service=""{service}""[^}}]*\}} \d+"), $"the outbox backlog of {service}");
            Assert.That(metrics, Does.Match($@"(?m)^governance_outbox_oldest_age_seconds\{{[^}}]*service=""{service}""[^}}]*\}} [\d.eE+-]+"), $"the outbox age of {service}");
        }
    }

    private async Task<string> MetricsAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await anonymous.GetAsync("/metrics");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), "Prometheus scrapes without a token");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A counter's value summed over its labels (0 before anything was counted).</summary>
    private async Task<double> CounterAsync(string name) =>
        Regex.Matches(await MetricsAsync(), $@"(?m)^{name}(\{{[^}}]*\}})? ([\d.eE+-]+)")
            .Sum(m => double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));

    private Activity[] SpansOf(ActivityTraceId traceId) => [.. _spans.Snapshot().Where(s => s.TraceId == traceId)];

    /// <summary>What the exporter adds (on the threads that end spans) and the test reads, under one lock.</summary>
    private sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this) base.InsertItem(index, item);
        }

        public Activity[] Snapshot()
        {
            lock (this) return [.. this];
        }
    }

    /// <summary>MassTransit's span of a consumer at work ("governance.dispatch process"), by its consumer type (whose
    /// full name ends with <paramref name="consumer"/>).</summary>
    private static Activity? Consumed(Activity[] spans, string consumer) =>
        spans.FirstOrDefault(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
            && (s.GetTagItem("messaging.masstransit.consumer_type") as string)?.EndsWith(consumer, StringComparison.Ordinal) == true);

    private static List<Activity> Ancestors(Activity span, Activity[] trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        var ancestors = new List<Activity>();
        for (var at = span; byId.TryGetValue(at.ParentSpanId, out var parent); at = parent) ancestors.Add(parent);
        return ancestors;
    }

    private static string Describe(Activity[] spans) => string.Join("\n", spans.OrderBy(s => s.StartTimeUtc).Select(s =>
        $"{s.StartTimeUtc:HH:mm:ss.fff} {s.Source.Name} {s.Kind} '{s.DisplayName}' op={s.OperationName} span={s.SpanId} parent={s.ParentSpanId} " +
        string.Join(" ", s.TagObjects.Where(t => t.Key.StartsWith("messaging.") || t.Key.StartsWith("url.")).Select(t => $"{t.Key}={t.Value}"))));
}
