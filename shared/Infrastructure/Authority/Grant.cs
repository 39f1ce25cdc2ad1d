using Governance.Contracts;
using Governance.Infrastructure.Hosting;

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

    public override string ToString() => Describe().En;

    /// <summary>The line as a refusal names it (<see cref="AuthorityTexts"/>): codes as the API spells them, words in both languages.</summary>
    public Bilingual Describe()
    {
        var relation = Hosting.Codes.Of(Relation);
        var text = new Bilingual(relation, relation);
        if (Roles is not null) text += new Bilingual($" as {string.Join(" or ", Roles)}", $"，角色为 {string.Join(" 或 ", Roles)}");
        if (Tiers is not null)
            text += new Bilingual($" on the {string.Join(" or ", Tiers.Select(t => t.ToString().ToLowerInvariant()))} tier",
                $"，案件在{string.Join("或", Tiers.Select(ChineseNames.Of))}层级");
        return text + Condition switch
        {
            GrantCondition.GradeIV => new Bilingual(", grade IV only", "，仅限一般（IV级）事项"),
            GrantCondition.NotResolverNorHolder => new Bilingual(", never the person who resolved it, a holder or the leader who took it in hand",
                "，不能是办结人、承办单位的人或包案领导"),
            GrantCondition.InHandOfCaller => new Bilingual(", only who took it in hand", "，仅限包案领导本人"),
            GrantCondition.TierDirectlyAbove => new Bilingual(", only from the tier directly above", "，仅限上一级"),
            _ => new Bilingual("", ""),
        };
    }
}
