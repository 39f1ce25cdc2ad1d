using Governance.Contracts;
using Governance.Infrastructure.Security;

namespace Governance.Infrastructure.Authority;

/// <summary>How a person relates to a case: pure, from the token's facts and the case's facts.
/// A person's roles apply at each of his units (staff hold one role at one unit in practice).</summary>
public static class Relations
{
    public static IReadOnlySet<Relation> Of(Person person, CaseFacts facts)
    {
        var relations = new HashSet<Relation>();
        if (IsHolder(person, facts)) relations.Add(Relation.Holder);
        if (IsAbove(person, facts)) relations.Add(Relation.Above);
        if (!relations.Contains(Relation.Holder) && facts.PlaceChain.Any(u => person.Units.Contains(u.Code))) relations.Add(Relation.Place);
        if (facts.Reporters.Contains(person.Id)) relations.Add(Relation.Reporter);
        if (person.HasRole(Roles.DepartmentHandler) && person.Department is { } department && facts.Departments.Contains(department))
            relations.Add(Relation.Department);
        if (person.LeaderOf.Count > 0 && facts.PlaceChain.Any(u => person.LeaderOf.Contains(u.Code))) relations.Add(Relation.Leader);
        return relations;
    }

    private static bool IsHolder(Person person, CaseFacts facts)
    {
        if (facts.Tier is not { } tier) return false;
        // 吹哨报到: the lead department owns the case on the township or county tier.
        if (tier >= Tier.Township && person.HasRole(Roles.DepartmentHandler) && person.Department is { } department
            && department == facts.LeadDepartment) return true;
        return RolesAtHolderChain(person, facts).Any(x => x.Tier == tier);
    }

    private static bool IsAbove(Person person, CaseFacts facts) =>
        facts.Tier is { } tier && RolesAtHolderChain(person, facts).Any(x => x.Tier > tier && RoleTiers.Above.Contains(x.Role));

    /// <summary>The caller's roles held at the holding unit or above it, with the tier each handles there.</summary>
    internal static IEnumerable<(string Role, Tier? Tier)> RolesAtHolderChain(Person person, CaseFacts facts) =>
        from unit in facts.HolderChain
        where person.Units.Contains(unit.Code)
        from role in person.Roles
        select (role, RoleTiers.HandlingTier(role, unit.Level));
}
