namespace Governance.Contracts;

/// <summary>One unit of the territory as Grids knows it. <see cref="Version"/> grows with every
/// change, so a copy can ignore an older message that arrives late.</summary>
public sealed record UnitRecord(string Code, string Name, UnitLevel Level, string? ParentCode, long Version);

/// <summary>Units were created or changed. Carries a batch so a whole county can be announced
/// in a few hundred messages rather than tens of thousands.</summary>
public sealed record UnitsUpserted(IReadOnlyList<UnitRecord> Units);

/// <summary>A service that keeps a copy of the unit tree asks Grids to announce all units again
/// (on start-up, so a copy is complete whichever process started first).</summary>
public sealed record UnitSnapshotRequested(string RequestedBy);
