using System.Text.Json;
using Governance.Infrastructure.Webhooks;

namespace Governance.Dispatch.Notices;

/// <summary>
/// Judges a receiver's answer. WeCom and DingTalk answer HTTP 200 even when they refuse a message
/// (bad key, bad signature, keyword missing, too many messages) and say so in {"errcode": n}: only
/// errcode 0 is a delivery.
/// </summary>
public static class RobotReply
{
    public static AttemptResult Judge(NoticeChannel channel, int status, string body)
    {
        if (status is >= 200 and < 300 && channel != NoticeChannel.Webhook && Refusal(body) is ({ } code and not 0, var message))
            return new(false, false, status, AttemptResult.Bound($"errcode {code}: {message}"));
        return AttemptResult.OfStatus(status, body);
    }

    /// <summary>errcode and errmsg of a robot's JSON answer; nulls when the body says neither.</summary>
    private static (long? Code, string? Message) Refusal(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null);
            long? code = root.TryGetProperty("errcode", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt64(out var value) ? value : null;
            var message = root.TryGetProperty("errmsg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null); // Not JSON: nothing says it was refused.
        }
    }
}
