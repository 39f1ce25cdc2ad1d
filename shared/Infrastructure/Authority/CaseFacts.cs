using Governance.Contracts;

namespace Governance.Infrastructure.Authority;

/// <summary>A unit in a chain from a place up to the county: enough to tell tiers and ancestry apart.</summary>
public sealed record ChainUnit(string Code, UnitLevel Level);

/// <summary>
/// What the permission model needs of a case, whichever service holds it: where it happened (the
/// place and its ancestors), who holds it now (tier and the holding unit's chain), who reported it,
/// which departments were called in, who resolved it and who holds it in hand (包案).
/// </summary>
/// <param name="PlaceChain">The place first, the county last.</param>
/// <param name="HolderChain">The holding unit first, the county last; empty while the case is not routed.</param>
public sealed record CaseFacts(
    IReadOnlyList<ChainUnit> PlaceChain,
    Tier? Tier,
    IReadOnlyList<ChainUnit> HolderChain,
    IReadOnlyCollection<string> Reporters,
    Grade Grade,
    string? LeadDepartment = null,
    IReadOnlyCollection<string>? CoDepartments = null,
    string? ResolvedBy = null,
    string? InHandOf = null,
    IReadOnlyCollection<string>? FinishedDepartments = null)
{
    public IEnumerable<string> Departments =>
        (LeadDepartment is null ? [] : new[] { LeadDepartment }).Concat(CoDepartments ?? []);

    /// <summary>Whether the person's department has a part of the case left to work on (not finished).</summary>
    public bool PartOpenFor(Person person) =>
        person.Department is { } department && Departments.Contains(department) && !(FinishedDepartments?.Contains(department) ?? false);

    /// <summary>The chain of a holding unit, taken from the place's chain when the holder is the place
    /// or one of its ancestors (the usual case: cases move up from where they happened).</summary>
    public static IReadOnlyList<ChainUnit>? HolderChainWithin(IReadOnlyList<ChainUnit> placeChain, string? holdingUnit)
    {
        if (holdingUnit is null) return [];
        for (var i = 0; i < placeChain.Count; i++)
            if (placeChain[i].Code == holdingUnit) return placeChain.Skip(i).ToList();
        return null;
    }
}
