using Governance.Dispatch;
using Governance.Grids;
using Governance.Incidents;
using Governance.Infrastructure.Hosting;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Hosting;

/// <summary>
/// ASPNETCORE_URLS is where the Host and the gateway listen (found probing from outside: a "Urls" in
/// appsettings.json outranked it, and both stayed on 5080); with nothing configured, the README's
/// http://127.0.0.1:5080.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ListenAddressTests
{
    [Test]
    public async Task The_host_and_the_gateway_listen_where_ASPNETCORE_URLS_says()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"governance-urls-{Guid.NewGuid():N}");
        var settings = StandaloneEnvironment.Settings(folder);
        settings["Logging:LogLevel:Default"] = "Warning";
        using var host = HostProcess.StartWithUrlsFromEnvironment("grids,incidents,dispatch", settings);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        try
        {
            await host.WaitReadyAsync(http, TimeSpan.FromSeconds(60));
            Assert.That(host.Output, Does.Contain($"is serving at {host.Address.ToString().TrimEnd('/')}"), host.Output);

            var address = host.Address.ToString();
            using var gateway = HostProcess.StartWithUrlsFromEnvironment("gateway", new Dictionary<string, string>
            {
                ["ReverseProxy:Clusters:grids:Destinations:d1:Address"] = address,
                ["ReverseProxy:Clusters:incidents:Destinations:d1:Address"] = address,
                ["ReverseProxy:Clusters:dispatch:Destinations:d1:Address"] = address,
            });
            await gateway.WaitReadyAsync(http, TimeSpan.FromSeconds(60));
        }
        finally
        {
            host.Kill();
            await ScratchFolder.DeleteAsync(folder);
        }
    }

    [Test]
    public void With_no_address_configured_the_host_listens_on_127_0_0_1_port_5080()
    {
        Assert.That(UrlsOf([]), Is.EqualTo("http://127.0.0.1:5080"));
        // Configured, the default stays out of the way.
        Assert.That(UrlsOf(["--urls=http://127.0.0.1:5999"]), Is.EqualTo("http://127.0.0.1:5999"));
        Assert.That(UrlsOf(["--http_ports=5998"]), Is.Null);
    }

    /// <summary>The address the Host's builder settled on; the build stops there (nothing is started).</summary>
    private static string? UrlsOf(string[] args)
    {
        string? urls = null;
        Assert.Throws<BuildStopped>(() => GovernanceApp.Build(args, [new GridsModule(), new IncidentsModule(), new DispatchModule()], builder =>
        {
            urls = builder.Configuration["urls"];
            throw new BuildStopped();
        }));
        return urls;
    }

    private sealed class BuildStopped : Exception;
}
