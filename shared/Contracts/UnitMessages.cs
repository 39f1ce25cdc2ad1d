namespace Governance.Contracts;

/// <summary>One unit of the territory as Grids knows it. <see cref="Version"/> grows with every
/// change, so a copy can ignore an older message that arrives late. A retired unit (a merged grid,
/// a demolished courtyard) is still announced, with <see cref="Retired"/> set: cases filed there
/// keep pointing at it, but nothing new may be filed there.</summary>
/// <remarks>Retired, Extent, Boundary and Aliases were added after the first release; as the last parameters with
/// defaults, a message from an older Grids (none in its JSON) reads as not retired, without a boundary or aliases.</remarks>
/// <param name="Extent">The bounding box of the unit's boundary (WGS-84), so that other services can tell
/// whether a place lies in the unit without Grids' shapes; null while the unit has no boundary.</param>
/// <param name="Boundary">The boundary itself, GeoJSON MultiPolygon coordinates ([[[[lng, lat], …], …], …], WGS-84, as
/// stored, not simplified), for grids and courtyards only: Incidents places a hotline call by it (docs/intake.md).
/// Null for other levels and while the unit has none.</param>
/// <param name="Aliases">Addresses the county registered for the unit (a hotline's address_string matched exactly, after
/// whitespace is normalised); null or empty: none.</param>
public sealed record UnitRecord(string Code, string Name, UnitLevel Level, string? ParentCode, long Version, bool Retired = false,
    UnitExtent? Extent = null, double[][][][]? Boundary = null, IReadOnlyList<string>? Aliases = null);

/// <summary>The smallest latitude/longitude rectangle around a unit's boundary, WGS-84 degrees.</summary>
public sealed record UnitExtent(double MinLat, double MinLng, double MaxLat, double MaxLng);

/// <summary>Units were created or changed. Carries a batch so a whole county can be announced
/// in a few hundred messages rather than tens of thousands.</summary>
public sealed record UnitsUpserted(IReadOnlyList<UnitRecord> Units);

/// <summary>A service that keeps a copy of the unit tree asks Grids to announce all units again
/// (on start-up, so a copy is complete whichever process started first).</summary>
public sealed record UnitSnapshotRequested(string RequestedBy);
