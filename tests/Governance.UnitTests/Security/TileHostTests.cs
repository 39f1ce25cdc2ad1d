using System.ComponentModel.DataAnnotations;
using Governance.Grids.Model;
using Governance.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using NUnit.Framework;

namespace Governance.UnitTests.Security;

/// <summary>The county's map tiles (Map:TileUrl): their host, and only it, joins the pages' img-src; a
/// setting that is no tile address stops the start.</summary>
public sealed class TileHostTests
{
    [TestCase("https://tiles.example.cn/{z}/{x}/{y}.png", "https://tiles.example.cn")]
    [TestCase("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org")]
    [TestCase("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&x={x}&y={y}&z={z}&style=8", "https://*.is.autonavi.com")]
    [TestCase("http://tiles.county.gov.cn:8080/{z}/{x}/{y}.png", "http://tiles.county.gov.cn:8080")]
    public void The_tile_host_is_the_address_scheme_and_host(string url, string source) =>
        Assert.That(SecurityHeaders.TileSource(url), Is.EqualTo(source));

    [Test]
    public void No_tiles_adds_no_image_source() =>
        Assert.That(SecurityHeaders.ImgSources(Settings(new() { ["Map:TileUrl"] = "" })), Is.Empty);

    [Test]
    public void The_tile_host_joins_the_listed_image_sources_once()
    {
        var sources = SecurityHeaders.ImgSources(Settings(new()
        {
            ["Map:TileUrl"] = "https://tiles.example.cn/{z}/{x}/{y}.png", ["Security:ContentSecurityPolicy:ImgSources"] = "https://tiles.example.cn https://photos.example.cn",
        }));
        Assert.That(sources, Is.EqualTo(new[] { "https://tiles.example.cn", "https://photos.example.cn" }));
    }

    [TestCase("ftp://tiles.example.cn/{z}/{x}/{y}.png")]
    [TestCase("tiles.example.cn/{z}/{x}/{y}.png")]
    [TestCase("https://*/{z}/{x}/{y}.png")]
    public void A_tile_address_that_is_no_host_stops_the_start(string url) =>
        Assert.That(() => SecurityHeaders.ImgSources(Settings(new() { ["Map:TileUrl"] = url })), Throws.InvalidOperationException.With.Message.Contains("Map:TileUrl"));

    [TestCase(null, "wgs84", true)]
    [TestCase("https://tiles.example.cn/{z}/{x}/{y}.png", "gcj02", true)]
    [TestCase("https://tiles.example.cn/{z}/{x}/{y}.png", "bd09", false)]
    [TestCase("https://tiles.example.cn/tile.png", "wgs84", false)]
    [TestCase("javascript:alert(1)//{z}{x}{y}", "wgs84", false)]
    public void The_map_settings_are_checked(string? url, string crs, bool valid)
    {
        var options = new MapTileOptions { TileUrl = url, TileCrs = crs };
        var results = new List<ValidationResult>();
        Assert.That(Validator.TryValidateObject(options, new ValidationContext(options), results, true), Is.EqualTo(valid), string.Join("; ", results));
    }

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
