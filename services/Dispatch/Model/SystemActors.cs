namespace Governance.Dispatch.Model;

/// <summary>
/// The actor recorded for a step nobody took by hand: "system:" and the job that took it, never a
/// bare service name (docs/permissions.md). A step a person caused through a message (a
/// requested escalation, a re-grade) records that person instead.
/// </summary>
public static class SystemActors
{
    public const string Router = "system:router";
    public const string DeadlineSweeper = "system:deadline-sweeper";
    /// <summary>Verification said not solved: the clock restarts, or twice rejected the case climbs.</summary>
    public const string Verification = "system:incident-verified";
    /// <summary>Village mediation failed: the dispute goes to the township's justice office.</summary>
    public const string MediationFailed = "system:mediation-failed";
    /// <summary>A re-grade into grade II or I shows the case to the tiers above.</summary>
    public const string Regrading = "system:incident-regraded";
}
