using Governance.Infrastructure.Webhooks;

namespace Governance.Dispatch.Notices;

/// <summary>"Dispatch:Notices" in configuration: how notices are sent and retried, and where they may go.</summary>
public sealed class NoticeOptions : WebhookOptions
{
    /// <summary>Whether a subscription may post to this machine (127.0.0.1, ::1, localhost): off, since a URL
    /// written through the API would otherwise reach the services' own ports; on for a receiver run beside the
    /// service (and the tests' receivers). Link-local and cloud metadata addresses are refused whatever is set.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Whether a subscription may post to a private network (10/8, 172.16/12, 192.168/16, 100.64/10,
    /// fc00::/7): on, since a county's robots relay or its own receivers often live on its intranet; off where
    /// every receiver is on the internet (WeCom, DingTalk).</summary>
    public bool AllowPrivateNetworks { get; set; } = true;

    public WebhookDestinations Destinations => new(AllowLoopback, AllowPrivateNetworks);
}
