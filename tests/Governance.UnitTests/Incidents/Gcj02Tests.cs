using Governance.Incidents.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>
/// GCJ-02 ↔ WGS-84 against pairs published with the open implementations of the offset formula
/// (googollee/eviltransform's test table: Shanghai, Shenzhen, Beijing; wandergis/coordtransform's
/// README: Tiananmen), and the iterative inverse back to the WGS-84 point.
/// </summary>
[TestFixture]
public class Gcj02Tests
{
    private static readonly (string Place, double WgsLat, double WgsLng, double GcjLat, double GcjLng)[] Published =
    [
        ("Shanghai", 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
        ("Shenzhen", 22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
        ("Beijing", 39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
        ("Beijing, Tiananmen", 39.915, 116.404, 39.91640428150164, 116.41024449916938),
    ];

    [Test]
    public void WGS84_to_GCJ02_gives_the_published_values()
    {
        foreach (var (place, wLat, wLng, gLat, gLng) in Published)
        {
            var (lat, lng) = Gcj02.FromWgs84(wLat, wLng);
            Assert.That(lat, Is.EqualTo(gLat).Within(1e-9), place);
            Assert.That(lng, Is.EqualTo(gLng).Within(1e-9), place);
        }
    }

    [Test]
    public void GCJ02_to_WGS84_finds_the_published_WGS84_point_within_a_centimetre()
    {
        foreach (var (place, wLat, wLng, gLat, gLng) in Published)
        {
            var (lat, lng) = Gcj02.ToWgs84(gLat, gLng);
            Assert.That(lat, Is.EqualTo(wLat).Within(1e-7), place);
            Assert.That(lng, Is.EqualTo(wLng).Within(1e-7), place);
        }
    }

    [Test]
    public void In_Chongqing_the_offset_is_hundreds_of_metres_and_the_inverse_returns_the_point()
    {
        // The demo county's area (Chongqing). The round trip holds to 1e-9°; the offset is real.
        var (wLat, wLng) = (30.81, 108.39);
        var (gLat, gLng) = Gcj02.FromWgs84(wLat, wLng);
        var metres = Math.Sqrt(Math.Pow((gLat - wLat) * 111_320, 2) + Math.Pow((gLng - wLng) * 111_320 * Math.Cos(wLat * Math.PI / 180), 2));
        Assert.That(metres, Is.InRange(100, 1000));
        var (lat, lng) = Gcj02.ToWgs84(gLat, gLng);
        Assert.That(lat, Is.EqualTo(wLat).Within(1e-9));
        Assert.That(lng, Is.EqualTo(wLng).Within(1e-9));
    }

    [Test]
    public void Outside_China_nothing_is_shifted()
    {
        Assert.That(Gcj02.FromWgs84(51.5, -0.12), Is.EqualTo((51.5, -0.12)));
        Assert.That(Gcj02.ToWgs84(1.29, 63.85), Is.EqualTo((1.29, 63.85)), "Singapore's latitude, west of China");
    }
}
