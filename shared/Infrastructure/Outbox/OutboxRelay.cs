using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Dapper;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Messaging.Watchdog;
using Governance.Infrastructure.Telemetry;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Outbox;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>How often to look for unsent rows when nothing in this process said there are some.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
    /// <summary>Sent rows are kept this long (for inspection), then deleted.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan KeepSent { get; set; } = TimeSpan.FromDays(7);
    /// <summary>In-memory bus (standalone) only: rows sent this long before the process started are sent
    /// again when it starts, since whatever the previous process had not yet consumed died with it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan InMemoryReplayWindow { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long one batch may wait for the broker's confirms before it is rolled back and tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Publishes committed outbox rows and marks them sent. A batch is claimed with a row lock that
/// other instances skip, published (MassTransit waits for RabbitMQ's publisher confirms), then
/// marked sent in the same transaction. If the process dies between publish and mark, the rows are
/// published again later with the same message ids, and consumers' inboxes drop the repeats.
/// On the in-memory bus (standalone), "published" means only "handed to a queue in this process": a
/// message no consumer had finished is gone when the process dies or stops. So on start, the rows sent
/// in the window before it are sent again (InMemoryReplayWindow); consumers' inboxes drop what they had
/// already done. Without this, a case acknowledged just before a crash was never routed (StandaloneCrashTests).
/// </summary>
public sealed class OutboxRelay<TDatabase>(
    Outbox<TDatabase> outbox, IBus bus, TimeProvider time, IOptions<OutboxRelayOptions> options, MessagingOptions messaging,
    RelayBatches batches, ILogger<OutboxRelay<TDatabase>> logger) : BackgroundService where TDatabase : Database
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string MessageType { get; init; } = default!;
        public string Body { get; init; } = default!;
        public string? TraceParent { get; init; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        var lastCleanup = DateTimeOffset.MinValue;
        var replayPending = messaging.Transport == TransportKind.InMemory;
        using var gauges = OutboxGauges.Watch(outbox.Database, time); // backlog and oldest age on /metrics
        var service = outbox.Database.ServiceName;
        batches.Started(service);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (replayPending)
                {
                    await ReplayRecentlySentAsync(settings.InMemoryReplayWindow, stoppingToken);
                    replayPending = false;
                }
                // The watchdog (Messaging/Watchdog) hears how each batch ends, and of one that does not.
                batches.BatchBegins(service);
                var published = await RelayBatchAsync(settings.BatchSize, stoppingToken);
                batches.BatchSucceeded(service);
                failures = 0;
                if (time.GetUtcNow() - lastCleanup > TimeSpan.FromHours(1))
                {
                    await DeleteOldSentAsync(settings.KeepSent, stoppingToken);
                    lastCleanup = time.GetUtcNow();
                }
                if (published < settings.BatchSize)
                    await outbox.WaitAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Broker or database away: nothing is lost (rows stay unsent); back off and retry.
                batches.BatchFailed(service, publishFailed: ex is BrokerDidNotConfirmException or BrokerPublishFailedException);
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * Math.Pow(2, Math.Min(failures, 6))));
                logger.LogWarning(ex, "Outbox relay of {Service} failed {Failures} time(s); retrying in {Delay}", outbox.Database.ServiceName, failures, delay);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Publishes one batch; returns how many rows it sent.</summary>
    public async Task<int> RelayBatchAsync(int batchSize, CancellationToken ct)
    {
        var database = outbox.Database;
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var claim = Sql.ClaimRows(database.Provider, "id AS Id, message_type AS MessageType, body AS Body, trace_parent AS TraceParent",
                "outbox_messages", "sent_at_ms IS NULL", "created_at_ms, id", batchSize);
            var rows = (await connection.QueryAsync<Row>(claim, transaction: transaction)).ToList();
            if (rows.Count == 0) return 0;

            // The token asks the publishes to stop; WaitAsync stops waiting for them even if they ignore it.
            // After a broker restart a publish can wait for a confirm that never comes and ignore its
            // token (rabbitmq-dotnet-client #1928/#1930): without this bound the relay would hold these
            // rows locked for ever and no later case would be announced. Timing out rolls the claim
            // back; the rows go out again in the next round and the consumers' inboxes drop a repeat.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var limit = options.Value.PublishTimeout;
            timeout.CancelAfter(limit);
            try
            {
                // Each publish started on the thread pool: the bound holds even for one that blocks before its first await.
                await Task.WhenAll(rows.Select(row => Task.Run(() => PublishAsync(row, timeout.Token), CancellationToken.None)))
                    .WaitAsync(limit + TimeSpan.FromSeconds(1), ct);
            }
            catch (TimeoutException)
            {
                // Not a TimeoutException, which the transaction's retry counts as a transient database
                // fault and would repeat at once: the relay's own loop backs off, logs and tries again.
                throw new BrokerDidNotConfirmException(rows.Count, limit);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Refused (nacked), cancelled at the bound, the channel gone: the publishing failed, not the database.
                // The watchdog tells the two apart (a client whose confirms went out of step refuses for ever).
                throw new BrokerPublishFailedException(rows.Count, ex);
            }

            var at = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (database.Provider == DatabaseProvider.Postgres)
            {
                // Performance (deploy/benchmark-history.md): one statement for the whole batch instead of
                // one round trip per row, sent with the setting in one command, and no wait for the WAL flush
                // at commit. Losing this commit in a crash only means the rows are published again, which the
                // consumers' inboxes drop — the same case as dying between publish and mark.
                await connection.ExecuteAsync(Sql.Batch(database.Provider, "SET LOCAL synchronous_commit = off",
                        "UPDATE outbox_messages SET sent_at_ms = @at WHERE id = ANY(@ids)"),
                    new { at, ids = rows.Select(r => r.Id).ToArray() }, transaction);
            }
            else
            {
                await connection.ExecuteAsync("UPDATE outbox_messages SET sent_at_ms = @At WHERE id = @Id",
                    rows.Select(r => new { r.Id, At = at }), transaction);
            }
            return rows.Count;
        }, ct);
    }

    private async Task PublishAsync(Row row, CancellationToken ct)
    {
        // Under the span that queued the row: MassTransit's send span is its child, and the consumer's follows
        // through the message's headers (MessageTraces). Set here, in this row's own async flow, so the
        // batch's rows published side by side each keep their own trace.
        using var span = MessageTraces.StartRelay(row.MessageType, row.Id, row.TraceParent);
        var type = MessageJson.ContractType(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, MessageJson.Options)!;
        await bus.Publish(message, type, context => context.MessageId = row.Id, ct);
    }

    private async Task ReplayRecentlySentAsync(TimeSpan window, CancellationToken ct)
    {
        var since = (time.GetUtcNow() - window).ToUnixTimeMilliseconds();
        var again = await outbox.Database.InTransactionAsync((c, t) =>
            c.ExecuteAsync("UPDATE outbox_messages SET sent_at_ms = NULL WHERE sent_at_ms >= @since", new { since }, t), ct);
        if (again > 0)
            logger.LogInformation("Outbox of {Service}: {Count} message(s) sent in the {Window} before this start go out again (in-memory bus; inboxes drop repeats)",
                outbox.Database.ServiceName, again, window);
    }

    private Task DeleteOldSentAsync(TimeSpan keep, CancellationToken ct)
    {
        var cutoff = (time.GetUtcNow() - keep).ToUnixTimeMilliseconds();
        return outbox.Database.InTransactionAsync((c, t) =>
            c.ExecuteAsync("DELETE FROM outbox_messages WHERE sent_at_ms IS NOT NULL AND sent_at_ms < @cutoff", new { cutoff }, t), ct);
    }
}

/// <summary>The broker confirmed none or only some of a batch in time; the batch is rolled back and sent again later.</summary>
public sealed class BrokerDidNotConfirmException(int rows, TimeSpan limit)
    : Exception($"The broker did not confirm a batch of {rows} message(s) within {limit.TotalSeconds:0.#} s; the batch goes out again.");

/// <summary>A batch's publishes failed at the broker or in the client (refused, cancelled at the bound, channel closed);
/// the rows stay unsent and go out again.</summary>
public sealed class BrokerPublishFailedException(int rows, Exception inner)
    : Exception($"Publishing a batch of {rows} message(s) failed: {inner.Message}; the batch goes out again.", inner);
