using System.Text.Json;

namespace Governance.IntegrationTests.Grids;

/// <summary>GeoJSON features for boundary imports, and a test township drawn beside the demo county.</summary>
public static class BoundaryFeatures
{
    /// <summary>The demo county grown south-west, so that a test township fits beside the demo townships.</summary>
    public static readonly (double South, double West, double North, double East) GrownCounty = (28.5, 106.5, 31.1, 108.8);

    /// <summary>Where <see cref="NewTownshipAsync"/> draws its township: inside the grown county, away from the demo county.</summary>
    public static readonly (double South, double West, double North, double East) TestTownship = (28.9, 106.9, 29.5, 107.5);

    public static object Rectangle(string code, double south, double west, double north, double east) =>
        Polygon(code, [[west, south], [east, south], [east, north], [west, north], [west, south]]);

    public static object Polygon(string code, IEnumerable<double[]> ring) => new
    {
        type = "Feature",
        properties = new { code },
        geometry = new { type = "Polygon", coordinates = new[] { ring.ToArray() } },
    };

    public static string Collection(params object[] features) => JsonSerializer.Serialize(new { type = "FeatureCollection", features });
}
