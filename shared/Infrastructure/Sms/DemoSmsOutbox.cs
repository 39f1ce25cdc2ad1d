using Governance.Infrastructure.Security;
using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Sms;

/// <summary>A message as the demo outbox shows it: the number masked, the variables whole (the link is
/// what the demo is for).</summary>
public sealed record DemoSms(string OutId, DateTimeOffset At, string PhoneMasked, string SignName, string TemplateCode,
    IReadOnlyDictionary<string, string> TemplateParam);

/// <summary>
/// 测试短信箱: the gateway of a demo or a trial, where nothing may leave the machine. It keeps the last
/// messages in memory (a restart empties it; several instances each keep their own), and the county
/// administrator reads them to open a resident's link himself. Never a county's production gateway.
/// </summary>
public sealed class DemoSmsOutbox(IOptions<SmsOptions> options, TimeProvider time) : ISmsGateway
{
    private readonly LinkedList<DemoSms> _messages = new();
    private readonly Lock _lock = new();

    public Task<(int Attempts, AttemptResult Last)> SendAsync(SmsMessage message, int allowedAttempts, CancellationToken ct)
    {
        var kept = new DemoSms(message.OutId, time.GetUtcNow(), Masks.Phone(message.PhoneNumber) ?? "", options.Value.SignName,
            message.TemplateCode, message.TemplateParam);
        lock (_lock)
        {
            _messages.AddFirst(kept);
            while (_messages.Count > options.Value.DemoOutboxSize) _messages.RemoveLast();
        }
        return Task.FromResult((1, new AttemptResult(true, false, null, null)));
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<DemoSms> List(int limit)
    {
        lock (_lock) return _messages.Take(limit).ToList();
    }
}
