using System.Net.Http.Json;
using Governance.Infrastructure.Messaging.Watchdog;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.IntegrationTests.Messaging;

/// <summary>
/// The messaging watchdog (shared/Infrastructure/Messaging/Watchdog) sees what it judges by on a real Host with
/// RabbitMQ: the deliveries of each service queue (ReceiveActivity, connected to the bus by MassTransit), each relay's
/// batches, and the broker's own count of a queue on a connection of its own. Without these it would judge from
/// nothing, and at saturation take a busy queue for a stuck one. Its rules are StallJudgeTests'; fault drills H and
/// L show it stopping a wedged process.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WatchdogWiringTests
{
    [Test]
    public async Task A_Host_on_RabbitMQ_runs_the_watchdog_and_it_sees_deliveries_relay_batches_and_the_broker()
    {
        var environment = await PostgresRabbitEnvironment.CreateAsync("watchdog");
        try
        {
            var settings = environment.Settings();
            settings["Logging:LogLevel:Default"] = "Warning";
            var started = DateTimeOffset.UtcNow;
            await using var host = await InProcessHost.StartAsync(settings);
            await host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60)); // Grids' units reached Incidents by message
            var filed = await host.Http.PostAsJsonAsync("/incidents", new
            {
                unitCode = Demo.Courtyard, category = "dispute", grade = "IV", title = "watchdog", description = "a case to route",
            });
            Assert.That((int)filed.StatusCode, Is.EqualTo(201), await filed.Content.ReadAsStringAsync());

            var activity = host.Get<ReceiveActivity>();
            await Eventually.GetAsync(() => Task.FromResult<DateTimeOffset?>(activity.Of("governance.dispatch").LastReceivedAt),
                at => at > started, TimeSpan.FromSeconds(30), "Dispatch to receive the filing");
            Assert.That(activity.Of("governance.incidents").LastReceivedAt, Is.GreaterThan(started), "Incidents received the units");
            Assert.That(host.Services.GetServices<IHostedService>().OfType<MessagingWatchdog>(), Has.Exactly(1).Items);

            var relays = host.Get<RelayBatches>().Snapshot();
            Assert.That(relays.Select(r => r.Service), Is.EquivalentTo(new[] { "grids", "incidents", "dispatch" }));
            Assert.That(relays, Has.All.Matches<RelayState>(r => r.LastSuccessAt > started && !r.LastPublishFailed));

            var rabbit = host.Get<Infrastructure.Messaging.MessagingOptions>().RabbitMq;
            await using var probe = new QueueProbe(rabbit, "test", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
            Assert.That(await probe.ReadyAsync("governance.dispatch", CancellationToken.None), Is.Not.Null.And.GreaterThanOrEqualTo(0),
                "the broker answers the probe's own connection");
            Assert.That(await probe.ReadyAsync("governance.no-such-queue", CancellationToken.None), Is.Null, "a queue the broker does not know: not known");
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }

    /// <summary>The watchdog measures how long something has been stuck on the machine's clock. A test's clock moved by
    /// days (the dashboard's, the deadlines') made it see a stall of days and end the test process with exit 75.</summary>
    [Test]
    public async Task The_watchdog_keeps_the_machines_time_whatever_clock_the_application_is_given()
    {
        var environment = await PostgresRabbitEnvironment.CreateAsync("watchdog_clock");
        try
        {
            var settings = environment.Settings();
            settings["Logging:LogLevel:Default"] = "Warning";
            var appClock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2020, 1, 1, 2, 0, 0, TimeSpan.Zero));
            await using var host = await InProcessHost.StartAsync(settings, appClock);
            await host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60));
            appClock.Advance(TimeSpan.FromDays(30));

            var activity = host.Get<ReceiveActivity>();
            var relays = host.Get<RelayBatches>().Snapshot();
            var machineNow = DateTimeOffset.UtcNow;
            Assert.That(activity.Of("governance.incidents").LastReceivedAt, Is.EqualTo(machineNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(relays.Select(r => r.LastSuccessAt), Has.All.EqualTo(machineNow).Within(TimeSpan.FromMinutes(5)));
            Assert.That(host.Get<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, Is.False);
        }
        finally
        {
            await environment.DisposeAsync();
        }
    }
}
