using System.Globalization;
using System.Text.Json;
using Governance.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Sms;

/// <summary>
/// The county's SMS platform behind an HTTP contract (docs/sms.md): the message as JSON, signed as our
/// callbacks are (timestamp and HMAC-SHA256 headers); the platform answers {"code":"OK"} when it took it.
/// </summary>
public sealed class HttpSmsGateway(IHttpClientFactory clients, IOptions<SmsOptions> options, TimeProvider time) : ISmsGateway
{
    public const string ClientName = "sms-gateway";
    public const string KeyIdHeader = "X-Sms-Key-Id";
    public const string TimestampHeader = "X-Sms-Timestamp";
    public const string SignatureHeader = "X-Sms-Signature";

    private readonly WebhookHttp _http = new(clients.CreateClient(ClientName), options.Value);
    private readonly SmsOptions _options = options.Value;

    public Task<(int Attempts, AttemptResult Last)> SendAsync(SmsMessage message, int allowedAttempts, CancellationToken ct)
    {
        var body = message.Body(_options.SignName);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        return _http.SendAsync(new WebhookRequest(_options.Url!, body,
            [new(KeyIdHeader, _options.KeyId), new(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
             new(SignatureHeader, WebhookSignature.Sign(_options.Key!, timestamp, body))], Judge), allowedAttempts, ct);
    }

    /// <summary>
    /// 2xx with code "OK" is a delivery. A platform's flow control (a code naming a limit or throttling, as
    /// Aliyun's isv.BUSINESS_LIMIT_CONTROL and Tencent's LimitExceeded do) is tried again later; any other code
    /// (a template not approved, a number refused) waits for a person. The error shows the platform's code
    /// and message, never our request (it holds the link).
    /// </summary>
    public static AttemptResult Judge(int status, string body)
    {
        if (status is < 200 or >= 300) return AttemptResult.OfStatus(status, "");
        string? code = null, text = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            code = Property(json.RootElement, "code");
            text = Property(json.RootElement, "message");
        }
        catch (JsonException)
        {
            // Not JSON: the contract's answer is missing, so the message may not have been taken.
        }
        if (string.Equals(code, "OK", StringComparison.OrdinalIgnoreCase)) return new(true, false, status, null);
        var retryable = code is not null && (code.Contains("LIMIT", StringComparison.OrdinalIgnoreCase) || code.Contains("Throttl", StringComparison.OrdinalIgnoreCase));
        return new(false, retryable, status, AttemptResult.Bound(code is null
            ? $"HTTP {status} without the contract's answer ({{\"code\":\"OK\"}})"
            : $"SMS platform refused it: {code}{(text is null ? "" : $" {text}")}"));
    }

    private static string? Property(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in root.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String) return p.Value.GetString();
        return null;
    }
}
