using System.Text.RegularExpressions;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The pages keep the access token out of script's long reach (issue 13, item 1): nothing secret in
/// localStorage, the session restored from the HttpOnly cookie when the page is loaded again, and gone
/// after signing out.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SessionPagesTests : BrowserFixture
{
    private const string Dispatcher = "township-dispatcher-" + Demo.Township;

    [Test]
    public async Task A_reload_restores_the_session_from_the_cookie_and_signing_out_ends_it()
    {
        var page = await Browser.OpenAsync("session", 1280, 900);
        await SignInAsync(page, Dispatcher, "/command-centre");
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, localStorage))");
        Assert.That(stored, Does.Not.Contain("accessToken").And.Not.Contain("eyJ"), "no token in localStorage");
        var cookieVisible = await page.EvaluateAsync<string>("() => document.cookie");
        Assert.That(cookieVisible, Does.Not.Contain("governance-refresh"), "the refresh cookie is HttpOnly");

        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/command-centre"));
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-account]")).ToHaveCountAsync(0);

        await page.RunAndWaitForResponseAsync(() => page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "退出" }).ClickAsync(),
            "**/auth/sign-out");
        await Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.ReloadAsync();
        await Expect(page.Locator($"[data-account='{Dispatcher}']")).ToBeVisibleAsync();
    }
}
