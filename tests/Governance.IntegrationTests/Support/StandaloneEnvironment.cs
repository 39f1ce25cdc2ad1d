using System.Net.Http.Json;

namespace Governance.IntegrationTests.Support;

/// <summary>
/// Standalone mode as a user starts it — all services in one process, in-memory bus, a SQLite file
/// per service in a fresh folder, the demo county seeded — ready once Incidents knows the units.
/// </summary>
public sealed class StandaloneEnvironment : IAsyncDisposable
{
    public string DataFolder { get; }
    public InProcessHost Host { get; }

    private StandaloneEnvironment(string dataFolder, InProcessHost host)
    {
        DataFolder = dataFolder;
        Host = host;
    }

    public static async Task<StandaloneEnvironment> StartAsync(TimeProvider? time = null, IDictionary<string, string>? extra = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"governance-standalone-{Guid.NewGuid():N}");
        var settings = Settings(folder);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var host = await InProcessHost.StartAsync(settings, time);
        // Filing needs Incidents' copy of the unit tree: wait until the demo county reached it.
        await Eventually.GetAsync(async () => await (await host.Http.PostAsJsonAsync("/incidents", new { unitCode = Demo.Grid })).Content.ReadAsStringAsync(),
            body => !body.Contains("not a known unit"), TimeSpan.FromSeconds(30), "Incidents to know the demo county");
        return new StandaloneEnvironment(folder, host);
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
        await Host.DisposeAsync();
        await ScratchFolder.DeleteAsync(DataFolder);
    }
}
