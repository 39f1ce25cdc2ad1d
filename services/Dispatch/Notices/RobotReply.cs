using System.Net;
using System.Text.Json;

namespace Governance.Dispatch.Notices;

/// <summary>What one HTTP attempt came to. <see cref="Retryable"/>: worth another try soon (the
/// receiver is busy or away); the others wait for the next send, or for a person.</summary>
public sealed record AttemptResult(bool Delivered, bool Retryable, int? StatusCode, string? Error);

/// <summary>
/// Judges a receiver's answer. WeCom and DingTalk answer HTTP 200 even when they refuse a message
/// (bad key, bad signature, keyword missing, too many messages) and say so in {"errcode": n}: only
/// errcode 0 is a delivery.
/// </summary>
public static class RobotReply
{
    private const int LongestError = 500;

    public static AttemptResult Judge(NoticeChannel channel, int status, string body)
    {
        if (status is >= 200 and < 300)
        {
            var (code, message) = channel == NoticeChannel.Webhook ? (null, null) : Refusal(body);
            return code is null or 0
                ? new(true, false, status, null)
                : new(false, false, status, Bound($"errcode {code}: {message}"));
        }
        var retryable = status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
        return new(false, retryable, status, Bound(string.IsNullOrWhiteSpace(body) ? $"HTTP {status}" : $"HTTP {status}: {body.Trim()}"));
    }

    public static string Bound(string text) => text.Length <= LongestError ? text : text[..LongestError] + "…";

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
