namespace Governance.IntegrationTests.Support;

/// <summary>
/// The standalone Host in this process and the gateway in front of it (every cluster points at the
/// Host), both serving pages from a web root the test writes: an index.html and one bundled file. So
/// the answers of pages and files are checked whether or not this build has the real bundle.
/// </summary>
public sealed class HostBehindGateway : IAsyncDisposable
{
    public const string IndexHtml = "<!doctype html><title>t</title><script type=\"module\" src=\"/assets/app.js\"></script>";

    private readonly string _webRoot;
    private readonly HostProcess _gateway;

    public StandaloneEnvironment Environment { get; }
    /// <summary>The Host's address, no token.</summary>
    public HttpClient Host { get; }
    /// <summary>The gateway's address, no token.</summary>
    public HttpClient Gateway { get; }
    public string GatewayOutput => _gateway.Output;

    private HostBehindGateway(string webRoot, StandaloneEnvironment environment, HostProcess gateway)
    {
        _webRoot = webRoot;
        _gateway = gateway;
        Environment = environment;
        Host = new HttpClient { BaseAddress = environment.Host.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        Gateway = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
    }

    /// <param name="hostSettings">Added to the Host's configuration.</param>
    /// <param name="gatewaySettings">Added to the gateway's configuration.</param>
    public static async Task<HostBehindGateway> StartAsync(IDictionary<string, string>? hostSettings = null, IDictionary<string, string>? gatewaySettings = null)
    {
        var webRoot = Path.Combine(Path.GetTempPath(), $"governance-webroot-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(webRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(webRoot, "index.html"), IndexHtml);
        await File.WriteAllTextAsync(Path.Combine(webRoot, "assets", "app.js"), "console.log('pages');");

        var environment = await StandaloneEnvironment.StartAsync(extra: new Dictionary<string, string>(hostSettings ?? new Dictionary<string, string>())
        {
            ["webroot"] = webRoot,
        });
        var address = environment.Host.Http.BaseAddress!.ToString();
        var settings = new Dictionary<string, string>(gatewaySettings ?? new Dictionary<string, string>())
        {
            ["ReverseProxy:Clusters:grids:Destinations:d1:Address"] = address,
            ["ReverseProxy:Clusters:incidents:Destinations:d1:Address"] = address,
            ["ReverseProxy:Clusters:dispatch:Destinations:d1:Address"] = address,
            ["ASPNETCORE_WEBROOT"] = webRoot,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var gateway = HostProcess.StartGateway(settings);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        await gateway.WaitReadyAsync(probe, TimeSpan.FromSeconds(60));
        return new HostBehindGateway(webRoot, environment, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        _gateway.Dispose();
        Host.Dispose();
        Gateway.Dispose();
        await Environment.DisposeAsync();
        if (Directory.Exists(_webRoot)) Directory.Delete(_webRoot, recursive: true);
    }
}
