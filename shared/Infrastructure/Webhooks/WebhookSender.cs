using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Infrastructure.Webhooks;

/// <summary>What a service makes of a claimed delivery: the request to send, or why nothing can go
/// out (the receiver was switched off or deleted after it was queued: shown as failed until retried).</summary>
/// <param name="Target">The receiver's name, for the log.</param>
/// <param name="InOrder">Deliveries of a batch with the same value are sent one after another, in the order
/// they were claimed (say, one case's status changes); the others in parallel.</param>
/// <param name="Send">A delivery that goes out through a gateway rather than as a plain webhook (a text
/// message through the SMS gateway): given what is left of its attempts, it sends and says how it went.</param>
public sealed record Outgoing(QueuedDelivery Delivery, string Target, WebhookRequest? Request, string? Refusal = null, string? InOrder = null,
    Func<int, CancellationToken, Task<(int Attempts, AttemptResult Last)>>? Send = null);

/// <summary>
/// Sends a queue of deliveries, like the outbox relay publishes messages: claims a bounded batch of due
/// deliveries (a claim the other instances skip, so two never send one delivery), sends each with
/// <see cref="WebhookHttp"/>, and records the outcome — sent; or pending again after a back-off that
/// grows with the attempts; or, once MaxAttempts are used, failed, where the API shows it until
/// someone retries it. A sender that dies mid-send leaves its claim to run out, and the delivery is
/// sent again (at least once: a receiver cannot be asked whether it already has it).
/// </summary>
public abstract class WebhookSender<TDatabase> : BackgroundService where TDatabase : Database
{
    private const int Parallelism = 8;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly UnitOfWorkRunner<TDatabase> _runner;
    private readonly WebhookHttp _http;
    private readonly TimeProvider _time;
    private readonly WebhookOptions _options;
    private readonly DeliveryTable _table;
    private readonly ILogger _logger;

    protected WebhookSender(UnitOfWorkRunner<TDatabase> runner, HttpClient client, TimeProvider time, WebhookOptions options,
        DeliveryTable table, ILogger logger)
    {
        (_runner, _time, _options, _table, _logger) = (runner, time, options, table, logger);
        _http = new WebhookHttp(client, options);
    }

    /// <summary>The service's clock (a signature's timestamp is taken at send time).</summary>
    protected TimeProvider Time => _time;

    /// <summary>Turns a claimed batch into requests: reads the receivers, signs, writes the body out.</summary>
    protected abstract Task<IReadOnlyList<Outgoing>> PrepareAsync(IReadOnlyList<QueuedDelivery> claimed, CancellationToken ct);

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
                if (_time.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    var cutoff = _time.GetUtcNow() - _options.KeepSent;
                    await _runner.RunAsync(uow => DeliveryQueue.DeleteSentBeforeAsync(uow, _table, cutoff), stoppingToken);
                    lastCleanup = _time.GetUtcNow();
                }
                if (sent < _options.BatchSize) await _wake.WaitAsync(_options.SendInterval, stoppingToken);
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
                _logger.LogWarning(ex, "Sender of {Table} failed {Failures} time(s); retrying in {Delay}", _table.Name, failures, delay);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Claims and sends one batch of due deliveries; returns how many it took.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        // Held long enough for the slowest send; after that another sender may take the rows over.
        var holdUntil = now + _options.Timeout + TimeSpan.FromMinutes(1);
        var claimed = await _runner.RunAsync(uow => DeliveryQueue.ClaimAsync(uow, _table, now, holdUntil, Math.Max(1, _options.BatchSize)), ct);
        if (claimed.Count == 0) return 0;
        var outgoing = await PrepareAsync(claimed, ct);
        var queues = outgoing.GroupBy(o => o.InOrder ?? o.Delivery.Id.ToString()).ToList();
        await Parallel.ForEachAsync(queues, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (queue, token) => { foreach (var delivery in queue) await SendAsync(delivery, token); });
        return claimed.Count;
    }

    private async Task SendAsync(Outgoing outgoing, CancellationToken ct)
    {
        var delivery = outgoing.Delivery;
        int made;
        AttemptResult last;
        Func<int, CancellationToken, Task<(int Attempts, AttemptResult Last)>>? send = outgoing.Send ?? (outgoing.Request is { } request ? (allowed, token) => _http.SendAsync(request, allowed, token) : null);
        if (send is null)
            (made, last) = (0, new AttemptResult(false, false, null, outgoing.Refusal ?? "Nothing to send."));
        else
        {
            try
            {
                (made, last) = await send(_options.MaxAttempts - delivery.Attempts, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                (made, last) = (1, new AttemptResult(false, false, null, AttemptResult.Bound(ex.Message)));
            }
        }

        var attempts = delivery.Attempts + made;
        var giveUp = !last.Delivered && (send is null || attempts >= _options.MaxAttempts);
        var now = _time.GetUtcNow();
        await _runner.RunAsync(uow =>
            DeliveryQueue.SettleAsync(uow, _table, delivery.Id, made, last, now, giveUp, now + _options.WaitAfter(attempts)), ct);

        if (last.Delivered)
            _logger.LogInformation("Delivery {Delivery} ({Table}) delivered to {Target} after {Attempts} attempt(s)",
                delivery.Id, _table.Name, outgoing.Target, attempts);
        else
        {
            GovernanceMetrics.NoticeFailed(_table.Name, final: giveUp);
            _logger.LogWarning("Delivery {Delivery} ({Table}) to {Target} {Outcome} after {Attempts} attempt(s): {Error}",
                delivery.Id, _table.Name, outgoing.Target, giveUp ? "failed" : "will be retried", attempts, last.Error);
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
