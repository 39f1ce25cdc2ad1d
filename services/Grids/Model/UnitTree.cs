namespace Governance.Grids.Model;

/// <summary>The shape of the territory: every unit sits exactly one level below its parent
/// (courtyard under grid, grid under village, village under township, township under county).</summary>
public static class UnitTree
{
    /// <summary>The level a unit's parent must have; null for the county, which has none.</summary>
    public static UnitLevel? ParentLevel(UnitLevel level) => level == UnitLevel.County ? null : level - 1;

    /// <summary>Why <paramref name="parent"/> cannot hold a unit of <paramref name="level"/>, or null if it can.</summary>
    public static string? WhyNotParent(UnitLevel level, Unit? parent, string parentCode)
    {
        if (ParentLevel(level) is not { } wanted) return "a county has no parent.";
        if (parent is null) return $"'{parentCode}' is not a known unit.";
        if (parent.Retired) return $"'{parentCode}' is retired.";
        return parent.Level == wanted
            ? null
            : $"a {Codes(level)} belongs under a {Codes(wanted)}; '{parentCode}' is a {Codes(parent.Level)}.";
    }

    private static string Codes(UnitLevel level) => Infrastructure.Hosting.Codes.Of(level);
}
