using Governance.Contracts;

namespace Governance.Grids.Model;

/// <summary>A unit of the territory: county, township, village, grid or courtyard. A retired unit
/// (a merged grid, a demolished courtyard) keeps its code and stays readable, because cases filed
/// there keep pointing at it.</summary>
public sealed record Unit(string Code, string Name, UnitLevel Level, string? ParentCode, long Version, DateTimeOffset? RetiredAt = null)
{
    public bool Retired => RetiredAt is not null;

    public UnitRecord ToRecord() => new(Code, Name, Level, ParentCode, Version, Retired);
}
