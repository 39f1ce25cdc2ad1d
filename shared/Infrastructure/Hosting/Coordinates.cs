namespace Governance.Infrastructure.Hosting;

/// <summary>A latitude and longitude as a request gives them (WGS-84 or GCJ-02 degrees): one check, one wording,
/// for a case's place, a patrol's points, a leader's visit and the locator.</summary>
public static class Coordinates
{
    /// <summary>Whether <paramref name="lat"/> and <paramref name="lng"/> are a point on Earth; what is wrong is named in
    /// <paramref name="errors"/> as <c>{prefix}lat</c> and <c>{prefix}lng</c>. Not finite (NaN, infinity) is out of range.
    /// Optional: both absent is fine, one without the other is not.</summary>
    public static bool Check(FieldErrors errors, string prefix, double? lat, double? lng, bool required = true)
    {
        if (!required && lat is null && lng is null) return true;
        if (!required && (lat is null) != (lng is null))
        {
            errors.Add(prefix + (lat is null ? "lat" : "lng"), ProblemTexts.LatLngTogether(prefix));
            return false;
        }
        var latOk = lat is >= -90 and <= 90;
        var lngOk = lng is >= -180 and <= 180;
        if (!latOk) errors.Add(prefix + "lat", ProblemTexts.Latitude(prefix + "lat"));
        if (!lngOk) errors.Add(prefix + "lng", ProblemTexts.Longitude(prefix + "lng"));
        return latOk && lngOk;
    }

    /// <summary>How far the point lies outside the box, in metres (0 inside it): near enough a sphere for the few
    /// kilometres a tolerance is about.</summary>
    public static double MetresOutside(double lat, double lng, Contracts.UnitExtent box)
    {
        var dLat = Math.Max(0, Math.Max(box.MinLat - lat, lat - box.MaxLat));
        var dLng = Math.Max(0, Math.Max(box.MinLng - lng, lng - box.MaxLng));
        var north = dLat * 111_320;
        var east = dLng * 111_320 * Math.Cos(lat * Math.PI / 180);
        return Math.Sqrt(north * north + east * east);
    }
}
