using Governance.Contracts;

namespace Governance.Infrastructure.Authority;

/// <summary>A further condition on a grant, beyond relation, role and tier.</summary>
public enum GrantCondition
{
    None,
    /// <summary>Only general (IV) matters.</summary>
    GradeIV,
    /// <summary>Never the person who resolved it, nor anyone of the unit holding it (supervision apart from command), nor
    /// the leader who took it in hand: he signs off after someone else's verification, not his own.</summary>
    NotResolverNorHolder,
    /// <summary>Only the leader who took the case in hand.</summary>
    InHandOfCaller,
    /// <summary>Only from the tier directly above the case (the tier that would hold it next), not from higher up.</summary>
    TierDirectlyAbove,
}

/// <summary>One line of the permission table: people with <paramref name="Relation"/> to the case may act,
/// optionally only in some roles, only while the case is on some tiers, and only under a condition.</summary>
public sealed record Grant(Relation Relation, IReadOnlyList<string>? Roles = null, IReadOnlyList<Tier>? Tiers = null,
    GrantCondition Condition = GrantCondition.None)
{
    public bool Admits(Person person, CaseFacts facts, IReadOnlySet<Relation> relations) =>
        relations.Contains(Relation)
        && (Roles is null || Roles.Any(person.HasRole))
        && (Tiers is null || facts.Tier is { } tier && Tiers.Contains(tier))
        && Condition switch
        {
            GrantCondition.GradeIV => facts.Grade == Grade.IV,
            GrantCondition.NotResolverNorHolder => facts.ResolvedBy != person.Id && facts.InHandOf != person.Id
                && !relations.Contains(Governance.Infrastructure.Authority.Relation.Holder),
            GrantCondition.InHandOfCaller => facts.InHandOf == person.Id,
            GrantCondition.TierDirectlyAbove => HandlesTierDirectlyAbove(person, facts),
            _ => true,
        };

    /// <summary>A role he holds at the holding unit or above it handles the next tier up there.</summary>
    private static bool HandlesTierDirectlyAbove(Person person, CaseFacts facts) =>
        facts.Tier is { } tier && Relations.RolesAtHolderChain(person, facts).Any(x => RoleTiers.Above.Contains(x.Role) && x.Tier == tier + 1);

    public override string ToString()
    {
        var text = Hosting.Codes.Of(Relation);
        if (Roles is not null) text += $" as {string.Join(" or ", Roles)}";
        if (Tiers is not null) text += $" on the {string.Join(" or ", Tiers.Select(t => t.ToString().ToLowerInvariant()))} tier";
        text += Condition switch
        {
            GrantCondition.GradeIV => ", grade IV only",
            GrantCondition.NotResolverNorHolder => ", never the person who resolved it, a holder or the leader who took it in hand",
            GrantCondition.InHandOfCaller => ", only who took it in hand",
            GrantCondition.TierDirectlyAbove => ", only from the tier directly above",
            _ => "",
        };
        return text;
    }
}
