using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dapper;
using Governance.Infrastructure.Data;

namespace Governance.Infrastructure.Telemetry;

/// <summary>
/// governance.outbox.backlog (rows not yet published) and governance.outbox.oldest_age (seconds since the
/// oldest of them was written), per service whose relay runs in this process. Read when scraped, from the
/// partial index of unsent rows (ix_outbox_unsent), and kept for a few seconds so that several readers
/// (Prometheus and an OTLP collector) cost one query. A database that does not answer in time is left out
/// of that reading rather than holding the scrape.
/// </summary>
public static class OutboxGauges
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QueryLimit = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<Database, Reading> Watched = new();

    private sealed class Reading(TimeProvider time)
    {
        public TimeProvider Time { get; } = time;
        public DateTimeOffset ReadAt { get; set; } = DateTimeOffset.MinValue;
        public long Backlog { get; set; }
        public double OldestAgeSeconds { get; set; }
        public bool Known { get; set; }
    }

    private sealed class Unsent
    {
        public long Backlog { get; init; }
        public long? Oldest { get; init; }
    }

    static OutboxGauges()
    {
        GovernanceMetrics.Meter.CreateObservableGauge("governance.outbox.backlog",
            () => Read().Select(r => new Measurement<long>(r.Reading.Backlog, Service(r.Database))), "{message}",
            "Outbox rows written and not yet published to the bus.");
        GovernanceMetrics.Meter.CreateObservableGauge("governance.outbox.oldest_age",
            () => Read().Select(r => new Measurement<double>(r.Reading.OldestAgeSeconds, Service(r.Database))), "s",
            "Age of the oldest outbox row not yet published (0 when none waits).");
    }

    /// <summary>While the relay of <paramref name="database"/> runs; the returned handle stops watching it.</summary>
    public static IDisposable Watch(Database database, TimeProvider time)
    {
        Watched[database] = new Reading(time);
        return new Unwatch(database);
    }

    private sealed class Unwatch(Database database) : IDisposable
    {
        public void Dispose() => Watched.TryRemove(database, out _);
    }

    private static KeyValuePair<string, object?> Service(Database database) => new("service", database.ServiceName);

    private static List<(Database Database, Reading Reading)> Read()
    {
        var readings = new List<(Database, Reading)>();
        foreach (var (database, reading) in Watched)
        {
            lock (reading)
            {
                if (reading.Time.GetUtcNow() - reading.ReadAt > Fresh) Refresh(database, reading);
                if (reading.Known) readings.Add((database, reading));
            }
        }
        return readings;
    }

    /// <summary>Synchronous: an observable instrument's callback is. Runs on the scraping request's thread.</summary>
    private static void Refresh(Database database, Reading reading)
    {
        try
        {
            using var limit = new CancellationTokenSource(QueryLimit);
            var unsent = Task.Run(async () =>
            {
                await using var session = await database.OpenReadAsync(limit.Token);
                return await session.Connection.QuerySingleAsync<Unsent>(new CommandDefinition(
                    "SELECT COUNT(*) AS Backlog, MIN(created_at_ms) AS Oldest FROM outbox_messages WHERE sent_at_ms IS NULL",
                    cancellationToken: limit.Token));
            }, limit.Token).GetAwaiter().GetResult();
            var now = reading.Time.GetUtcNow();
            reading.Backlog = unsent.Backlog;
            reading.OldestAgeSeconds = unsent.Oldest is { } oldest
                ? Math.Max(0, (now - DateTimeOffset.FromUnixTimeMilliseconds(oldest)).TotalSeconds)
                : 0;
            reading.ReadAt = now;
            reading.Known = true;
        }
        catch (Exception)
        {
            // The database is away or slow: no reading this time rather than a stale one; the relay's own
            // warnings name the fault.
            reading.Known = false;
            reading.ReadAt = reading.Time.GetUtcNow();
        }
    }
}
