using System.ComponentModel.DataAnnotations;

namespace Governance.Grids.Model;

/// <summary>
/// The base map under the pages' maps (docs/coordinates.md, "The base map"): a raster tile layer whose
/// address the county sets, none by default, so the maps draw boundaries only and send no request
/// elsewhere. The tile host is also allowed in the pages' img-src (SecurityHeaders.TileUrlKey), so one
/// setting is enough; the Host and the gateway read the same key.
/// </summary>
public sealed class MapTileOptions : IValidatableObject
{
    public const string Section = "Map";
    public const string Wgs84 = "wgs84";
    public const string Gcj02 = "gcj02";

    /// <summary>A tile address template, e.g. https://{s}.tiles.example.cn/{z}/{x}/{y}.png; empty: no tiles.</summary>
    public string? TileUrl { get; set; }

    /// <summary>The tile provider's credit line, shown as text in the map's corner.</summary>
    public string? Attribution { get; set; }

    /// <summary>The system the tiles are drawn in: wgs84 (OpenStreetMap and most files) or gcj02 (Amap,
    /// Tencent, Tianditu's Chinese-provider mirrors); our WGS-84 shapes are shifted to it for drawing.</summary>
    public string TileCrs { get; set; } = Wgs84;

    /// <summary>What {s} in the address stands for, one character each (Leaflet's subdomains): abc, or 1234 for Amap.</summary>
    [RegularExpression("^[A-Za-z0-9]{1,8}$")]
    public string Subdomains { get; set; } = "abc";

    /// <summary>The deepest zoom the tile server has.</summary>
    [Range(1, 22)]
    public int MaxZoom { get; set; } = 18;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (TileCrs is not (Wgs84 or Gcj02))
            yield return new ValidationResult($"Map:TileCrs '{TileCrs}' is not wgs84 or gcj02.", [nameof(TileCrs)]);
        if (string.IsNullOrWhiteSpace(TileUrl)) yield break;
        var ok = Uri.TryCreate(TileUrl.Replace("{", "").Replace("}", ""), UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            && TileUrl.Contains("{z}", StringComparison.Ordinal) && TileUrl.Contains("{x}", StringComparison.Ordinal) && TileUrl.Contains("{y}", StringComparison.Ordinal);
        if (!ok)
            yield return new ValidationResult(
                $"Map:TileUrl '{TileUrl}' is not a tile address such as https://tiles.example.cn/{{z}}/{{x}}/{{y}}.png.", [nameof(TileUrl)]);
    }
}
