using System.Net.Http.Json;
using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// The real Host, started in this process on a free loopback port with the given configuration
/// (the same code path as `dotnet Governance.Host.dll`), and an HttpClient pointing at it.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    private InProcessHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        Http.DefaultRequestHeaders.Authorization = TestTokens.Bearer();
    }

    /// <param name="urls">Where to listen; a free loopback port when null.</param>
    /// <param name="configure">More services for the test (an in-memory span exporter), after the Host's own.</param>
    public static async Task<InProcessHost> StartAsync(IDictionary<string, string> settings, TimeProvider? time = null, string? urls = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        // Signed-in by default: the test host checks tokens like a county's would.
        var withAuth = TestTokens.HostSettings.Where(s => !settings.ContainsKey(s.Key)).Concat(settings);
        var args = withAuth.Select(s => $"--{s.Key}={s.Value}").Append($"--urls={urls ?? "http://127.0.0.1:0"}").ToArray();
        var app = GovernanceApp.Build(args, [new GridsModule(), new IncidentsModule(), new DispatchModule()], builder =>
        {
            if (time is not null) builder.Services.AddSingleton(time);
            builder.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ServerErrors.Recorder>(); // the run's 5xx (ServerErrors)
            configure?.Invoke(builder);
        });
        await GovernanceApp.InitializeAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new InProcessHost(app, new Uri(address));
        await Eventually.GetAsync(async () => (int?)(await host.Http.GetAsync("/health/ready")).StatusCode, s => s == 200,
            TimeSpan.FromSeconds(60), "the host to be ready");
        return host;
    }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Filing needs Incidents' copy of the unit tree, which comes from Grids by message: waits until the
    /// demo county reached it (a filing there is no longer refused as "not a known unit").</summary>
    public async Task WaitForDemoCountyAsync(TimeSpan limit) =>
        await Eventually.GetAsync(async () => await (await Http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Grid })).Content.ReadAsStringAsync(),
            body => !body.Contains("not a known unit"), limit, "Incidents to know the demo county");

    public async Task<IncidentJson> FileAsync(string unitCode, string category, string grade, string title = "测试案件")
    {
        var response = await Http.PostAsJsonAsync("/incidents", new { unitCode, category, grade, title, description = "integration test" });
        if ((int)response.StatusCode != 201)
            throw new InvalidOperationException($"Filing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IncidentJson>())!;
    }

    public async Task<IncidentJson?> IncidentAsync(Guid id) => await Http.GetFromJsonAsync<IncidentJson>($"/incidents/{id}");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The fields of GET /incidents/{id} the tests read.</summary>
public sealed record IncidentJson(Guid Id, string Status, string? Tier, string? HandlingUnitCode, DateTimeOffset? DueAt,
    DateTimeOffset? FlaggedOverdueAt, List<TimelineJson> Timeline);

public sealed record TimelineJson(DateTimeOffset At, string Actor, string Action, string? Tier, string? UnitCode, string? Reason);
