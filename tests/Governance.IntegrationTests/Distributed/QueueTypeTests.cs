using Governance.Contracts;
using Governance.IntegrationTests.Support;
using MassTransit;

namespace Governance.IntegrationTests.Distributed;

/// <summary>
/// The services' durable queues are quorum queues on RabbitMQ unless Messaging:RabbitMq:QueueType says
/// Classic (a broker whose queues an earlier release made classic: a queue's type cannot change in
/// place). The live board's temporary queue stays classic either way: a quorum queue is always durable.
/// The three-node cluster these are meant for is tested in tests/Governance.FaultTests
/// (RabbitClusterFaultTests); a single node takes quorum queues as well.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class QueueTypeTests
{
    [TestCase(null, "quorum")]
    [TestCase("Classic", "classic")]
    public async Task Dispatch_declares_its_queue_and_error_queue_with_the_configured_type_and_the_live_queue_classic(string? setting, string expected)
    {
        var environment = await PostgresRabbitEnvironment.CreateAsync($"qt_{expected}");
        try
        {
            var settings = environment.Settings("dispatch");
            if (setting is not null) settings["Messaging:RabbitMq:QueueType"] = setting;
            await using (var host = await InProcessHost.StartAsync(settings))
            {
                // A case in a unit this Dispatch has never heard of (no Grids runs here): it fails every retry
                // and ends in governance.dispatch_error, which MassTransit declares when the first message fails.
                await host.Get<IBus>().Publish(new IncidentFiled(Guid.NewGuid(), Demo.Courtyard, Category.Facilities, Grade.IV,
                    "queue type", "test", DateTimeOffset.UtcNow));
                var queues = await Eventually.GetAsync(
                    () => Task.FromResult<IReadOnlyDictionary<string, (string Type, bool Durable)>?>(TestServers.QueueTypes(environment.VirtualHost)),
                    q => q.ContainsKey("governance.dispatch_error"), TimeSpan.FromSeconds(60), "the poison message's error queue");
                var durable = queues.Where(q => q.Value.Durable).ToDictionary(q => q.Key, q => q.Value.Type);
                var temporary = queues.Where(q => !q.Value.Durable).ToDictionary(q => q.Key, q => q.Value.Type);
                Assert.That(durable.Keys, Is.SupersetOf(new[] { "governance.dispatch", "governance.dispatch_error" }), string.Join(", ", queues.Keys));
                Assert.That(durable.Values, Is.All.EqualTo(expected), string.Join(", ", durable));
                Assert.That(temporary.Keys, Has.Some.StartsWith("governance.dispatch.live"), string.Join(", ", queues.Keys));
                Assert.That(temporary.Values, Is.All.EqualTo("classic"));
            }
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }
}
