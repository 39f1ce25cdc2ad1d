using Governance.Infrastructure.UnitCopy;

namespace Governance.Dispatch.Routing;

/// <summary>The tiers in order, and which unit handles a case on each tier.</summary>
public static class EscalationLadder
{
    /// <summary>The tier above, or null at the county: the top does not escalate.</summary>
    public static Tier? Next(Tier tier) => tier == Tier.County ? null : tier + 1;

    /// <summary>
    /// The unit that handles a case from <paramref name="chain"/> (the place first, the county last)
    /// on <paramref name="tier"/>: on the lowest tier the place itself (its courtyard or grid),
    /// above it the place's ancestor on that tier. Null when the chain lacks that level.
    /// </summary>
    public static CopiedUnit? HandlingUnit(IReadOnlyList<CopiedUnit> chain, Tier tier)
    {
        if (chain.Count == 0) return null;
        if (tier == Tier.Courtyard)
            return chain[0].Level is UnitLevel.Courtyard or UnitLevel.Grid ? chain[0] : null;
        var level = tier switch
        {
            Tier.Village => UnitLevel.Village,
            Tier.Township => UnitLevel.Township,
            _ => UnitLevel.County,
        };
        return chain.FirstOrDefault(u => u.Level == level);
    }
}
