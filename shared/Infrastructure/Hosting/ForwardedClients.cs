using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Behind the gateway every request arrives from the gateway's address. The user's own address
/// (the audit log's "from where", the per-address intake limit of callers without a token) is in
/// the X-Forwarded-For header YARP adds; it is believed only from a trusted proxy: loopback by
/// default (the gateway beside the services), more by "Governance:TrustedProxies" (addresses of
/// gateways on other machines). From anyone else the header is ignored, so a client cannot pose as
/// another address by sending it.
/// </summary>
public static class ForwardedClients
{
    public static void AddForwardedClients(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>().BindConfiguration("Governance")
            .Validate(o => o.TrustedProxies.All(a => IPAddress.TryParse(a, out _)),
                "Governance:TrustedProxies must list IP addresses (of the gateways on other machines).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((options, trusted) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1; // the gateway's own entry: the address that reached it
            foreach (var address in trusted.Value.TrustedProxies) options.KnownProxies.Add(IPAddress.Parse(address));
        });
    }

    public static void UseForwardedClients(this WebApplication app) => app.UseForwardedHeaders();
}

/// <summary>"Governance:TrustedProxies": addresses, besides loopback, whose X-Forwarded-For is believed.</summary>
public sealed class TrustedProxyOptions
{
    public string[] TrustedProxies { get; set; } = [];
}
