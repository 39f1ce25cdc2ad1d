using System.ComponentModel.DataAnnotations;
using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Sms;

/// <summary>
/// "Sms" in configuration: the county's SMS gateway, one for the whole system, and how queued messages
/// are sent and retried (the delivery settings every webhook queue has).
/// </summary>
public sealed class SmsOptions : WebhookOptions
{
    public const string Section = "Sms";
    /// <summary>Messages are posted to <see cref="Url"/>, signed with <see cref="Key"/> (docs/sms.md).</summary>
    public const string Http = "http";
    /// <summary>Nothing leaves the machine: messages land in the demo outbox (测试短信箱), which the county
    /// administrator reads. The standalone demo's default, so the demo county can be clicked through.</summary>
    public const string DemoOutbox = "demo-outbox";
    /// <summary>No SMS platform: no text is sent, residents are verified by staff (appsettings.Distributed.json's
    /// default, so that a county never runs on the demo outbox, whose links anyone reading it could answer).</summary>
    public const string Off = "off";

    [Required]
    public string Gateway { get; set; } = DemoOutbox;
    /// <summary>The county SMS platform's (or its adapter's) endpoint.</summary>
    public string? Url { get; set; }
    /// <summary>Which key signed (X-Sms-Key-Id), so the platform can rotate keys.</summary>
    [MaxLength(100)]
    public string KeyId { get; set; } = "default";
    /// <summary>The shared secret the body is signed with (HMAC-SHA256).</summary>
    public string? Key { get; set; }
    /// <summary>The approved signature (短信签名) the platform prints in 【】.</summary>
    [Required, MaxLength(40)]
    public string SignName { get; set; } = "网格治理";
    /// <summary>Messages the demo outbox keeps (the oldest go first).</summary>
    [Range(1, 10_000)]
    public int DemoOutboxSize { get; set; } = 200;
}

/// <summary>The HTTP gateway needs its address and key; a gateway of another name is a typo, not a default.</summary>
public sealed class SmsOptionsValidator : IValidateOptions<SmsOptions>
{
    public const int MinKey = 16;

    public ValidateOptionsResult Validate(string? name, SmsOptions o)
    {
        if (o.Gateway is SmsOptions.DemoOutbox or SmsOptions.Off) return ValidateOptionsResult.Success;
        if (o.Gateway != SmsOptions.Http)
            return ValidateOptionsResult.Fail($"Sms:Gateway must be '{SmsOptions.Http}', '{SmsOptions.Off}' or '{SmsOptions.DemoOutbox}', not '{o.Gateway}'.");
        if (o.Url is null || !WebhookUrl.IsValid(o.Url))
            return ValidateOptionsResult.Fail("Sms:Url must be the SMS platform's absolute http or https URL when Sms:Gateway is 'http'.");
        if (o.Key is null || o.Key.Length < MinKey)
            return ValidateOptionsResult.Fail($"Sms:Key must be a shared secret of at least {MinKey} characters when Sms:Gateway is 'http'.");
        return ValidateOptionsResult.Success;
    }
}
