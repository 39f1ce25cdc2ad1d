using System.Collections.Concurrent;
using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;
using Governance.IntegrationTests.Support;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.IntegrationTests.Routes;

/// <summary>
/// The route prefixes each module declares (IServiceModule.RoutePrefixes) are what the host audits by
/// and keeps web pages off: an endpoint outside them would have its writes audited nowhere. Each module
/// is built alone, as a distributed process hosts it, and its routing table is read.
/// </summary>
[TestFixture]
public sealed class ModuleRoutesTests
{
    private static readonly IServiceModule[] Modules = [new GridsModule(), new IncidentsModule(), new DispatchModule()];

    private static IEnumerable<TestCaseData> EachModule() => Modules.Select(m => new TestCaseData(m.Name).SetArgDisplayNames(m.Name));

    [TestCaseSource(nameof(EachModule))]
    public async Task Every_endpoint_of_a_module_lies_under_a_route_prefix_it_declares(string service)
    {
        var module = Modules.Single(m => m.Name == service);
        var folder = Path.Combine(Path.GetTempPath(), $"governance-routes-{Guid.NewGuid():N}");
        try
        {
            var settings = StandaloneEnvironment.Settings(folder);
            settings["Governance:Services"] = service;
            var args = TestTokens.HostSettings.Concat(settings).Append(new("Auth:DevTokens", "true")) // /auth is mapped only then
                .Select(s => $"--{s.Key}={s.Value}").ToArray();
            await using var app = GovernanceApp.Build(args, Modules);

            var patterns = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
                .Select(e => e.RoutePattern).Where(p => p.RawText != "/") // the host's own answer when built without pages
                .ToList();
            Assert.That(patterns, Has.Count.GreaterThan(5), "the routing table should list the module's API");
            var outside = patterns.Where(p => !ServiceRoutes.IsUnder(module.RoutePrefixes.Concat(ServiceRoutes.HostPrefixes), LiteralStart(p)))
                .Select(p => p.RawText).ToList();
            Assert.That(outside, Is.Empty, $"{service} declares {string.Join(", ", module.RoutePrefixes)}");
            // Every prefix is used: a prefix nothing answers under would only hide a typo.
            foreach (var prefix in module.RoutePrefixes)
                Assert.That(patterns.Any(p => ServiceRoutes.IsUnder([prefix], LiteralStart(p))), Is.True, $"{service} maps nothing under {prefix}");
        }
        finally
        {
            await ScratchFolder.DeleteAsync(folder);
        }
    }

    [Test]
    public void Two_modules_claiming_the_same_path_are_refused_at_start()
    {
        IServiceModule[] clash = [new StrayModule("a", ["/cases"]), new StrayModule("b", ["/cases/open"])];
        var refused = Assert.Throws<InvalidOperationException>(() => ServiceRoutes.CheckDeclarations(clash));
        Assert.That(refused!.Message, Does.Contain("'/cases/open' of b lies under '/cases' of a"));
        Assert.Throws<InvalidOperationException>(() => ServiceRoutes.CheckDeclarations([new StrayModule("c", ["/health"])]));
        Assert.Throws<InvalidOperationException>(() => ServiceRoutes.CheckDeclarations([new StrayModule("d", ["cases/"])]));
        Assert.DoesNotThrow(() => ServiceRoutes.CheckDeclarations(Modules));
    }

    /// <summary>A write that succeeds where no audit log can take it is logged as an error, never skipped silently:
    /// under no declared prefix, or under a prefix whose audit category has no database.</summary>
    [TestCase("/elsewhere/thing", "no hosted service declares its route prefix")]
    [TestCase("/stray/thing", "stray's audit category 'stray' has no database")]
    public async Task A_write_no_audit_log_can_take_is_logged_as_an_error(string path, string reason)
    {
        var logged = new LogCollector();
        var args = TestTokens.HostSettings.Append(new("Governance:Services", "stray")).Append(new("Messaging:Transport", "InMemory"))
            .Append(new("Auth:Enabled", "false")).Select(s => $"--{s.Key}={s.Value}").Append("--urls=http://127.0.0.1:0").ToArray();
        await using var app = GovernanceApp.Build(args, [new StrayModule("stray", ["/stray"])], b => b.Logging.AddProvider(logged));
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
            using var response = await http.PostAsync(path, null);
            Assert.That((int)response.StatusCode, Is.EqualTo(204));
            Assert.That(logged.Errors, Has.Some.EqualTo($"Not audited: POST {path} changed state but {reason}"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>The leading literal segments of a route pattern: "/open311/v2" of "/open311/v2/requests.{format}".</summary>
    private static PathString LiteralStart(RoutePattern pattern) =>
        new("/" + string.Join('/', pattern.PathSegments.TakeWhile(s => s.IsSimple && s.Parts[0] is RoutePatternLiteralPart)
            .Select(s => ((RoutePatternLiteralPart)s.Parts[0]).Content)));

    /// <summary>A module with no database whose writes answer 204 anywhere it is told to map them.</summary>
    private sealed class StrayModule(string name, IReadOnlyList<string> prefixes) : IServiceModule
    {
        public string Name => name;
        public IReadOnlyList<string> RoutePrefixes => prefixes;
        public string AuditCategory => name;
        public void AddServices(WebApplicationBuilder builder) { }
        public void AddConsumers(IBusRegistrationConfigurator bus) { }

        public void MapEndpoints(IEndpointRouteBuilder routes)
        {
            routes.MapPost("/elsewhere/thing", () => TypedResults.NoContent());
            routes.MapPost("/stray/thing", () => TypedResults.NoContent());
        }

        public Task InitializeAsync(IServiceProvider services, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class LogCollector : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _errors = new();
        public IReadOnlyList<string> Errors => _errors.ToList();
        public ILogger CreateLogger(string categoryName) => new Collector(this);
        public void Dispose() { }

        private sealed class Collector(LogCollector owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error) owner._errors.Enqueue(formatter(state, exception));
            }
        }
    }
}
