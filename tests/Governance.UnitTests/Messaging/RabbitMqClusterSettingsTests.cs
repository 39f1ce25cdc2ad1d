using Governance.Infrastructure.Messaging;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Governance.UnitTests.Messaging;

/// <summary>
/// Messaging:RabbitMq as a county sets it for a cluster: Host:Port first, then Nodes in turn; durable
/// queues quorum unless QueueType says Classic; a node that is not host or host:port refused at start.
/// </summary>
[TestFixture]
public sealed class RabbitMqClusterSettingsTests
{
    private static MessagingOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Messaging:{s.Key}", s.Value)))
            .Build();
        return configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
    }

    [Test]
    public void The_nodes_to_connect_to_are_Host_and_Port_first_then_Nodes_in_order_with_the_port_filled_in()
    {
        var options = Bind(("RabbitMq:Host", "mq1"), ("RabbitMq:Port", "5673"), ("RabbitMq:Nodes:0", "mq2"), ("RabbitMq:Nodes:1", "10.0.0.3:5672"));
        Assert.That(options.RabbitMq.ClusterNodes(), Is.EqualTo(new[] { "mq1:5673", "mq2:5673", "10.0.0.3:5672" }));
    }

    [Test]
    public void Without_Nodes_there_is_only_Host_and_Port()
    {
        Assert.That(Bind().RabbitMq.ClusterNodes(), Is.EqualTo(new[] { "127.0.0.1:5672" }));
    }

    [Test]
    public void Durable_queues_are_quorum_queues_unless_the_settings_say_classic()
    {
        Assert.That(Bind().RabbitMq.QueueType, Is.EqualTo(RabbitQueueType.Quorum));
        Assert.That(Bind(("RabbitMq:QueueType", "classic")).RabbitMq.QueueType, Is.EqualTo(RabbitQueueType.Classic));
    }

    [TestCase("mq2")]
    [TestCase("mq2.county.example:5672")]
    [TestCase("10.0.0.2:5672")]
    public void A_host_or_host_and_port_is_accepted(string node)
    {
        var result = new MessagingOptions.Validator().Validate(null, Bind(("RabbitMq:Nodes:0", node)));
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("mq2:http")]
    [TestCase("mq2:0")]
    [TestCase("mq2:70000")]
    [TestCase("amqp://mq2:5672")]
    [TestCase("mq 2")]
    [TestCase(":5672")]
    public void Anything_else_is_refused_naming_the_setting(string node)
    {
        var result = new MessagingOptions.Validator().Validate(null, Bind(("RabbitMq:Nodes:0", "mq2"), ("RabbitMq:Nodes:1", node)));
        Assert.That(result.Failures, Is.EqualTo(new[] { $"Messaging:RabbitMq:Nodes:1 '{node}' is not a host or host:port (port 1-65535)." }));
    }
}
