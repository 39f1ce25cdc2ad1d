using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.Benchmarks;

/// <summary>
/// What this machine can do at all, measured with the raw clients: RabbitMQ.Client 7 publishing
/// persistent messages with publisher confirms while a consumer acknowledges them, and Dapper inserting
/// into the same PostgreSQL. The system's figures are read against these.
/// </summary>
public static class Ceilings
{
    /// <summary>Publishes in flight before the publisher awaits their confirms together: how a fast
    /// client uses RabbitMQ.Client 7's tracked confirms (each BasicPublishAsync completes on its confirm).</summary>
    public const int ConfirmBatch = 256;
    public const ushort ConsumerPrefetch = 200;

    public static async Task RabbitAsync(Report report, string vhost, int messages, TimeSpan limit)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", VirtualHost = vhost, UserName = "guest", Password = "guest" };
        // Two connections, as two services would have.
        await using var publisherConnection = await factory.CreateConnectionAsync("bench-publisher");
        await using var consumerConnection = await factory.CreateConnectionAsync("bench-consumer");
        await using var setup = await publisherConnection.CreateChannelAsync();
        const string exchange = "bench.IncidentFiled";
        const string queue = "bench.dispatch";
        // Like MassTransit's topology: a fanout exchange per message type, bound to the service's queue.
        await setup.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await setup.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await setup.QueueBindAsync(queue, exchange, "");
        await setup.QueuePurgeAsync(queue);

        var body = Envelope();
        var consumed = 0;
        var target = messages;
        var allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var consumerChannel = await consumerConnection.CreateChannelAsync();
        await consumerChannel.BasicQosAsync(0, ConsumerPrefetch, false);
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            // One acknowledgement per message, as MassTransit does.
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            if (Interlocked.Increment(ref consumed) >= Volatile.Read(ref target)) allConsumed.TrySetResult();
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: new ThrottlingRateLimiter(ConfirmBatch * 4));
        await using var channel = await publisherConnection.CreateChannelAsync(options);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json" };
        var watch = Stopwatch.StartNew();
        var published = 0;
        var stalled = false;
        var pending = new List<ValueTask>(ConfirmBatch);
        // A confirm that never comes must not hang the benchmark: every publish is bounded in time.
        using var bound = new CancellationTokenSource(limit + TimeSpan.FromSeconds(15));
        try
        {
            while (published < messages && watch.Elapsed < limit)
            {
                pending.Clear();
                for (var i = 0; i < ConfirmBatch && published < messages; i++, published++)
                    pending.Add(channel.BasicPublishAsync(exchange, "", false, properties, body, bound.Token));
                foreach (var confirm in pending) await confirm; // throws if the broker nacks
            }
        }
        catch (OperationCanceledException)
        {
            stalled = true;
            published -= ConfirmBatch;
        }
        var publishSeconds = watch.Elapsed.TotalSeconds;
        Volatile.Write(ref target, published);
        if (Volatile.Read(ref consumed) >= published) allConsumed.TrySetResult();
        await Task.WhenAny(allConsumed.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        var seconds = watch.Elapsed.TotalSeconds;
        var done = Volatile.Read(ref consumed);
        await setup.QueueDeleteAsync(queue);
        await setup.ExchangeDeleteAsync(exchange);

        report.Add("ceiling", "RabbitMQ publish+consume (persistent, confirms)", done / seconds, "msg/s",
            $"{done:#,0} msgs of {body.Length} B; {ConfirmBatch} publishes in flight per confirm wait; consumer prefetch {ConsumerPrefetch}, one ack each" +
            (stalled ? "; PUBLISHER STALLED waiting for a confirm" : ""));
        report.Add("ceiling", "RabbitMQ publish only (confirmed)", published / publishSeconds, "msg/s");
    }

    /// <summary>A body the size of what MassTransit sends for IncidentFiled: its envelope around the message.</summary>
    private static byte[] Envelope()
    {
        var id = Guid.NewGuid();
        var envelope = new Dictionary<string, object?>
        {
            ["messageId"] = id, ["requestId"] = null, ["correlationId"] = null, ["conversationId"] = Guid.NewGuid(),
            ["initiatorId"] = null, ["sourceAddress"] = "rabbitmq://127.0.0.1/governance-bench/bench_IncidentsService_bus_abcdefghijklmnopqrstuvwxyz?temporary=true",
            ["destinationAddress"] = "rabbitmq://127.0.0.1/governance-bench/Governance.Contracts:IncidentFiled",
            ["responseAddress"] = null, ["faultAddress"] = null,
            ["messageType"] = new[] { "urn:message:Governance.Contracts:IncidentFiled" },
            ["message"] = new
            {
                incidentId = id, unitCode = "500101001001001001", category = "dispute", grade = "IV", title = "t", reportedBy = "bench",
                filedAt = DateTimeOffset.UtcNow, resolvedOnTheSpot = false,
            },
            ["sentTime"] = DateTimeOffset.UtcNow, ["headers"] = new Dictionary<string, object>(),
            ["host"] = new
            {
                machineName = "localhost", processName = "dotnet", processId = 12345, assembly = "Governance.Host", assemblyVersion = "1.0.0.0",
                frameworkVersion = "10.0.0", massTransitVersion = "8.5.12.0", operatingSystemVersion = "Unix 6.1.0.0",
            },
        };
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(envelope));
    }

    private const string Table = """
        CREATE TABLE ceiling_rows (
            id           UUID PRIMARY KEY,
            incident_id  UUID NOT NULL,
            at_ms        BIGINT NOT NULL,
            actor        VARCHAR(100) NOT NULL,
            action       VARCHAR(40) NOT NULL,
            reason       VARCHAR(4000) NULL
        );
        CREATE INDEX ix_ceiling_rows_incident ON ceiling_rows (incident_id, at_ms);
        """;

    /// <summary>Rows/s of autocommitted single-row inserts (each its own transaction, so its own WAL
    /// flush, shared by concurrent commits) and of 100-row multi-row inserts, with Dapper.</summary>
    public static async Task PostgresAsync(Report report, TimeSpan each)
    {
        const string database = "bench_ceiling";
        var connectionString = await Servers.CreateDatabaseAsync(database);
        try
        {
            await using (var c = new NpgsqlConnection(connectionString))
            {
                await c.OpenAsync();
                await c.ExecuteAsync(Table);
            }

            const int singleWorkers = 16;
            var single = await RunAsync(connectionString, singleWorkers, each, async c =>
            {
                await c.ExecuteAsync("INSERT INTO ceiling_rows (id, incident_id, at_ms, actor, action, reason) VALUES (@Id, @IncidentId, @AtMs, @Actor, @Action, @Reason)",
                    Row());
                return 1;
            });
            report.Add("ceiling", "PostgreSQL single-row INSERT (autocommit)", single, "rows/s", $"{singleWorkers} connections; = commits/s");

            const int batchWorkers = 4, rowsPerStatement = 100;
            var sql = new StringBuilder("INSERT INTO ceiling_rows (id, incident_id, at_ms, actor, action, reason) VALUES ");
            sql.AppendJoin(", ", Enumerable.Range(0, rowsPerStatement).Select(i => $"(@id{i}, @incident{i}, @at{i}, @actor{i}, @action{i}, @reason{i})"));
            var multiRow = sql.ToString();
            var batched = await RunAsync(connectionString, batchWorkers, each, async c =>
            {
                var p = new DynamicParameters();
                for (var i = 0; i < rowsPerStatement; i++)
                {
                    var r = Row();
                    p.Add($"id{i}", r.Id); p.Add($"incident{i}", r.IncidentId); p.Add($"at{i}", r.AtMs);
                    p.Add($"actor{i}", r.Actor); p.Add($"action{i}", r.Action); p.Add($"reason{i}", r.Reason);
                }
                await c.ExecuteAsync(multiRow, p);
                return rowsPerStatement;
            });
            report.Add("ceiling", "PostgreSQL multi-row INSERT (100 rows/stmt)", batched, "rows/s", $"{batchWorkers} connections");
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }


    private sealed record CeilingRow(Guid Id, Guid IncidentId, long AtMs, string Actor, string Action, string? Reason);

    private static CeilingRow Row() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        "bench", "assigned", "policy v1");

    private static async Task<double> RunAsync(string connectionString, int workers, TimeSpan duration, Func<NpgsqlConnection, Task<int>> insert)
    {
        var rows = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            await using var c = new NpgsqlConnection(connectionString);
            await c.OpenAsync();
            while (watch.Elapsed < duration) Interlocked.Add(ref rows, await insert(c));
        }));
        return rows / watch.Elapsed.TotalSeconds;
    }
}
