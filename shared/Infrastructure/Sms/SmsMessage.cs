using System.Text.Json;
using System.Text.Json.Serialization;

namespace Governance.Infrastructure.Sms;

/// <summary>
/// A text message by template, as China's SMS platforms take them (阿里云短信 SendSms, 腾讯云短信 SendSms):
/// the platform holds the approved template text (短信模板) and signature (短信签名); we send the template's
/// code and the values of its variables. One shape for every message of the system (回访 links now,
/// one-time codes later). docs/sms.md is the contract a county's SMS platform implements.
/// </summary>
/// <param name="PhoneNumber">One mainland mobile number; never logged, masked wherever it is listed.</param>
/// <param name="TemplateCode">The platform's code of the approved template ("SMS_123456789").</param>
/// <param name="TemplateParam">The template's variables by name (${link} → "link").</param>
/// <param name="OutId">Our id of the message (the delivery's): the platform's receipts and our retries name it.</param>
public sealed record SmsMessage(string PhoneNumber, string TemplateCode, IReadOnlyDictionary<string, string> TemplateParam, string OutId)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Chinese as text, as a platform's console shows it; the body is signed as sent.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The HTTP body (docs/sms.md): Aliyun's field names, the signature name added from configuration.</summary>
    public string Body(string signName) =>
        JsonSerializer.Serialize(new Wire(PhoneNumber, signName, TemplateCode, TemplateParam, OutId), Json);

    private sealed record Wire(
        [property: JsonPropertyName("phoneNumbers")] string PhoneNumbers, string SignName, string TemplateCode,
        IReadOnlyDictionary<string, string> TemplateParam, string OutId);
}
