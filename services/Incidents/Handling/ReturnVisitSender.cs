using System.Security.Cryptography;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.Sms;
using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Handling;

/// <summary>
/// Sends the queued 回访 texts through the system's SMS gateway with the shared delivery machinery. The
/// link's token is made here, at send time, and only its hash is stored: each send carries a new token and
/// the one before stops answering, so the valid link is the one in the last text the gateway took. The
/// number is opened from the sealed caller only for the send; logs show it masked.
/// </summary>
public sealed class ReturnVisitSender : WebhookSender<IncidentsDatabase>
{
    private readonly UnitOfWorkRunner<IncidentsDatabase> _runner;
    private readonly ReturnVisitOptions _options;
    private readonly ISmsGateway _gateway;
    private readonly PersonalDataSealer _sealer;

    public ReturnVisitSender(UnitOfWorkRunner<IncidentsDatabase> runner, IHttpClientFactory clients, TimeProvider time,
        IOptions<SmsOptions> smsOptions, IOptions<ReturnVisitOptions> options, ISmsGateway gateway, PersonalDataSealer sealer,
        ILogger<ReturnVisitSender> logger)
        : base(runner, clients.CreateClient(HttpSmsGateway.ClientName), time, smsOptions.Value, SmsDeliveryStore.Table, logger) =>
        (_runner, _options, _gateway, _sealer) = (runner, options.Value, gateway, sealer);

    protected override async Task<IReadOnlyList<Outgoing>> PrepareAsync(IReadOnlyList<QueuedDelivery> claimed, CancellationToken ct)
    {
        var outgoing = new List<Outgoing>(claimed.Count);
        foreach (var delivery in claimed) outgoing.Add(await PrepareAsync(delivery, ct));
        return outgoing;
    }

    private async Task<Outgoing> PrepareAsync(QueuedDelivery delivery, CancellationToken ct)
    {
        var visitId = delivery.TargetId;
        if (delivery.Payload != SmsDeliveryStore.ReturnVisit)
            return new Outgoing(delivery, visitId.ToString(), null, $"No text is written for '{delivery.Payload}'.");
        var o = _options;
        return await _runner.RunAsync<Outgoing>(async uow =>
        {
            var visit = await ReturnVisitStore.FindAsync(uow, visitId);
            if (visit is null || visit.State != ReturnVisitState.Open)
                return new Outgoing(delivery, visitId.ToString(), null,
                    $"Not sent: the return visit was {visit?.State ?? "removed"} ({visit?.VoidReason ?? "no reason"}) before its text left.");
            CallerContact? caller;
            try
            {
                caller = await CallerStore.CallerAsync(uow, visit.IncidentId, _sealer);
            }
            catch (CryptographicException ex)
            {
                return new Outgoing(delivery, visitId.ToString(), null, $"The caller's contact cannot be opened: {ex.Message}");
            }
            if (caller?.Phone is null) return new Outgoing(delivery, visitId.ToString(), null, "The caller left no phone.");
            // One mainland mobile number, whatever was stored before intake checked it: never a list of recipients.
            if (PhoneNumbers.MobileForText(caller.Phone) is not { } phone)
                return new Outgoing(delivery, visitId.ToString(), null, $"Not sent: {Masks.Phone(caller.Phone)} is not a mobile number a text can reach; staff verify the case.");
            if (!_gateway.Sends)
                return new Outgoing(delivery, visitId.ToString(), null, "Not sent: Sms:Gateway is off (no SMS platform configured); staff verify the case.");
            var token = ReturnVisitToken.New();
            await ReturnVisitStore.SetTokenAsync(uow, visit.Id, token, uow.Now + o.Expiry);
            var message = new SmsMessage(phone, o.TemplateCode, new Dictionary<string, string> { ["link"] = o.LinkBase + token }, delivery.Id.ToString());
            return new Outgoing(delivery, $"{Masks.Phone(phone)} (return visit {visit.Id}, link {ReturnVisitToken.ForLog(token)})", null,
                Send: (allowed, token2) => _gateway.SendAsync(message, allowed, token2));
        }, ct);
    }
}
