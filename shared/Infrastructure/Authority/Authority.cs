using Governance.Contracts;

namespace Governance.Infrastructure.Authority;

/// <summary>
/// The one place that decides who may do what: case actions by the caller's relation to the case
/// (<see cref="CasePermissions"/>), unit actions by role and scope (<see cref="UnitPermissions"/>).
/// Endpoints declare their action and the filters ask here; <c>allowedActions</c> asks here too, so a
/// page never shows a button the API refuses.
/// </summary>
public static class Authority
{
    public static Decision Decide(Person person, CaseFacts facts, CaseAction action)
    {
        var relations = Relations.Of(person, facts);
        if (relations.Count == 0) return Decision.Hide;
        var grants = CasePermissions.Table[action];
        if (grants.Any(g => g.Admits(person, facts, relations))) return Decision.Allow;
        return new Decision.Forbidden(AuthorityTexts.Needs(Code(action), grants));
    }

    /// <summary>合并: the same standing on both cases under one line of the table — he may resolve both
    /// (holder of both) or stands above both. Holding one and standing above the other is not enough:
    /// merging would let a township dispatcher close a village's case, or a grave case vanish into a
    /// courtyard's. 404 when the caller may not read the case merged into.</summary>
    public static Decision DecideMerge(Person person, CaseFacts duplicate, CaseFacts into)
    {
        var (ofDuplicate, ofInto) = (Relations.Of(person, duplicate), Relations.Of(person, into));
        if (ofDuplicate.Count == 0 || ofInto.Count == 0) return Decision.Hide;
        var grants = CasePermissions.Table[CaseAction.Merge];
        return grants.Any(g => g.Admits(person, duplicate, ofDuplicate) && g.Admits(person, into, ofInto))
            ? Decision.Allow
            : new Decision.Forbidden(AuthorityTexts.NeedsOnBoth(Code(CaseAction.Merge), grants));
    }

    /// <summary>Every action the caller may take on the case, by the table alone (the case's state is the caller's to add).</summary>
    public static IReadOnlyList<CaseAction> Permitted(Person person, CaseFacts facts)
    {
        var relations = Relations.Of(person, facts);
        if (relations.Count == 0) return [];
        return CasePermissions.Table.Where(row => row.Value.Any(g => g.Admits(person, facts, relations))).Select(row => row.Key).ToList();
    }

    /// <summary>A unit action: the caller's roles, and where it applies, the unit it is done at
    /// (<paramref name="target"/>: the unit first, the county last; null when the action has no unit).</summary>
    public static Decision Decide(Person person, UnitAction action, IReadOnlyList<ChainUnit>? target = null)
    {
        var grants = UnitPermissions.Table[action];
        foreach (var grant in grants)
        {
            if (grant.Roles is not null && !grant.Roles.Any(person.HasRole)) continue;
            if (InScope(person, grant.Scope, target)) return Decision.Allow;
        }
        if (grants.All(g => g.Scope == UnitScope.LinkedUnits))
            return new Decision.Forbidden(person.LeaderOf.Count == 0
                ? AuthorityTexts.NeedsLeaderPost(Code(action))
                : AuthorityTexts.OnlyLinkedUnits(Code(action)));
        return new Decision.Forbidden(grants.Any(g => g.Roles is null || g.Roles.Any(person.HasRole))
            ? AuthorityTexts.OnlyOwnUnits(Code(action))
            : AuthorityTexts.NeedsRole(Code(action), string.Join(", ", grants.SelectMany(g => g.Roles ?? []).Distinct())));
    }

    /// <summary>True when some grant of the action admits the caller at all (somewhere): one of his roles,
    /// and for a leader's grant, a leader post.</summary>
    public static bool MayEverDo(Person person, UnitAction action) =>
        UnitPermissions.Table[action].Any(g => (g.Roles is null || g.Roles.Any(person.HasRole))
            && (g.Scope != UnitScope.LinkedUnits || person.LeaderOf.Count > 0));

    private static bool InScope(Person person, UnitScope scope, IReadOnlyList<ChainUnit>? target) => scope switch
    {
        UnitScope.County => true,
        UnitScope.OwnSubtree => target is not null && target.Any(u => person.Units.Contains(u.Code)),
        UnitScope.OwnSubtreeBelowTownship => target is { Count: > 0 } && target[0].Level > UnitLevel.Township
            && target.Any(u => person.Units.Contains(u.Code)),
        UnitScope.LinkedUnits => target is not null && target.Any(u => person.LeaderOf.Contains(u.Code)),
        _ => false,
    };

    public static string Code(CaseAction action) => Hosting.Codes.Of(action);

    public static string Code(UnitAction action) => Hosting.Codes.Of(action);
}
