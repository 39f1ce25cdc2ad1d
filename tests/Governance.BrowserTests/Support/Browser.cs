using Microsoft.Playwright;

namespace Governance.BrowserTests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (playwright install cannot download browsers here), with
/// the pages' console errors collected and screenshots written as test artifacts.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _address;

    /// <summary>Console errors and uncaught exceptions of every page opened, with the page they came from.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>The pages opened since <see cref="CloseAllAsync"/>, by name.</summary>
    public Dictionary<string, IPage> Pages { get; } = [];

    private Browser(IPlaywright playwright, IBrowser browser, Uri address)
    {
        _playwright = playwright;
        _browser = browser;
        _address = address;
    }

    public static async Task<Browser> LaunchAsync(Uri address)
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"{ChromiumPath} is missing: tests/run-all.sh installs it (apt-get install chromium fonts-noto-cjk).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs, Timeout = 60_000,
        });
        return new Browser(playwright, browser, address);
    }

    /// <summary>A fresh browser profile (its own sign-in) with a page of the given size.</summary>
    public async Task<IPage> OpenAsync(string name, int width, int height, bool phone = false)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
        });
        return await Watched(name, context);
    }

    /// <summary>A Chromium of its own with a browser profile kept in <paramref name="profile"/> (a folder):
    /// closing the page closes that Chromium, and opening the same folder again is the same phone
    /// reopened — its sign-in cookie, service worker, caches and IndexedDB are still there.</summary>
    /// <param name="offline">Started without a network: its service worker too (set later, Chromium's
    /// offline emulation may not reach a worker already running).</param>
    public async Task<IPage> OpenPersistentAsync(string name, string profile, int width, int height, bool offline = false)
    {
        var context = await _playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs, Timeout = 60_000,
            BaseURL = _address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Offline = offline,
        });
        // A persistent context opens with a blank page of its own: use it.
        foreach (var extra in context.Pages.Skip(1)) await extra.CloseAsync();
        return await Watched(name, context, context.Pages.FirstOrDefault());
    }

    private async Task<IPage> Watched(string name, IBrowserContext context, IPage? existing = null)
    {
        context.SetDefaultTimeout(15_000);
        var page = existing ?? await context.NewPageAsync();
        Pages[name] = page;
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            lock (Errors) Errors.Add($"[{name}] console error: {message.Text} at {message.Location}");
        };
        page.PageError += (_, error) =>
        {
            lock (Errors) Errors.Add($"[{name}] uncaught: {error}");
        };
        return page;
    }

    /// <summary>
    /// Saves a full-page picture under artifacts/screenshots/ and attaches it to the test. A screenshot is evidence for
    /// a reader, not something a test asserts: when Chromium cannot take it in time (a long page while every test
    /// project shares two cores) the test goes on and the log says which picture is missing. One picture pixel per
    /// CSS pixel (a phone's page is not taken at its double density) and JPEG: a long phone page as a PNG at twice
    /// the pixels took Chromium up to seven seconds to encode, some sixty pictures a run.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.jpg");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = path, FullPage = true, Type = ScreenshotType.Jpeg, Quality = 80, Scale = ScreenshotScale.Css, Timeout = 60_000,
            });
            TestContext.AddTestAttachment(path, name);
        }
        catch (TimeoutException timeout)
        {
            await TestContext.Progress.WriteLineAsync($"screenshot {name} not taken: {timeout.Message.Split('\n')[0]}");
        }
    }

    /// <summary>Closes every page's browser profile (a test's pages do not outlive it).</summary>
    public async Task CloseAllAsync(string? failedTest = null)
    {
        foreach (var (name, page) in Pages)
        {
            if (failedTest is not null && !page.IsClosed)
                await ScreenshotAsync(page, $"failed-{failedTest}-{name}");
            await page.Context.CloseAsync();
        }
        Pages.Clear();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
        return TestContext.CurrentContext.WorkDirectory;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
