using System.ComponentModel.DataAnnotations;

namespace Governance.Infrastructure.Webhooks;

/// <summary>How a queue of HTTP deliveries is sent and retried; each queue binds its own section
/// (a subclass per queue, so each is validated at start on its own).</summary>
public abstract class WebhookOptions
{
    /// <summary>How often the sender looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan SendInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Deliveries claimed and sent at once.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 20;
    /// <summary>HTTP attempts a delivery gets in all, across sends, before it is marked failed.</summary>
    [Range(1, 1_000)]
    public int MaxAttempts { get; set; } = 12;
    /// <summary>Immediate retries within one send (so one send makes up to this + 1 attempts).</summary>
    [Range(0, 100)]
    public int RetriesPerSend { get; set; } = 2;
    /// <summary>First pause between retries within a send; it doubles each time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>After a failed send the delivery waits this long times 2^(attempts − 1), at most an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>One HTTP attempt's limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>One send's limit, all its attempts and pauses together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Sent deliveries are kept this long (to show what went out), then deleted; failed ones stay.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan KeepSent { get; set; } = TimeSpan.FromDays(90);

    internal static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>When a delivery that failed after <paramref name="attempts"/> attempts in all is tried again.</summary>
    public TimeSpan WaitAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var wait = TimeSpan.FromMilliseconds(Math.Min(LongestWait.TotalMilliseconds, RetryAfter.TotalMilliseconds * factor));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
