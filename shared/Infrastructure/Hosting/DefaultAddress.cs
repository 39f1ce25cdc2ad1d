using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Where the Host and the gateway listen when nobody said: http://127.0.0.1:5080 (the README's address).
/// Set in code, not in appsettings.json: a "Urls" there outranks ASPNETCORE_URLS (appsettings.json is read
/// after the ASPNETCORE_ variables), so an operator's ASPNETCORE_URLS was silently ignored. Now
/// ASPNETCORE_URLS, --urls, Urls in any configuration source, ASPNETCORE_HTTP_PORTS/HTTPS_PORTS or
/// Kestrel:Endpoints each win over the default.
///
/// One file compiled into two assemblies, like WebPages.cs: the gateway links it.
/// </summary>
internal static class DefaultAddress
{
    public const string Url = "http://127.0.0.1:5080";

    public static void ListenOnDefaultAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured) builder.WebHost.UseUrls(Url);
    }
}
