namespace Governance.Grids.Model;

/// <summary>A unit of the territory: county, township, village, grid or courtyard. A retired unit
/// (a merged grid, a demolished courtyard) keeps its code and stays readable, because cases filed
/// there keep pointing at it.</summary>
public sealed record Unit(string Code, string Name, UnitLevel Level, string? ParentCode, long Version, DateTimeOffset? RetiredAt = null)
{
    public bool Retired => RetiredAt is not null;

    /// <summary>The unit as announced, with the box of its boundary (null: it has none), the boundary itself
    /// (grids and courtyards: where calls are placed) and its address aliases.</summary>
    public UnitRecord ToRecord(BoundingBox? box = null, Shape? shape = null, IReadOnlyList<string>? aliases = null) =>
        new(Code, Name, Level, ParentCode, Version, Retired,
            box is { } b ? new UnitExtent(b.MinLat, b.MinLng, b.MaxLat, b.MaxLng) : null,
            shape is null ? null : Geometry.Coordinates(shape), aliases is { Count: > 0 } ? aliases : null);
}
