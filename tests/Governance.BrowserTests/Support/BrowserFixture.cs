using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests.Support;

/// <summary>
/// One standalone Host (authentication on, with the development sign-in the pages use) and one
/// Chromium for a fixture's tests; every page a test opens is closed after it, and a test fails when
/// a page logged an error to the console.
/// </summary>
public abstract class BrowserFixture
{
    protected StandaloneEnvironment Env { get; private set; } = null!;
    protected Browser Browser { get; private set; } = null!;

    /// <summary>Whether the Host listens on a port fixed at start, so a test can stop it and start it again
    /// at the same address (Env.StopHostAsync, Env.StartHostAgainAsync).</summary>
    protected virtual bool RestartableHost => false;

    /// <summary>Settings a fixture's Host starts with besides the development sign-in (a notice that fails at once, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>();

    /// <summary>Whether the sign-in page offers the demo accounts (standalone); without them, as a county
    /// installed from the package, people sign in with account and password.</summary>
    protected virtual bool DemoAccounts => true;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // Playwright's assertions wait 5 s by default; with every test project on two cores a page that is right can
        // take longer to show it. A passing assertion returns as soon as it holds, so only a failure waits the longer.
        SetDefaultExpectTimeout(15_000);
        var settings = new Dictionary<string, string>(HostSettings) { ["Auth:DevTokens"] = DemoAccounts ? "true" : "false" };
        Env = await StandaloneEnvironment.StartAsync(extra: settings, fixedPort: RestartableHost);
        Browser = await Browser.LaunchAsync(Env.Host.Http.BaseAddress!);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (Env is not null) await Env.DisposeAsync();
    }

    [SetUp]
    public void ForgetErrors() => Browser.Errors.Clear();

    [TearDown]
    public async Task CloseAndCheckConsoleAsync()
    {
        var failed = TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed;
        await Browser.CloseAllAsync(failed ? TestContext.CurrentContext.Test.MethodName : null);
        Assert.That(Browser.Errors, Is.Empty, "the pages logged errors to the console");
    }

    /// <summary>Signs in with the account's button on the sign-in page and waits for the page it lands on.</summary>
    protected static async Task SignInAsync(IPage page, string account, string path)
    {
        await page.GotoAsync("/");
        await page.Locator($"[data-account='{account}']").ClickAsync();
        // Polls the address rather than waiting for a navigation event: the page moves there by the
        // history API (pushState '/', then replaceState to the role's page), an event a waiter can miss;
        // and the role's page may load its code first, slow on a machine busy with other test projects.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path)),
            new() { Timeout = 45_000 });
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }
}
