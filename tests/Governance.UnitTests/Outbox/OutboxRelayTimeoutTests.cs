using Dapper;
using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Routing;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Messaging.Watchdog;
using Governance.Infrastructure.Outbox;
using Governance.UnitTests.Dispatch;
using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Governance.UnitTests.Outbox;

/// <summary>
/// A publish that never completes and ignores its token (as RabbitMQ's client can after a broker
/// restart, waiting for a confirm that never comes) must not hold the relay and its claimed rows for
/// ever: the batch is given up after the publish timeout, its rows stay unsent, and a later round
/// with a working bus sends them.
/// </summary>
[TestFixture]
public sealed class OutboxRelayTimeoutTests
{
    [Test]
    public async Task A_publish_that_never_answers_is_given_up_and_its_rows_go_out_in_a_later_round()
    {
        await using var sandbox = await DispatchSandbox.StartAsync(RoutingPolicy.Default);
        var message = new IncidentAccepted(Guid.CreateVersion7(), "test", DateTimeOffset.UtcNow);
        await sandbox.Runner.RunAsync(uow => uow.PublishAsync(message));
        var outbox = new Outbox<DispatchDatabase>(sandbox.Db, TimeProvider.System);
        var options = Options.Create(new OutboxRelayOptions { PublishTimeout = TimeSpan.FromMilliseconds(300) });

        var never = new TaskCompletionSource(); // completed only in the finally: a publish stuck until then
        var stuck = Bus.Factory.CreateUsingInMemory(cfg => cfg.ConfigurePublish(p => p.UseExecuteAsync(_ => never.Task)));
        await stuck.StartAsync();
        try
        {
            var relay = new OutboxRelay<DispatchDatabase>(outbox, stuck, TimeProvider.System, options,
                new MessagingOptions(), new RelayBatches(TimeProvider.System), NullLogger<OutboxRelay<DispatchDatabase>>.Instance);
            var attempt = relay.RelayBatchAsync(10, CancellationToken.None);
            var first = await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.That(first, Is.SameAs(attempt), "the relay gave up the stuck batch within its publish timeout (bounded wait: 20 s)");
            Assert.That(async () => await attempt, Throws.InstanceOf<BrokerDidNotConfirmException>());
            Assert.That(await UnsentAsync(sandbox), Is.EqualTo(1), "the claimed row was rolled back, not marked sent");
        }
        finally
        {
            never.TrySetResult();
            await stuck.StopAsync();
        }

        var working = Bus.Factory.CreateUsingInMemory(_ => { });
        await working.StartAsync();
        try
        {
            var relay = new OutboxRelay<DispatchDatabase>(outbox, working, TimeProvider.System, options,
                new MessagingOptions(), new RelayBatches(TimeProvider.System), NullLogger<OutboxRelay<DispatchDatabase>>.Instance);
            Assert.That(await relay.RelayBatchAsync(10, CancellationToken.None), Is.EqualTo(1));
            Assert.That(await UnsentAsync(sandbox), Is.Zero);
        }
        finally
        {
            await working.StopAsync();
        }
    }

    [Test]
    public async Task A_publish_that_blocks_its_thread_before_answering_is_given_up_too()
    {
        await using var sandbox = await DispatchSandbox.StartAsync(RoutingPolicy.Default);
        await sandbox.Runner.RunAsync(uow => uow.PublishAsync(new IncidentAccepted(Guid.CreateVersion7(), "test", DateTimeOffset.UtcNow)));
        var outbox = new Outbox<DispatchDatabase>(sandbox.Db, TimeProvider.System);
        var options = Options.Create(new OutboxRelayOptions { PublishTimeout = TimeSpan.FromMilliseconds(300) });

        // Blocks the calling thread, not a task: a relay that called publishes one after another on its own thread
        // would never reach its timeout.
        using var gate = new ManualResetEventSlim(false);
        var blocking = Bus.Factory.CreateUsingInMemory(cfg => cfg.ConfigurePublish(p => p.UseExecute(_ => gate.Wait(TimeSpan.FromSeconds(30)))));
        await blocking.StartAsync();
        try
        {
            var relay = new OutboxRelay<DispatchDatabase>(outbox, blocking, TimeProvider.System, options,
                new MessagingOptions(), new RelayBatches(TimeProvider.System), NullLogger<OutboxRelay<DispatchDatabase>>.Instance);
            var attempt = Task.Run(() => relay.RelayBatchAsync(10, CancellationToken.None));
            var first = await Task.WhenAny(attempt, Task.Delay(TimeSpan.FromSeconds(20)));
            Assert.That(first, Is.SameAs(attempt), "the relay gave up the blocked batch within its publish timeout (bounded wait: 20 s)");
            Assert.That(async () => await attempt, Throws.InstanceOf<BrokerDidNotConfirmException>());
            Assert.That(await UnsentAsync(sandbox), Is.EqualTo(1));
        }
        finally
        {
            gate.Set();
            await blocking.StopAsync();
        }
    }

    private static async Task<long> UnsentAsync(DispatchSandbox sandbox)
    {
        await using var c = await sandbox.Db.OpenReadAsync();
        return await c.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at_ms IS NULL");
    }
}
