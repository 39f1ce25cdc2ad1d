using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Dispatch.Live;

/// <summary>Registration of the live board feed (GET /dispatch/events/stream) in the Dispatch service.</summary>
public static class LiveSetup
{
    /// <summary>The broadcaster, and its consumer on a temporary endpoint of this instance:
    /// non-durable and auto-deleted on RabbitMQ ("governance.dispatch.live-&lt;instance&gt;"), bound to the
    /// same events as every other instance's, so each instance hears every change (see
    /// <see cref="LiveEventsConsumer"/> for why not the service queue).</summary>
    public static void AddLiveEvents(this IBusRegistrationConfigurator bus, string service)
    {
        bus.TryAddSingleton<LiveBroadcaster>();
        bus.AddConsumer<LiveEventsConsumer>().Endpoint(e =>
        {
            e.Name = $"{BusSetup.QueueName(service)}.live";
            e.InstanceId = Guid.NewGuid().ToString("N")[..12];
            e.Temporary = true;
        });
    }
}
