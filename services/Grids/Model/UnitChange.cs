namespace Governance.Grids.Model;

/// <summary>One entry of a unit's history: what changed, from what to what, who and when.
/// <see cref="Version"/> is the unit's version after the change.</summary>
public sealed record UnitChange(
    Guid Id, string UnitCode, long Version, string Change, string? From, string? To, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>The history's change codes.</summary>
public static class UnitChangeKind
{
    public const string Created = "created";
    public const string Renamed = "renamed";
    /// <summary>Re-gridding: the unit moved under another parent (from and to are parent codes).</summary>
    public const string Moved = "moved";
    public const string Retired = "retired";
    /// <summary>A boundary was imported (from and to are bounding boxes).</summary>
    public const string Boundary = "boundary";
    /// <summary>The unit's address aliases were set (from and to are the lists, "; "-separated).</summary>
    public const string Aliases = "aliases";
}
