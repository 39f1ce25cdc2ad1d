using Governance.Infrastructure.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Messaging.Watchdog;

/// <summary>
/// Stops a process whose messaging is wedged, so that its service manager starts it again (systemd's
/// Restart=on-failure in deploy/package; exit code 75, EX_TEMPFAIL). Nothing is lost by it: unsent outbox rows
/// wait in the database for the next process, and unacknowledged messages go back to their queue.
/// <para>Why: the RabbitMQ .NET client 7.2.2 (the newest served) can leave a task waiting for ever when a node dies
/// under it — a semaphore disposed under its waiters (rabbitmq-dotnet-client #1968, #1976), publisher-confirm
/// bookkeeping out of step after a cancelled publish (#1900), confirms that never come (#1928, #1930). The fixes are
/// in its main branch, not in a release. Fault drill H (a cluster node killed under load) met it about once in ten
/// runs: either the relay's batch never returned, or a receive endpoint kept its consumer on the broker and consumed
/// nothing; the process answered ready throughout. A restart is the one cure that does not depend on which task
/// hangs. <see cref="StallJudge"/> says what counts as wedged; an outage of the broker does not.</para>
/// </summary>
public sealed class MessagingWatchdog(
    IOptions<MessagingWatchdogOptions> options, IOptions<OutboxRelayOptions> relayOptions, MessagingOptions messaging,
    IReadOnlyList<string> queues, RelayBatches relays, ReceiveActivity received, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<MessagingWatchdog> logger) : BackgroundService
{
    /// <summary>The exit code of a process the watchdog stopped: a service manager should start it again.</summary>
    public const int WedgedExitCode = 75;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        // A batch that is not stuck ends within PublishTimeout (and a second): the stall limit must be longer.
        var limit = settings.StallLimit > relayOptions.Value.PublishTimeout + TimeSpan.FromSeconds(5)
            ? settings.StallLimit
            : relayOptions.Value.PublishTimeout + TimeSpan.FromSeconds(5);
        var judge = new StallJudge(limit);
        await using var probe = new QueueProbe(messaging.RabbitMq, string.Join('+', queues), logger);
        using var timer = new PeriodicTimer(settings.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            var looks = new List<QueueLook>(queues.Count);
            foreach (var queue in queues)
            {
                var activity = received.Of(queue);
                // The broker is asked only when this process has received nothing from the queue for a while;
                // a queue it received from lately is not wedged, and the broker answered it.
                var ready = now - activity.LastReceivedAt >= settings.CheckInterval ? await probe.ReadyAsync(queue, stoppingToken) : 0;
                looks.Add(new QueueLook(queue, ready, activity));
            }
            var relayStates = relays.Snapshot();
            if (judge.Judge(time.GetUtcNow(), relayStates, looks) is { } reason)
            {
                Stop(reason);
                return;
            }
        }
    }

    private void Stop(string reason)
    {
        logger.LogCritical(
            "Messaging of this process is wedged: {Reason}. The process stops (exit {ExitCode}) for its service manager to start it again; " +
            "unsent outbox rows and unacknowledged messages go out again after the restart.", reason, WedgedExitCode);
        Environment.ExitCode = WedgedExitCode;
        lifetime.StopApplication();
        // Stopping the bus may wait on the very task that hangs: the process ends in any case, as after a crash,
        // which every transaction here is written to survive.
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20));
            Environment.Exit(WedgedExitCode);
        });
    }
}
