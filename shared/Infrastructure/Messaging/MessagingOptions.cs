using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Messaging;

public enum TransportKind
{
    /// <summary>Standalone: MassTransit's in-memory transport, all services in one process.</summary>
    InMemory,
    /// <summary>Distributed: RabbitMQ.</summary>
    RabbitMq,
}

/// <summary>Configuration section "Messaging".</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public TransportKind Transport { get; set; } = TransportKind.InMemory;
    public RabbitMqOptions RabbitMq { get; set; } = new();
    /// <summary>Attempts after the first before a message goes to the _error queue.</summary>
    [Range(0, 100)]
    public int RetryLimit { get; set; } = 5;
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Messages a service's queue hands out at once; also its consumer concurrency.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 32;

    /// <summary>Messaging:RabbitMq:Nodes checked at start: each entry a host or host:port.</summary>
    public sealed class Validator : IValidateOptions<MessagingOptions>
    {
        public ValidateOptionsResult Validate(string? name, MessagingOptions options)
        {
            var rabbit = options.RabbitMq;
            var wrong = rabbit.Nodes.Select((text, i) => (text, i)).Where(n => !RabbitNode.TryParse(n.text, rabbit.Port, out _))
                .Select(n => $"Messaging:RabbitMq:Nodes:{n.i} '{n.text}' is not a host or host:port (port 1-65535).").ToList();
            return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
        }
    }
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>
    /// The other nodes of a RabbitMQ cluster, "host" or "host:port" (port: <see cref="Port"/>), as
    /// Messaging:RabbitMq:Nodes:0, :1, ... A process connects to Host:Port first; when that connection
    /// fails or drops, it tries the next node in this list, and so on round the list.
    /// </summary>
    public List<string> Nodes { get; set; } = [];

    /// <summary>The type of the services' durable queues (governance.&lt;service&gt; and its _error queue).</summary>
    public RabbitQueueType QueueType { get; set; } = RabbitQueueType.Quorum;

    /// <summary>Every node to connect to, Host:Port first, each as "host:port".</summary>
    public IReadOnlyList<string> ClusterNodes() =>
        [$"{Host}:{Port}", .. Nodes.Select(n => RabbitNode.TryParse(n, Port, out var node) ? node : n)];
}

/// <summary>
/// What a service's durable queue is on RabbitMQ. A queue's type cannot change once it exists: moving
/// a broker's classic queues to quorum is a step of its own (deploy/README.md, "RabbitMQ cluster").
/// </summary>
public enum RabbitQueueType
{
    /// <summary>Replicated over the cluster's nodes (Raft): a message confirmed to the publisher is on a
    /// majority of them, and the queue lives on while a majority does. On a single node it behaves
    /// like a classic durable queue.</summary>
    Quorum,
    /// <summary>One node's queue: for a broker whose queues were made classic by an earlier release,
    /// until they are migrated.</summary>
    Classic,
}

/// <summary>A cluster node's address as the settings give it: "host" or "host:port".</summary>
public static class RabbitNode
{
    public static bool TryParse(string? text, ushort defaultPort, out string node)
    {
        node = "";
        if (string.IsNullOrWhiteSpace(text) || text.Any(char.IsWhiteSpace) || text.Contains('/')) return false;
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            node = $"{text}:{defaultPort}";
            return true;
        }
        if (colon == 0 || !ushort.TryParse(text[(colon + 1)..], out var port) || port == 0 || text[..colon].Contains(':')) return false;
        node = text;
        return true;
    }
}
