using Governance.Contracts;

namespace Governance.Grids.Model;

/// <summary>A unit of the territory: county, township, village, grid or courtyard.</summary>
public sealed record Unit(string Code, string Name, UnitLevel Level, string? ParentCode, long Version)
{
    public UnitRecord ToRecord() => new(Code, Name, Level, ParentCode, Version);
}
