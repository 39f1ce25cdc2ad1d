using System.ComponentModel.DataAnnotations;

namespace Governance.Infrastructure.Messaging.Watchdog;

/// <summary>Configuration section "Messaging:Watchdog" (RabbitMQ only; MessagingWatchdog.cs says why it exists).</summary>
public sealed class MessagingWatchdogOptions
{
    public const string Section = "Messaging:Watchdog";

    /// <summary>Off only to watch a wedge happen (a drill, a support case): nothing then restarts a stuck bus.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a relay batch may go without an outcome, or a queue hold messages while this process
    /// receives none of them, before the process is taken as stuck and stops (exit 75) for its service manager
    /// to start it again. Longer than Outbox:PublishTimeout, which bounds every batch that is not stuck.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan StallLimit { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often the watchdog looks.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
