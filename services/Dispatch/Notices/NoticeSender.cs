using Governance.Dispatch.Data;
using Governance.Infrastructure.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Notices;

/// <summary>
/// Sends queued notices, like the outbox relay publishes messages: claims a bounded batch of due
/// deliveries (a claim the other instances skip, so two never send one notice), sends each with
/// <see cref="NoticeHttp"/>, and records the outcome — sent; or pending again after a back-off that
/// grows with the attempts; or, once MaxAttempts are used, failed, where the API shows it until
/// someone retries it. A sender that dies mid-send leaves its claim to run out, and the notice is
/// sent again (at least once: a receiver cannot be asked whether it already has it).
/// </summary>
public sealed class NoticeSender(
    DispatchDatabase database, UnitOfWorkRunner<DispatchDatabase> runner, NoticeHttp http, TimeProvider time, IOptions<NoticeOptions> options,
    ILogger<NoticeSender> logger) : BackgroundService
{
    private const int Parallelism = 8;
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Tells this process's sender that something is due now (a retried delivery), so it
    /// need not wait for its next look.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); } catch (SemaphoreFullException) { /* already awake */ }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        var lastCleanup = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await SendDueAsync(stoppingToken);
                failures = 0;
                if (time.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    var cutoff = time.GetUtcNow() - options.Value.KeepSent;
                    await runner.RunAsync(uow => DeliveryStore.DeleteSentBeforeAsync(uow, cutoff), stoppingToken);
                    lastCleanup = time.GetUtcNow();
                }
                if (sent < options.Value.BatchSize) await _wake.WaitAsync(options.Value.SendInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is away: nothing is lost (rows stay pending); back off and look again.
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6))));
                logger.LogWarning(ex, "Notice sender failed {Failures} time(s); retrying in {Delay}", failures, delay);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims and sends one batch of due deliveries; returns how many it took.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        // Held long enough for the slowest send; after that another sender may take the rows over.
        var holdUntil = now + settings.Timeout + TimeSpan.FromMinutes(1);
        var claimed = await runner.RunAsync(uow => DeliveryStore.ClaimAsync(uow, now, holdUntil, Math.Max(1, settings.BatchSize)), ct);
        if (claimed.Count == 0) return 0;

        Dictionary<Guid, NoticeSubscription> subscriptions;
        await using (var connection = await database.OpenReadAsync(ct))
            subscriptions = (await SubscriptionStore.AllAsync(connection)).ToDictionary(s => s.Id);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (delivery, token) => await SendAsync(delivery, subscriptions.GetValueOrDefault(delivery.SubscriptionId), token));
        return claimed.Count;
    }

    private async Task SendAsync(ClaimedDelivery delivery, NoticeSubscription? subscription, CancellationToken ct)
    {
        var settings = options.Value;
        int made;
        AttemptResult last;
        if (subscription is not { Enabled: true })
        {
            // Switched off after the notice was queued: nothing goes out, and it shows as failed
            // (retry it once the subscription is on again).
            (made, last) = (0, new AttemptResult(false, false, null, subscription is null ? "The subscription was deleted." : "The subscription is disabled."));
        }
        else
        {
            try
            {
                (made, last) = await http.SendAsync(subscription, delivery.Notice, settings.MaxAttempts - delivery.Attempts, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                (made, last) = (1, new AttemptResult(false, false, null, RobotReply.Bound(ex.Message)));
            }
        }

        var attempts = delivery.Attempts + made;
        var giveUp = !last.Delivered && (subscription is not { Enabled: true } || attempts >= settings.MaxAttempts);
        var now = time.GetUtcNow();
        await runner.RunAsync(uow =>
            DeliveryStore.SettleAsync(uow, delivery.Id, made, last, now, giveUp, now + settings.WaitAfter(attempts)), ct);

        if (last.Delivered)
            logger.LogInformation("Notice {Delivery} ({Kind}) delivered to {Subscription} after {Attempts} attempt(s)",
                delivery.Id, delivery.Notice.Kind, subscription!.Name, attempts);
        else
            logger.LogWarning("Notice {Delivery} ({Kind}) to {Subscription} {Outcome} after {Attempts} attempt(s): {Error}",
                delivery.Id, delivery.Notice.Kind, subscription?.Name ?? delivery.SubscriptionId.ToString(),
                giveUp ? "failed" : "will be retried", attempts, last.Error);
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
