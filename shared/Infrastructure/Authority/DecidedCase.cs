using Governance.Infrastructure.Hosting;
using Contracts = Governance.Contracts;
using Microsoft.AspNetCore.Http;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// The case as the permission check saw it, kept for the action's own transaction. The check reads
/// the case before the transaction starts; if the case moved in between (the sweeper escalated it, a
/// county dispatcher pulled it up, a message from the other service landed), the decision was made for
/// a holder the case no longer has, so the action answers 409 instead of acting on the new tier
/// (found trying it from outside: a grid worker's 办结 and a pull-up at the same moment left a case
/// resolved by a grid worker on the township tier).
/// </summary>
public sealed record DecidedCase(Guid Id, Contracts.Tier? Tier, string? HoldingUnit)
{
    private static readonly object Key = new();

    /// <param name="facts">Null for an unrestricted caller: no check ran, nothing to hold the action to.</param>
    internal static ValueTask<object?> RememberAndRunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next,
        Guid id, CaseFacts? facts)
    {
        if (facts is not null)
            context.HttpContext.Items[Key] = new DecidedCase(id, facts.Tier, facts.HolderChain.Count > 0 ? facts.HolderChain[0].Code : null);
        return next(context);
    }

    /// <summary>What the check decided on for this request; null for an unrestricted caller (no check ran).</summary>
    public static DecidedCase? Of(HttpContext http) => http.Items.TryGetValue(Key, out var decided) ? decided as DecidedCase : null;

    /// <summary>Whether the case is held now where it was held when the check was made (the tier alone
    /// when the check knew no holding unit: a case not routed yet).</summary>
    public bool StillHeldAt(Contracts.Tier? tier, string? holdingUnit) => Tier == tier && (HoldingUnit is null || HoldingUnit == holdingUnit);

    public static Bilingual MovedRefusal => new("The case moved to another tier or unit while you acted; reload it and decide again.",
        "您操作期间案件已转到其他层级或单位；请刷新后重新决定。");
}
