namespace Governance.Grids.Model;

/// <summary>The shape of the territory: every unit sits exactly one level below its parent
/// (courtyard under grid, grid under village, village under township, township under county).</summary>
public static class UnitTree
{
    /// <summary>The level a unit's parent must have; null for the county, which has none.</summary>
    public static UnitLevel? ParentLevel(UnitLevel level) => level == UnitLevel.County ? null : level - 1;
}
