using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Messaging.Watchdog;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Infrastructure.Messaging;

/// <summary>
/// One MassTransit bus per process, whichever services the process hosts. Each service gets one
/// queue named after it ("governance.dispatch"), holding all its consumers; several instances of a
/// service share that queue (competing consumers), and a poison message ends in its "_error" queue.
/// </summary>
public static class BusSetup
{
    public static string QueueName(string service) => $"governance.{service}";

    /// <summary>Registers a consumer on its service's queue, a durable one of the configured type
    /// (Messaging:RabbitMq:QueueType, quorum by default). Temporary endpoints, such as the live board's,
    /// are not registered here and stay classic: a quorum queue is always durable and never auto-deleted.</summary>
    public static void AddServiceConsumer<TConsumer>(this IBusRegistrationConfigurator bus, string service)
        where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>().Endpoint(e =>
        {
            e.Name = QueueName(service);
            e.AddConfigureEndpointCallback(UseConfiguredQueueType);
        });

    /// <summary>On RabbitMQ, a quorum queue unless the settings ask for classic; MassTransit gives the
    /// queue's _error and _skipped queues the same type. The in-memory transport has no queue types.</summary>
    private static void UseConfiguredQueueType(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
            && context.GetRequiredService<MessagingOptions>().RabbitMq.QueueType == RabbitQueueType.Quorum)
            rabbit.SetQuorumQueue();
    }

    public static IServiceCollection AddGovernanceBus(this IServiceCollection services, IConfiguration configuration,
        IEnumerable<IServiceModule> modules)
    {
        // Which transport to register is decided here, before the container exists; every other value
        // is read from IOptions<MessagingOptions> (bound and checked in HostSettings) when the bus is built.
        var transport = Transport(configuration);
        modules = modules.ToList();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MessagingOptions>>().Value);
        if (transport == TransportKind.RabbitMq) AddWatchdog(services, modules);
        // The host (and with it the outbox relay) starts only once every receive endpoint is bound:
        // a message published earlier could reach an exchange with no queue behind it and vanish.
        services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromMinutes(2);
        });
        services.AddMassTransit(bus =>
        {
            // MassTransit 8.5 reports usage to usage-tracking.masstransit.io by default: a county's
            // servers send nothing to third parties (and usually cannot reach them: a warning per start).
            bus.DisableUsageTelemetry();
            foreach (var module in modules) module.AddConsumers(bus);

            if (transport == TransportKind.RabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    var options = context.GetRequiredService<MessagingOptions>();
                    var rabbit = options.RabbitMq;
                    cfg.Host(rabbit.Host, rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                        // Publish returns only once the broker has the message: on a quorum queue, once a
                        // majority of the cluster's nodes has it. The outbox marks a row sent only then.
                        h.PublisherConfirmation = true;
                        // A cluster: Host:Port first; when that connection fails or drops, the next node
                        // in Messaging:RabbitMq:Nodes, round the list (MassTransit's sequential resolver).
                        if (rabbit.Nodes.Count > 0)
                            h.UseCluster(c =>
                            {
                                foreach (var node in rabbit.ClusterNodes()) c.Node(node);
                            });
                    });
                    cfg.PrefetchCount = options.PrefetchCount;
                    ConfigureCommon(cfg, options);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    ConfigureCommon(cfg, context.GetRequiredService<MessagingOptions>());
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>The watchdog that stops a process whose RabbitMQ client wedged (MessagingWatchdog.cs), watching the
    /// queues of the services this process hosts. The in-memory bus has no client to wedge.</summary>
    private static void AddWatchdog(IServiceCollection services, IEnumerable<IServiceModule> modules)
    {
        IReadOnlyList<string> queues = modules.Select(m => QueueName(m.Name)).ToList();
        services.AddOptions<MessagingWatchdogOptions>().BindConfiguration(MessagingWatchdogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The watchdog measures how long something has been stuck: on the machine's clock, never the application's
        // TimeProvider, which tests replace with one they move by days (the watchdog then saw a stall of days and
        // ended the test process).
        services.AddSingleton(_ => new ReceiveActivity(TimeProvider.System));
        services.AddReceiveObserver(sp => sp.GetRequiredService<ReceiveActivity>());
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<MessagingWatchdog>(sp, queues, TimeProvider.System));
    }

    private static TransportKind Transport(IConfiguration configuration)
    {
        var configured = configuration[$"{MessagingOptions.Section}:Transport"];
        if (string.IsNullOrWhiteSpace(configured)) return TransportKind.InMemory;
        return Enum.TryParse<TransportKind>(configured, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(configured, out _)
            ? kind
            : throw new SettingsException($"Messaging:Transport '{configured}' is not one of {string.Join(", ", Enum.GetNames<TransportKind>())}.");
    }

    private static void ConfigureCommon(IBusFactoryConfigurator cfg, MessagingOptions options)
    {
        // Transient faults (a copy not yet current, a database restarting) are retried with growing
        // pauses; after the last attempt the message moves to the queue's _error queue. Broker-side
        // delayed redelivery needs a RabbitMQ plugin Debian does not ship, so retries stay in-process.
        cfg.UseMessageRetry(r =>
        {
            r.Exponential(options.RetryLimit, options.RetryMinInterval, options.RetryMaxInterval,
                TimeSpan.FromMilliseconds(Math.Max(1, options.RetryMinInterval.TotalMilliseconds)));
            r.Ignore<PermanentMessageException>();
        });
    }
}
