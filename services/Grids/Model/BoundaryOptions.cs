namespace Governance.Grids.Model;

/// <summary>
/// What a boundary may be (configuration "Grids:Boundaries"; issue #13). A boundary drives locating a
/// point and the other services' place checks, so one that is huge, broken or elsewhere is refused at
/// import instead of slowing or misleading every lookup after it.
/// </summary>
public sealed class BoundaryOptions
{
    public const string Section = "Grids:Boundaries";

    /// <summary>Positions in one unit's boundary (all its rings). A village drawn from a survey has a few
    /// hundred to a few thousand.</summary>
    public int MaxVertices { get; set; } = 10_000;

    /// <summary>The GeoJSON text of one unit's geometry, in bytes.</summary>
    public int MaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>How far a unit may reach outside its parent's boundary (surveys of two levels never
    /// line up exactly), in metres.</summary>
    public double ParentToleranceMetres { get; set; } = 20;

    /// <summary>The widest a boundary may be, east–west or north–south, in kilometres: a county is far
    /// smaller; a shape "covering the world" is refused even where no parent has a boundary yet.</summary>
    public double MaxExtentKilometres { get; set; } = 500;

    /// <summary>Overlaps and gaps smaller than this (square metres) are not reported.</summary>
    public double ReportAreaSquareMetres { get; set; } = 1;

    /// <summary>Boundaries are served simplified to this (Douglas-Peucker, metres); 0 serves them as stored.</summary>
    public double SimplifyToleranceMetres { get; set; } = 10;
}
