using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Webhooks;

/// <summary>Registration of a delivery queue's HTTP client.</summary>
public static class WebhookSetup
{
    /// <summary>A named client for one queue's sender, as every webhook sender wants it. Its connections go only
    /// where <paramref name="destinations"/> allow (a queue whose URLs only operators set: anywhere but link-local
    /// and cloud metadata addresses, <see cref="WebhookDestinations.Operators"/>).</summary>
    public static void AddWebhookClient(this IServiceCollection services, string name, string userAgent,
        Func<IServiceProvider, WebhookDestinations>? destinations = null)
    {
        services.AddHttpClient(name, client =>
            {
                // Polly's time limits govern; the client's own would cut across them.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            })
            // A webhook that redirects is misconfigured: show it as a failure rather than follow it
            // (a POST followed as a GET would be lost silently).
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // The one place a connection is opened: the address it goes to is the address judged.
                ConnectCallback = (destinations?.Invoke(sp) ?? WebhookDestinations.Operators).ConnectAsync,
            });
    }
}
