namespace Governance.Contracts;

/// <summary>One unit of the territory as Grids knows it. <see cref="Version"/> grows with every
/// change, so a copy can ignore an older message that arrives late. A retired unit (a merged grid,
/// a demolished courtyard) is still announced, with <see cref="Retired"/> set: cases filed there
/// keep pointing at it, but nothing new may be filed there.</summary>
/// <remarks>Retired was added after the first release; as the last parameter with a default, a
/// message from an older Grids (no "retired" in its JSON) reads as not retired.</remarks>
public sealed record UnitRecord(string Code, string Name, UnitLevel Level, string? ParentCode, long Version, bool Retired = false);

/// <summary>Units were created or changed. Carries a batch so a whole county can be announced
/// in a few hundred messages rather than tens of thousands.</summary>
public sealed record UnitsUpserted(IReadOnlyList<UnitRecord> Units);

/// <summary>A service that keeps a copy of the unit tree asks Grids to announce all units again
/// (on start-up, so a copy is complete whichever process started first).</summary>
public sealed record UnitSnapshotRequested(string RequestedBy);
