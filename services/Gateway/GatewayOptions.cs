using System.ComponentModel.DataAnnotations;

/// <summary>Configuration section "Gateway".</summary>
internal sealed class GatewayOptions
{
    /// <summary>How long /health/ready waits for each service's own answer. Readiness probes must fail
    /// fast: a service that hangs is as unavailable as one that is down, and an orchestrator polling
    /// /health/ready should not wait longer than its own probe timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
