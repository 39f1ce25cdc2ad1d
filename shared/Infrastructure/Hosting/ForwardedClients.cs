using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        var trusted = builder.Configuration.GetSection("Governance:TrustedProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1; // the gateway's own entry: the address that reached it
            foreach (var address in trusted) options.KnownProxies.Add(IPAddress.Parse(address));
        });
    }

    public static void UseForwardedClients(this WebApplication app) => app.UseForwardedHeaders();
}
