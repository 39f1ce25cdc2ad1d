using System.Net;

namespace Governance.Infrastructure.Webhooks;

/// <summary>What one HTTP attempt came to. <see cref="Retryable"/>: worth another try soon (the
/// receiver is busy or away); the others wait for the next send, or for a person.</summary>
public sealed record AttemptResult(bool Delivered, bool Retryable, int? StatusCode, string? Error)
{
    private const int LongestError = 500;

    /// <summary>A plain receiver's answer: any 2xx is a delivery; a busy or broken receiver (408, 429,
    /// 5xx) is tried again soon, a refused request (other 4xx, a redirect) waits for a person.</summary>
    public static AttemptResult OfStatus(int status, string body)
    {
        if (status is >= 200 and < 300) return new(true, false, status, null);
        var retryable = status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;
        return new(false, retryable, status, Bound(string.IsNullOrWhiteSpace(body) ? $"HTTP {status}" : $"HTTP {status}: {body.Trim()}"));
    }

    /// <summary>An error short enough to store and show (a receiver may answer with a whole page).</summary>
    public static string Bound(string text) => text.Length <= LongestError ? text : text[..LongestError] + "…";
}

/// <summary>The states of a queued delivery.</summary>
public static class DeliveryStatus
{
    /// <summary>Waiting for its (next) send.</summary>
    public const string Pending = "pending";
    /// <summary>The receiver accepted it.</summary>
    public const string Sent = "sent";
    /// <summary>Every attempt failed; waits for a person to fix the receiver and retry it.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed];
}
