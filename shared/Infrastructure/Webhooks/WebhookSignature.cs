using System.Security.Cryptography;
using System.Text;

namespace Governance.Infrastructure.Webhooks;

/// <summary>
/// How our outgoing HTTP requests are signed (Open311 status callbacks, the SMS gateway): the hex
/// HMAC-SHA256, keyed with a shared secret, of "&lt;timestamp&gt;.&lt;raw body&gt;". The timestamp is signed
/// with the body, so a receiver can refuse a replay of an old request by its age.
/// </summary>
public static class WebhookSignature
{
    /// <summary>"sha256=&lt;lower-case hex&gt;" of "&lt;timestamp&gt;.&lt;body&gt;".</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}
