using System.Text;
using System.Text.Json;
using Governance.Infrastructure.Outbox;
using Governance.IntegrationTests.Support;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Governance.FaultTests.Harness;

/// <summary>
/// The test's own hands on a scenario's virtual host: a MassTransit bus to publish messages the way
/// the services' outbox relay does (same contracts, same message ids), and a plain RabbitMQ
/// connection for spying on exchanges and moving messages between queues.
/// </summary>
public sealed class Broker : IAsyncDisposable
{
    private readonly IBusControl _bus;

    public IConnection Connection { get; }

    private Broker(IBusControl bus, IConnection connection)
    {
        _bus = bus;
        Connection = connection;
    }

    public static async Task<Broker> ConnectAsync(string virtualHost)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(TestServers.RabbitHost, 5672, virtualHost, h =>
        {
            h.Username("guest");
            h.Password("guest");
            h.PublisherConfirmation = true;
        }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bus.StartAsync(timeout.Token);
        var factory = new ConnectionFactory { HostName = TestServers.RabbitHost, VirtualHost = virtualHost };
        return new Broker(bus, await factory.CreateConnectionAsync());
    }

    /// <summary>Publishes a contract message under the given message id.</summary>
    public Task PublishAsync(object message, Guid messageId) =>
        _bus.Publish(message, message.GetType(), c => c.MessageId = messageId);

    /// <summary>Publishes an outbox row exactly as <see cref="OutboxRelay{TDatabase}"/> does: the row's
    /// id as the message id, so a consumer sees a true redelivery.</summary>
    public Task PublishRowAsync(Guid id, string messageType, string body)
    {
        var type = MessageJson.ContractType(messageType);
        return _bus.Publish(JsonSerializer.Deserialize(body, type, MessageJson.Options)!, type, c => c.MessageId = id);
    }

    /// <summary>
    /// Binds a fresh queue to a message type's exchange (MassTransit names it after the contract:
    /// "Governance.Contracts:IncidentFiled"), so every publish of that type is also copied there.
    /// </summary>
    public async Task<string> SpyAsync(Type contract)
    {
        var exchange = $"{contract.Namespace}:{contract.Name}";
        var queue = $"fault-spy.{contract.Name}";
        await using var channel = await Connection.CreateChannelAsync();
        await channel.ExchangeDeclarePassiveAsync(exchange); // the consumers' endpoints created it
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, routingKey: "");
        return queue;
    }

    /// <summary>Consumes a queue (auto-ack) and hands each message id to <paramref name="onMessage"/>
    /// the moment it arrives; disposing the result stops it.</summary>
    public async Task<IAsyncDisposable> WatchAsync(string queue, Action<string> onMessage)
    {
        var channel = await Connection.CreateChannelAsync();
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            onMessage(delivery.BasicProperties.MessageId ?? MessageIdFromEnvelope(delivery.Body));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return channel;
    }

    private static string MessageIdFromEnvelope(ReadOnlyMemory<byte> body)
    {
        using var envelope = JsonDocument.Parse(Encoding.UTF8.GetString(body.Span));
        return envelope.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() ?? "" : "";
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.CloseAsync();
        Connection.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await _bus.StopAsync(timeout.Token); } catch (OperationCanceledException) { }
    }
}
