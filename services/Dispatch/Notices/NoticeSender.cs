using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Notices;

/// <summary>
/// Sends queued notices with the shared delivery machinery (<see cref="WebhookSender{TDatabase}"/>):
/// each claimed notice is written out for its subscription's channel — a robot's markdown, a
/// DingTalk URL signed at send time — and judged as that channel answers (a robot's errcode).
/// </summary>
public sealed class NoticeSender(
    DispatchDatabase database, UnitOfWorkRunner<DispatchDatabase> runner, IHttpClientFactory clients, TimeProvider time,
    IOptions<NoticeOptions> options, ILogger<NoticeSender> logger)
    : WebhookSender<DispatchDatabase>(runner, clients.CreateClient(ClientName), time, options.Value, DeliveryStore.Table, logger)
{
    public const string ClientName = "notices";

    protected override async Task<IReadOnlyList<Outgoing>> PrepareAsync(IReadOnlyList<QueuedDelivery> claimed, CancellationToken ct)
    {
        Dictionary<Guid, NoticeSubscription> subscriptions;
        await using (var connection = await database.OpenReadAsync(ct))
            subscriptions = (await SubscriptionStore.AllAsync(connection)).ToDictionary(s => s.Id);
        return claimed.Select(delivery =>
        {
            var subscription = subscriptions.GetValueOrDefault(delivery.TargetId);
            // Switched off after the notice was queued: nothing goes out, and it shows as failed
            // (retry it once the subscription is on again).
            if (subscription is not { Enabled: true })
                return new Outgoing(delivery, subscription?.Name ?? delivery.TargetId.ToString(), null,
                    subscription is null ? "The subscription was deleted." : "The subscription is disabled.");
            return new Outgoing(delivery, subscription.Name, Request(subscription, DeliveryStore.Deserialize(delivery.Payload)));
        }).ToList();
    }

    private WebhookRequest Request(NoticeSubscription subscription, Notice notice)
    {
        var url = subscription.Channel == NoticeChannel.DingTalk && !string.IsNullOrEmpty(subscription.Secret)
            ? DingTalkSignature.SignUrl(subscription.Url, Time.GetUtcNow().ToUnixTimeMilliseconds(), subscription.Secret)
            : subscription.Url;
        var channel = subscription.Channel;
        return new WebhookRequest(url, NoticeFormatter.Body(channel, notice), [], (status, body) => RobotReply.Judge(channel, status, body));
    }
}
