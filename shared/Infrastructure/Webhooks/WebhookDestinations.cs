using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Governance.Infrastructure.Webhooks;

/// <summary>Why an address is no place to send a webhook.</summary>
public enum RefusedAddress
{
    /// <summary>This machine (127.0.0.0/8, ::1, 0.0.0.0, "localhost"): the services' own ports, the broker's.</summary>
    Loopback,
    /// <summary>Link-local (169.254.0.0/16, fe80::/10) and the clouds' metadata addresses (169.254.169.254,
    /// Alibaba Cloud's 100.100.100.200, AWS's fd00:ec2::254): never a receiver, always refused.</summary>
    LinkLocal,
    /// <summary>A private network (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7).</summary>
    PrivateNetwork,
}

/// <summary>
/// Where a queue's webhooks may go. A URL is given by a person through the API, and the server posts to it: without
/// these rules it would reach whatever the server can (the cloud's metadata service and its credentials, the
/// services' own loopback ports). The URL's host is judged when it is written (a literal address, "localhost"), and
/// every address a name resolves to when a connection is opened (<see cref="ConnectAsync"/>): a name that resolves
/// to a refused address, today or after a change of its DNS, is not called.
/// </summary>
public sealed record WebhookDestinations(bool AllowLoopback, bool AllowPrivateNetworks)
{
    /// <summary>Every address but link-local and metadata ones: for a queue whose URL only an operator sets.</summary>
    public static readonly WebhookDestinations Operators = new(AllowLoopback: true, AllowPrivateNetworks: true);

    private static readonly IPAddress[] Metadata = [IPAddress.Parse("100.100.100.200"), IPAddress.Parse("fd00:ec2::254")];

    public RefusedAddress? Refusal(IPAddress address)
    {
        var kind = Kind(address);
        return kind switch
        {
            RefusedAddress.Loopback when AllowLoopback => null,
            RefusedAddress.PrivateNetwork when AllowPrivateNetworks => null,
            _ => kind,
        };
    }

    /// <summary>The refusal of a URL's host as written: a literal address, or "localhost". Other names are judged
    /// when they are resolved, at delivery.</summary>
    public RefusedAddress? RefusalOf(Uri url)
    {
        var host = url.IdnHost.Trim('[', ']').TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return AllowLoopback ? null : RefusedAddress.Loopback;
        return IPAddress.TryParse(host, out var address) ? Refusal(address) : null;
    }

    /// <summary>What kind of address it is, whatever is allowed; null for an address on the internet.</summary>
    public static RefusedAddress? Kind(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (Metadata.Contains(address) || address.IsIPv6LinkLocal) return RefusedAddress.LinkLocal;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return RefusedAddress.Loopback;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            if (b[0] == 169 && b[1] == 254) return RefusedAddress.LinkLocal;
            if (b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] == 0)
                return RefusedAddress.PrivateNetwork;
            return null;
        }
        var first = address.GetAddressBytes()[0];
        return (first & 0xFE) == 0xFC || address.IsIPv6SiteLocal ? RefusedAddress.PrivateNetwork : null;
    }

    /// <summary>
    /// The connection of every request of the queue's client (SocketsHttpHandler.ConnectCallback): the host's
    /// addresses are resolved here, the refused ones dropped, and only an allowed one is connected to, so the
    /// address judged is the address called (no second lookup that could answer otherwise). A connection to an HTTP
    /// proxy the operator configured (HTTPS_PROXY, HTTP_PROXY) is not judged: the proxy is the operator's, it resolves
    /// the receiver's name itself, and the URL's literal address was judged when it was written.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var toProxy = context.InitialRequestMessage.RequestUri is { } url
            && !string.Equals(url.IdnHost.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = toProxy ? addresses : addresses.Where(a => Refusal(a) is null).ToArray();
        if (allowed.Length == 0)
            throw new WebhookDestinationRefusedException(host, addresses.Select(Refusal).FirstOrDefault(r => r is not null) ?? RefusedAddress.Loopback);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery refused before it left: its host is, or resolves only to, an address the queue may not call.</summary>
public sealed class WebhookDestinationRefusedException(string host, RefusedAddress kind)
    : Exception($"{host} is a {Describe(kind)} address, which this queue does not call (see the queue's AllowLoopback / AllowPrivateNetworks settings).")
{
    public RefusedAddress Kind { get; } = kind;

    private static string Describe(RefusedAddress kind) => kind switch
    {
        RefusedAddress.Loopback => "loopback",
        RefusedAddress.LinkLocal => "link-local or cloud metadata",
        _ => "private network",
    };
}
