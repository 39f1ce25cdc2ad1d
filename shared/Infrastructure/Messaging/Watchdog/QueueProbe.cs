using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Governance.Infrastructure.Messaging.Watchdog;

/// <summary>
/// Asks the broker how many messages wait in a queue, on a connection of its own (not the bus's, which is what
/// the watchdog suspects). A queue the broker cannot be asked about, for whatever reason, is "not known" (null):
/// the watchdog judges nothing from an outage.
/// </summary>
public sealed class QueueProbe(RabbitMqOptions rabbit, string processName, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);
    private IConnection? _connection;

    public async Task<long?> ReadyAsync(string queue, CancellationToken ct)
    {
        try
        {
            // WaitAsync as well as the token: a look must end even if the client ignores its token.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Limit);
            return await LookAsync(queue, timeout.Token).WaitAsync(Limit + TimeSpan.FromSeconds(1), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "The watchdog could not ask the broker about {Queue}", queue);
            await DropConnectionAsync();
            return null;
        }
    }

    private async Task<long> LookAsync(string queue, CancellationToken ct)
    {
        if (_connection is not { IsOpen: true })
        {
            await DropConnectionAsync();
            var factory = new ConnectionFactory
            {
                UserName = rabbit.Username, Password = rabbit.Password, VirtualHost = rabbit.VirtualHost,
                AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = Limit,
                ClientProvidedName = $"{processName} watchdog",
            };
            var endpoints = rabbit.ClusterNodes().Select(node =>
            {
                var colon = node.LastIndexOf(':');
                return new AmqpTcpEndpoint(node[..colon], int.Parse(node[(colon + 1)..]));
            }).ToList();
            _connection = await factory.CreateConnectionAsync(endpoints, ct);
        }
        // A channel per look: a passive declare of a queue that is not there closes its channel.
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
        var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
        return ok.MessageCount;
    }

    private async Task DropConnectionAsync()
    {
        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is null) return;
        try { await connection.DisposeAsync().AsTask().WaitAsync(Limit); }
        catch (Exception) { /* a connection that will not close is left to the garbage collector */ }
    }

    public ValueTask DisposeAsync() => new(DropConnectionAsync());
}
