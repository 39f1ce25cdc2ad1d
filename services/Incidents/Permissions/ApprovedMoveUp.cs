using Governance.Infrastructure.Authority;

namespace Governance.Incidents.Permissions;

/// <summary>
/// A case whose move up the tier above approved is that tier's from the moment it said yes, although
/// Incidents' row still names the old holder until Dispatch has moved it (a RabbitMQ round trip in a
/// county's deployment, longer while Dispatch is down). Until then the requester is no longer its
/// holder (his resolve answers 403), and the new holder's own actions answer 409 "moved" (the row has
/// not caught up), so nobody acts on a tier the case is leaving.
/// </summary>
public static class ApprovedMoveUp
{
    /// <summary>The tier and holding chain the case is moving to: the first unit above of the next tier's level.</summary>
    public static (Tier Tier, IReadOnlyList<ChainUnit> Holder)? Destination(Tier? tier, IReadOnlyList<ChainUnit> holder)
    {
        if (tier is null or Tier.County) return null;
        var next = (Tier)((int)tier.Value + 1);
        var level = next switch
        {
            Tier.Village => UnitLevel.Village,
            Tier.Township => UnitLevel.Township,
            _ => UnitLevel.County,
        };
        var above = holder.SkipWhile(u => u.Level != level).ToList();
        return above.Count == 0 ? null : (next, above);
    }
}
