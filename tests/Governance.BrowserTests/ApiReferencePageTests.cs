using Governance.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The API reference (/api-docs, docs/api.md): Scalar draws the services' documents from this address alone
/// — its bundle from the package, no CDN, no fonts or telemetry from elsewhere — under the same strict
/// Content-Security-Policy as every page, so no violation is logged (the fixture fails on console errors).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ApiReferencePageTests : BrowserFixture
{
    [Test]
    public async Task The_reference_shows_the_services_documents_from_this_address_alone()
    {
        var page = await Browser.OpenAsync("api-reference", 1440, 1000);
        var elsewhere = new List<string>();
        var here = Env.Host.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);
        await page.RouteAsync(url => !url.StartsWith(here, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal), async route =>
        {
            elsewhere.Add(route.Request.Url);
            await route.AbortAsync();
        });

        await page.GotoAsync("/api-docs");
        // The first document (Grids) is drawn: its title and an operation's summary from the mapping.
        await Expect(page.GetByText("Governance Grids API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("List units (by level or parent)").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Browser.ScreenshotAsync(page, "api-reference");

        Assert.That(elsewhere, Is.Empty, "the reference loads nothing from other addresses");
    }
}
