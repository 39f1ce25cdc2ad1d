using Governance.Grids.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Grids.Apis;

/// <summary>What the pages draw a map on: the tile address (null: boundaries only), its credit line and
/// the system its tiles are drawn in (wgs84 or gcj02; what we serve is always WGS-84).</summary>
public sealed record MapBase(string? TileUrl, string? Attribution, string TileCrs, string Subdomains, int MaxZoom);

/// <summary>The base map's settings (read-directory: anyone signed in, like the boundaries it goes under).</summary>
public static class MapApi
{
    public static void MapMapApi(this IEndpointRouteBuilder routes) => routes.MapGet("/grids/map", Get).WithSummary("The base map's settings (tiles, credit, coordinate system)");

    private static Ok<MapBase> Get(IOptions<MapTileOptions> options)
    {
        var o = options.Value;
        var url = string.IsNullOrWhiteSpace(o.TileUrl) ? null : o.TileUrl.Trim();
        return TypedResults.Ok(new MapBase(url, url is null || string.IsNullOrWhiteSpace(o.Attribution) ? null : o.Attribution.Trim(), o.TileCrs, o.Subdomains, o.MaxZoom));
    }
}
