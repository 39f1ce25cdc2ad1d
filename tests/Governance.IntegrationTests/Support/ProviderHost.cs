using Governance.IntegrationTests.Grids;

namespace Governance.IntegrationTests.Support;

/// <summary>The three services in one Host on a fixture's provider, on the fixture's clock: standalone (SQLite, the
/// in-memory bus) or distributed (a PostgreSQL database per service and a RabbitMQ virtual host of its own, the demo
/// county seeded). For the fixtures whose figures must come out the same on both.</summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private readonly StandaloneEnvironment? _standalone;
    private readonly PostgresRabbitEnvironment? _distributed;

    public InProcessHost Host { get; }

    /// <summary>The standalone environment (its data folder); null when distributed.</summary>
    public StandaloneEnvironment? Standalone => _standalone;

    private ProviderHost(InProcessHost host, StandaloneEnvironment? standalone, PostgresRabbitEnvironment? distributed) =>
        (Host, _standalone, _distributed) = (host, standalone, distributed);

    /// <param name="name">Names the PostgreSQL databases and the virtual host (distributed only).</param>
    /// <param name="extra">Settings on top of the mode's own.</param>
    public static async Task<ProviderHost> StartAsync(Provider provider, string name, TimeProvider? time,
        IDictionary<string, string>? extra = null)
    {
        if (provider == Provider.Sqlite)
        {
            var standalone = await StandaloneEnvironment.StartAsync(time, extra);
            return new ProviderHost(standalone.Host, standalone, null);
        }
        var distributed = await PostgresRabbitEnvironment.CreateAsync(name);
        var settings = distributed.Settings();
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var host = await InProcessHost.StartAsync(settings, time);
        await host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60));
        return new ProviderHost(host, null, distributed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_standalone is not null) await _standalone.DisposeAsync();
        if (_distributed is not null)
        {
            await Host.DisposeAsync();
            await _distributed.DisposeAsync();
        }
    }
}
