using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Governance.Dispatch.Notices;

/// <summary>
/// 钉钉 robot signing (加签): sign = Base64(HMAC-SHA256(key: secret, data: timestamp + "\n" + secret)),
/// sent URL-encoded as &amp;timestamp=…&amp;sign=… on the robot's webhook URL. DingTalk refuses a
/// timestamp more than an hour off, so a URL is signed when it is sent, not when it is queued.
/// </summary>
public static class DingTalkSignature
{
    public static string Sign(long timestampMs, string secret)
    {
        var data = Encoding.UTF8.GetBytes($"{timestampMs.ToString(CultureInfo.InvariantCulture)}\n{secret}");
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    public static string SignUrl(string url, long timestampMs, string secret) =>
        $"{url}{(url.Contains('?') ? '&' : '?')}timestamp={timestampMs.ToString(CultureInfo.InvariantCulture)}&sign={Uri.EscapeDataString(Sign(timestampMs, secret))}";
}
