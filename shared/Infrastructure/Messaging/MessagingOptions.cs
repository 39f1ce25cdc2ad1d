using System.ComponentModel.DataAnnotations;

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
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}
