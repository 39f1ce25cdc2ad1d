using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Infrastructure.Webhooks;

/// <summary>Registration of a delivery queue's HTTP client.</summary>
public static class WebhookSetup
{
    /// <summary>A named client for one queue's sender, as every webhook sender wants it.</summary>
    public static void AddWebhookClient(this IServiceCollection services, string name, string userAgent)
    {
        services.AddHttpClient(name, client =>
            {
                // Polly's time limits govern; the client's own would cut across them.
                client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            })
            // A webhook that redirects is misconfigured: show it as a failure rather than follow it
            // (a POST followed as a GET would be lost silently).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
    }
}
