using System.Security.Cryptography;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Open311;

/// <summary>"Open311:Callbacks" in configuration: how status callbacks are sent and retried.</summary>
public sealed class CallbackOptions : WebhookOptions
{
    public const string Section = "Open311:Callbacks";
}

/// <summary>
/// Sends queued status callbacks with the shared delivery machinery: each is written out and signed at
/// send time (a fresh timestamp on every send), and one case's callbacks of a batch leave in sequence.
/// A client whose callback was removed or whose key was revoked gets nothing: its deliveries show as failed.
/// </summary>
public sealed class CallbackSender(
    IncidentsDatabase database, UnitOfWorkRunner<IncidentsDatabase> runner, IHttpClientFactory clients, TimeProvider time,
    IOptions<CallbackOptions> options, PersonalDataSealer sealer, ILogger<CallbackSender> logger)
    : WebhookSender<IncidentsDatabase>(runner, clients.CreateClient(ClientName), time, options.Value, CallbackStore.Table, logger)
{
    public const string ClientName = "open311-callbacks";

    protected override async Task<IReadOnlyList<Outgoing>> PrepareAsync(IReadOnlyList<QueuedDelivery> claimed, CancellationToken ct)
    {
        Dictionary<Guid, CallbackTarget> targets;
        await using (var connection = await database.OpenReadAsync(ct))
            targets = (await ClientStore.CallbackTargetsAsync(connection, claimed.Select(d => d.TargetId).Distinct().ToList())).ToDictionary(t => t.Id);
        return claimed.Select(delivery =>
        {
            var change = CallbackStore.Deserialize(delivery.Payload);
            var order = change.IncidentId.ToString();
            if (!targets.TryGetValue(delivery.TargetId, out var target))
                return new Outgoing(delivery, delivery.TargetId.ToString(), null, "The client's callback was removed or its key revoked.", order);
            string secret;
            try
            {
                secret = sealer.Open(target.SealedSecret, CallbackSignature.BoundTo(target.Id));
            }
            catch (CryptographicException ex)
            {
                return new Outgoing(delivery, target.Name, null, $"The callback secret cannot be opened: {ex.Message}", order);
            }
            var body = CallbackSignature.Body(delivery.Id, change);
            var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
            return new Outgoing(delivery, target.Name, new WebhookRequest(target.Url, body,
                [new(CallbackSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                 new(CallbackSignature.SignatureHeader, CallbackSignature.Sign(secret, timestamp, body))],
                AttemptResult.OfStatus), null, order);
        }).ToList();
    }
}
