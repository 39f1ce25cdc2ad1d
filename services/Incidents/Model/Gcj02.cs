namespace Governance.Incidents.Model;

/// <summary>
/// GCJ-02 (国测局坐标, "Mars coordinates"): the obfuscated system Chinese web maps (Amap/高德, Tencent,
/// Google's map of China) and many boundary files use, offset from WGS-84 by a few hundred metres. We
/// store WGS-84 (docs/coordinates.md); a point given in GCJ-02 is converted on the way in.
/// <see cref="FromWgs84"/> is the public offset formula (the one published implementations share:
/// Krasovsky 1940 ellipsoid, a = 6378245 m); its inverse has no closed form, so
/// <see cref="ToWgs84"/> iterates: guess, shift forward, correct by the difference, until the shift of
/// the guess lands on the given point (within 1e-9°, about 0.1 mm). Outside China the formula is not
/// applied (both systems agree there), as in every implementation.
/// </summary>
public static class Gcj02
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    public static bool OutsideChina(double lat, double lng) => lng is < 72.004 or > 137.8347 || lat is < 0.8293 or > 55.8271;

    /// <summary>WGS-84 → GCJ-02.</summary>
    public static (double Lat, double Lng) FromWgs84(double lat, double lng)
    {
        if (OutsideChina(lat, lng)) return (lat, lng);
        var (dLat, dLng) = Offset(lat, lng);
        return (lat + dLat, lng + dLng);
    }

    /// <summary>GCJ-02 → WGS-84, by iteration (converges in a handful of steps: the offset changes slowly).</summary>
    public static (double Lat, double Lng) ToWgs84(double lat, double lng)
    {
        if (OutsideChina(lat, lng)) return (lat, lng);
        var (wLat, wLng) = (lat, lng);
        for (var i = 0; i < 30; i++)
        {
            var (gLat, gLng) = FromWgs84(wLat, wLng);
            var (eLat, eLng) = (lat - gLat, lng - gLng);
            (wLat, wLng) = (wLat + eLat, wLng + eLng);
            if (Math.Abs(eLat) < 1e-9 && Math.Abs(eLng) < 1e-9) break;
        }
        return (wLat, wLng);
    }

    private static (double DLat, double DLng) Offset(double lat, double lng)
    {
        var (x, y) = (lng - 105.0, lat - 35.0);
        var dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x))
            + (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        var radLat = lat / 180.0 * Math.PI;
        var magic = 1 - Ee * Math.Sin(radLat) * Math.Sin(radLat);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLng);
    }
}
