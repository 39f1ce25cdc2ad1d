using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// Less motion for whoever asked the system for it (prefers-reduced-motion; WCAG 2.3.3 — motion can make people
/// with vestibular disorders ill): on the county's dashboard the charts draw their final state at once and the map
/// neither glides when it zooms nor fades its tiles in. The same page without the setting animates, which shows the
/// page's charts are seen redrawing at all.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReducedMotionPageTests : BrowserFixture
{
    private const string CountySupervisor = "county-supervisor-" + Demo.County;

    /// <summary>The most times any one attribute of one shape of a chart (not the map) changed since the last reset: a
    /// chart that animates a change moves its shapes frame by frame, one that does not sets each changed attribute once.</summary>
    private const string CountRedraws = """
        let times = new WeakMap();
        window.__redraws = 0;
        window.__resetRedraws = () => { times = new WeakMap(); window.__redraws = 0; };
        new MutationObserver((records) => {
          for (const r of records) {
            const shape = r.target;
            if (!(shape instanceof Element) || !shape.closest('.chart') || shape.closest('.map')) continue;
            const seen = times.get(shape) || new Map();
            const n = (seen.get(r.attributeName) || 0) + 1;
            seen.set(r.attributeName, n);
            times.set(shape, seen);
            if (n > window.__redraws) window.__redraws = n;
          }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['d', 'width', 'height', 'transform', 'x', 'y'] });
        """;

    private async Task<IPage> CountyAsync(ReducedMotion motion)
    {
        var page = await Browser.OpenAsync($"county-motion-{motion}", 1440, 1000);
        await page.EmulateMediaAsync(new() { ReducedMotion = motion });
        await page.AddInitScriptAsync(CountRedraws);
        await SignInAsync(page, CountySupervisor, "/county");
        await Expect(page.Locator(".chart:not(.map) svg path").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator(".chart.map .leaflet-container, .chart.map.leaflet-container").First).ToBeAttachedAsync(new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>How the charts move when the period changes from the default to 90 days (the trend's axis grows).</summary>
    private static async Task<int> RedrawsOnAChangeAsync(IPage page)
    {
        // Whatever the first loading drew, it has long settled by then.
        await page.WaitForTimeoutAsync(2_000);
        await page.EvaluateAsync("() => window.__resetRedraws()");
        await page.Locator("form.period .period-buttons button", new() { HasText = "近90天" }).ClickAsync();
        await page.WaitForTimeoutAsync(2_500); // ECharts' update animations last under a second
        return await page.EvaluateAsync<int>("() => window.__redraws");
    }

    private static async Task<(bool Fades, int ZoomProxies)> MapMotionAsync(IPage page) => (
        await page.Locator(".leaflet-container.leaflet-fade-anim").CountAsync() > 0,
        await page.Locator(".leaflet-proxy.leaflet-zoom-animated").CountAsync());

    [Test]
    public async Task With_reduced_motion_asked_for_the_dashboards_charts_change_at_once_and_its_map_neither_glides_nor_fades()
    {
        var moving = await CountyAsync(ReducedMotion.NoPreference);
        var (fades, zoomProxies) = await MapMotionAsync(moving);
        Assert.That(fades && zoomProxies > 0, Is.True, "by default the maps fade their tiles and animate their zoom");
        var animated = await RedrawsOnAChangeAsync(moving);

        var still = await CountyAsync(ReducedMotion.Reduce);
        Assert.That(await MapMotionAsync(still), Is.EqualTo((false, 0)), "no fade, no zoom animation");
        var atOnce = await RedrawsOnAChangeAsync(still);
        // The page updates its charts in a few steps as its readings arrive (here 3 changes of a shape's attribute at most,
        // 15 with the animations): the same steps either way, and with motion every one of them drawn over many frames.
        Assert.That(atOnce * 2, Is.LessThan(animated), $"a change drawn at once ({atOnce} changes of one attribute) against frame by frame ({animated})");
    }
}
