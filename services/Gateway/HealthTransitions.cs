using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

/// <summary>
/// One log line when an instance goes down and one when it comes back, instead of YARP's warning with a whole stack
/// trace for every failed probe (every 2 s per dead instance, for as long as it stays dead: a stopped instance over a
/// weekend filled the log). The active health check policies are wrapped, not replaced: each cluster's "Policy" in
/// appsettings.json still decides when an instance is down (ConsecutiveFailures: two failed probes in a row), so
/// routing and the gateway's readiness (Readiness.cs) are as before; the wrapper only compares an instance's state
/// before and after the policy judged a round of probes, and says why when it went down (the probe's error or status,
/// one line). YARP's per-probe and per-transition messages are filtered to errors (a cluster whose probing itself
/// failed still shows).
/// </summary>
internal static class HealthTransitions
{
    /// <summary>Our lines' category, so an operator can raise or lower them on their own.</summary>
    public const string Category = "Governance.Gateway.Health";

    public static WebApplicationBuilder LogHealthTransitionsOnce(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor", LogLevel.Error);
        builder.Logging.AddFilter("Yarp.ReverseProxy.Health.DestinationHealthUpdater", LogLevel.Error);
        var policies = builder.Services.Where(d => d.ServiceType == typeof(IActiveHealthCheckPolicy)).ToList();
        foreach (var policy in policies)
        {
            builder.Services.Remove(policy);
            builder.Services.AddSingleton<IActiveHealthCheckPolicy>(sp =>
                new LoggedHealthPolicy(Create(sp, policy), sp.GetRequiredService<ILoggerFactory>().CreateLogger(Category)));
        }
        return builder;
    }

    /// <summary>The policy YARP registered, made as the container would have made it.</summary>
    private static IActiveHealthCheckPolicy Create(IServiceProvider services, ServiceDescriptor registered) =>
        (IActiveHealthCheckPolicy)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));

    private sealed class LoggedHealthPolicy(IActiveHealthCheckPolicy inner, ILogger logger) : IActiveHealthCheckPolicy
    {
        public string Name => inner.Name;

        public void ProbingCompleted(ClusterState cluster, IReadOnlyList<DestinationProbingResult> probingResults)
        {
            var before = probingResults.Select(r => r.Destination.Health.Active).ToArray();
            inner.ProbingCompleted(cluster, probingResults); // sets the new states before it returns
            for (var i = 0; i < probingResults.Count; i++)
            {
                var (destination, was) = (probingResults[i].Destination, before[i]);
                var now = destination.Health.Active;
                if (now == was) continue;
                if (now == DestinationHealth.Unhealthy)
                    logger.LogWarning("Instance {Destination} of {Cluster} ({Address}) is down: {Reason}. Requests go to the other instances until it answers its health check again.",
                        destination.DestinationId, cluster.ClusterId, destination.Model.Config.Address, Reason(probingResults[i]));
                else if (was == DestinationHealth.Unhealthy)
                    logger.LogInformation("Instance {Destination} of {Cluster} ({Address}) is back: it answers its health check, and requests go to it again.",
                        destination.DestinationId, cluster.ClusterId, destination.Model.Config.Address);
            }
        }

        /// <summary>The last probe's fault on one line: its exception's message (the innermost says most: "Connection
        /// refused"), or the status it answered.</summary>
        private static string Reason(DestinationProbingResult probe)
        {
            if (probe.Response is { } response) return $"its health check answered HTTP {(int)response.StatusCode}";
            if (probe.Exception is not { } failure) return "its health check did not answer";
            while (failure.InnerException is not null) failure = failure.InnerException;
            return $"its health check failed ({failure.Message})";
        }
    }
}
