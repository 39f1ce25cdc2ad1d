using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Hosting;

/// <summary>
/// Who may read what only the county's operators need: a Host's /metrics (every counter, the outbox
/// backlog, route names) and the instances' addresses in the gateway's readiness. The standalone Host and
/// the gateway face users, so these answer only the machine itself (loopback) and the networks listed in
/// "Monitoring:AllowFrom" (CIDR: Monitoring__AllowFrom__0=10.20.0.0/16 for the monitoring network); anyone
/// else gets a 404 for /metrics and readiness without addresses. The caller is the address the
/// forwarded-headers step settled on (ForwardedClients.cs): a proxy in front (nginx for TLS) must send
/// X-Forwarded-For, or every caller looks local. Compiled into the gateway too (linked).
/// </summary>
public sealed class MonitoringNetworks(IOptions<MonitoringOptions> options)
{
    private readonly IPNetwork[] _allowed = options.Value.AllowFrom.Select(n => IPNetwork.Parse(n.Trim())).ToArray();

    /// <summary>True for the machine itself and the allowed networks. No address at all is an in-process
    /// caller (a test server, a Unix socket), not one from the network.</summary>
    public bool Allows(IPAddress? caller)
    {
        if (caller is null) return true;
        if (caller.IsIPv4MappedToIPv6) caller = caller.MapToIPv4();
        return IPAddress.IsLoopback(caller) || _allowed.Any(n => n.Contains(caller));
    }

    /// <summary>
    /// As <see cref="Allows(IPAddress?)"/> for the caller the forwarded-headers step settled on, and never for a
    /// request that still names another caller: X-Real-IP or Forwarded (which are not believed), or an
    /// X-Forwarded-For that step did not take (unreadable, or more hops than it follows). Such a request came
    /// through a proxy that did not say who the user is in the one way believed here, so it counts as from
    /// outside rather than as the proxy's own (loopback) address: closed when in doubt.
    /// </summary>
    public bool Allows(HttpContext context) =>
        !NamesAnotherCaller(context.Request.Headers) && Allows(context.Connection.RemoteIpAddress);

    private static bool NamesAnotherCaller(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("X-Real-IP") || headers.ContainsKey("Forwarded");
}

/// <summary>"Monitoring:AllowFrom": the networks, besides the machine itself, that may read /metrics and readiness details.</summary>
public sealed class MonitoringOptions
{
    public string[] AllowFrom { get; set; } = [];
}

public static class MonitoringNetworksSetup
{
    /// <summary>Registers MonitoringNetworks; an entry that is not a network stops the start with one line.</summary>
    public static IServiceCollection AddMonitoringNetworks(this IServiceCollection services)
    {
        services.AddOptions<MonitoringOptions>().BindConfiguration("Monitoring")
            .Validate(o => o.AllowFrom.All(n => IPNetwork.TryParse(n?.Trim(), out _)),
                "Monitoring:AllowFrom must list networks in CIDR form, e.g. 10.20.0.0/16 (the monitoring network that scrapes /metrics).")
            .ValidateOnStart();
        return services.AddSingleton<MonitoringNetworks>();
    }
}
