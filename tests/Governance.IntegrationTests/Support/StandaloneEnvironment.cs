namespace Governance.IntegrationTests.Support;

/// <summary>
/// Standalone mode as a user starts it — all services in one process, in-memory bus, a SQLite file
/// per service in a fresh folder, the demo county seeded — ready once Incidents knows the units.
/// </summary>
public sealed class StandaloneEnvironment : IAsyncDisposable
{
    public string DataFolder { get; }
    public InProcessHost Host { get; private set; }

    private readonly Dictionary<string, string> _settings;
    private readonly TimeProvider? _time;
    private readonly string? _urls;
    private bool _stopped;

    private StandaloneEnvironment(string dataFolder, InProcessHost host, Dictionary<string, string> settings, TimeProvider? time, string? urls)
    {
        DataFolder = dataFolder;
        Host = host;
        _settings = settings;
        _time = time;
        _urls = urls;
    }

    /// <param name="fixedPort">Listen on a port chosen now, so that <see cref="StopHostAsync"/> and
    /// <see cref="StartHostAgainAsync"/> bring the Host back at the same address (a server that was away).</param>
    public static async Task<StandaloneEnvironment> StartAsync(TimeProvider? time = null, IDictionary<string, string>? extra = null, bool fixedPort = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"governance-standalone-{Guid.NewGuid():N}");
        var settings = Settings(folder);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var urls = fixedPort ? $"http://127.0.0.1:{FreePort()}" : null;
        var host = await InProcessHost.StartAsync(settings, time, urls);
        await host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(30));
        return new StandaloneEnvironment(folder, host, settings, time, urls);
    }

    /// <summary>Stops the Host (its address refuses connections); its data stays.</summary>
    public async Task StopHostAsync()
    {
        if (_urls is null) throw new InvalidOperationException("Only a Host started with fixedPort can come back at its address.");
        _stopped = true;
        await Host.DisposeAsync();
    }

    /// <summary>Starts the Host again at the same address with the same data.</summary>
    public async Task StartHostAgainAsync()
    {
        Host = await InProcessHost.StartAsync(_settings, _time, _urls);
        _stopped = false;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Standalone's configuration with its three SQLite files in <paramref name="folder"/>.</summary>
    public static Dictionary<string, string> Settings(string folder) => new()
    {
        ["Governance:Services"] = "grids,incidents,dispatch",
        ["Messaging:Transport"] = "InMemory",
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:grids"] = $"Data Source={folder}/grids.db",
        ["ConnectionStrings:incidents"] = $"Data Source={folder}/incidents.db",
        ["ConnectionStrings:dispatch"] = $"Data Source={folder}/dispatch.db",
        ["Outbox:PollInterval"] = "00:00:00.050",
    };

    public async ValueTask DisposeAsync()
    {
        if (!_stopped) await Host.DisposeAsync();
        await ScratchFolder.DeleteAsync(DataFolder);
    }
}
