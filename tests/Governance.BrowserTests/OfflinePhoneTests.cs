using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The grid worker's phone without a network (issue #17 items 1 and 9): the page, installed once, opens
/// offline; two cases and a photo filed meanwhile wait in the phone's queue (待发送 2) through a reload
/// and through closing and reopening the browser (a persistent profile); when the network returns they
/// are filed exactly once, the photo with its case. Once with the browser offline, once with the Host
/// stopped and started again at the same address.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OfflinePhoneTests : BrowserFixture
{
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;

    protected override bool RestartableHost => true;

    private string _profile = null!;

    [SetUp]
    public void NewProfile() => _profile = Path.Combine(Path.GetTempPath(), $"governance-phone-{Guid.NewGuid():N}");

    [TearDown]
    public async Task HostBackAndProfileGoneAsync()
    {
        if (!await AnswersAsync()) await Env.StartHostAgainAsync();
        await ScratchFolder.DeleteAsync(_profile);
    }

    [Test]
    public async Task Cases_and_a_photo_filed_with_the_browser_offline_wait_through_a_restart_and_are_filed_once_when_the_network_returns()
    {
        var phone = await InstalledPhoneAsync();
        await phone.Context.SetOfflineAsync(true);
        var titles = await FileTwoCasesAsync(phone);
        await phone.Context.CloseAsync();

        // The phone is picked up again, still without a network: the page opens from what it kept.
        // Started offline, and every request refused as well: Chromium's offline emulation does not
        // reliably reach the service worker's own requests (its fetches got answers from the Host while
        // the page was offline), so the test also aborts them as a phone without a network would.
        phone = await Browser.OpenPersistentAsync("phone", _profile, 390, 844, offline: true);
        await phone.Context.RouteAsync("**/*", route => route.AbortAsync("internetdisconnected"));
        await phone.GotoAsync("/worker");
        await Expect(phone.Locator(".queue-count")).ToHaveTextAsync("待发送 2");
        await Expect(phone.Locator(".queue-offline")).ToBeVisibleAsync();
        await Expect(phone.Locator(".queue-item[data-state='waiting']")).ToHaveCountAsync(2);

        await phone.Context.UnrouteAllAsync();
        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.Locator(".queue-count")).ToHaveAttributeAsync("data-queue-count", "0", new() { Timeout = 60_000 });
        await FiledOnceWithThePhotoAsync(titles);
        ForgetOfflineErrors();
    }

    [Test]
    public async Task Cases_and_a_photo_filed_while_the_Host_is_stopped_wait_through_a_restart_and_are_filed_once_when_it_is_back()
    {
        var phone = await InstalledPhoneAsync();
        await Env.StopHostAsync();
        var titles = await FileTwoCasesAsync(phone);
        await ReloadedStillWaitingAsync(phone);
        await phone.Context.CloseAsync();

        phone = await Browser.OpenPersistentAsync("phone", _profile, 390, 844);
        await phone.GotoAsync("/worker");
        await Expect(phone.Locator(".queue-count")).ToHaveTextAsync("待发送 2");

        // The server is back; the browser never lost its network, so no event says so: the page tries
        // again by itself while something waits.
        await Env.StartHostAgainAsync();
        await Expect(phone.Locator(".queue-count")).ToHaveAttributeAsync("data-queue-count", "0", new() { Timeout = 90_000 });
        await FiledOnceWithThePhotoAsync(titles);
        ForgetOfflineErrors();
    }

    /// <summary>The first visit, online: signed in, the page and what it needs offline kept by the service worker.</summary>
    private async Task<IPage> InstalledPhoneAsync()
    {
        var phone = await Browser.OpenPersistentAsync("phone", _profile, 390, 844);
        await SignInAsync(phone, GridWorker, "/worker");
        await Expect(phone.Locator("html[data-offline-ready='true']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        // The worker keeps the bundled files the page names in the background (public/sw.js, cache-assets): a phone
        // that loses its network a moment later has them only once that is done, which on a loaded machine takes a while.
        await Eventually.GetAsync(async () => (string[]?)await phone.EvaluateAsync<string[]>(AssetsNotYetKept), missing => missing.Length == 0,
            TimeSpan.FromSeconds(30), "the service worker to keep every bundled file the page loaded");
        await Expect(phone.Locator(".queue-count")).ToHaveAttributeAsync("data-queue-count", "0");
        // Installable: the manifest (its icons served) is linked from the page.
        Assert.That(await phone.Locator("link[rel='manifest']").GetAttributeAsync("href"), Is.EqualTo("/manifest.webmanifest"));
        var manifest = await Env.Host.Http.GetAsync("/manifest.webmanifest");
        Assert.That(manifest.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/manifest+json"));
        var icons = (await manifest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("icons").EnumerateArray().ToList();
        Assert.That(icons.Select(i => i.GetProperty("sizes").GetString()), Does.Contain("192x192").And.Contain("512x512"));
        foreach (var icon in icons)
        {
            var png = await Env.Host.Http.GetAsync(icon.GetProperty("src").GetString());
            Assert.That((png.StatusCode, png.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "image/png")));
        }
        return phone;
    }

    /// <summary>Files two cases, the first with a photo; each waits on the phone.</summary>
    private static async Task<string[]> FileTwoCasesAsync(IPage phone)
    {
        var tag = Guid.NewGuid().ToString()[..6];
        string[] titles = [$"离线上报一 {tag}", $"离线上报二 {tag}"];
        for (var n = 0; n < titles.Length; n++)
        {
            await phone.GetByLabel("事件类型", new() { Exact = true }).SelectOptionAsync("facilities");
            await phone.GetByLabel("发生地点（院落）", new() { Exact = true }).SelectOptionAsync(Demo.Courtyard);
            await phone.GetByLabel("标题", new() { Exact = true }).FillAsync(titles[n]);
            await phone.GetByLabel("情况描述", new() { Exact = true }).FillAsync("路灯不亮，夜间行人看不清路");
            if (n == 0)
                await phone.GetByLabel("现场照片", new() { Exact = true }).SetInputFilesAsync(
                    new FilePayload { Name = "lamp.png", MimeType = "image/png", Buffer = Images.GradientPng(800, 600) });
            await phone.GetByRole(AriaRole.Button, new() { Name = "上报", Exact = true }).ClickAsync();
            await Expect(phone.Locator(".toast")).ToContainTextAsync($"已保存在本机（待发送）");
            await Expect(phone.Locator(".queue-count")).ToHaveTextAsync($"待发送 {n + 1}");
        }
        await Expect(phone.Locator(".queue-item", new() { HasText = titles[0] })).ToContainTextAsync("1 张照片");
        await Expect(phone.Locator(".queue-item[data-state='waiting']")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(phone, "worker-offline-queue-390");
        return titles;
    }

    /// <summary>The bundled files (/assets/) the page loaded that the worker's shell cache does not hold yet.</summary>
    private const string AssetsNotYetKept = """
        async () => {
          const cache = await caches.open('governance-shell-v1');
          const assets = [...new Set(performance.getEntriesByType('resource').map((e) => new URL(e.name))
            .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/')).map((u) => u.pathname))];
          const missing = [];
          for (const a of assets) if (!(await cache.match(a))) missing.push(a);
          return missing;
        }
        """;

    private static async Task ReloadedStillWaitingAsync(IPage phone)
    {
        await phone.ReloadAsync();
        await Expect(phone.Locator("main h1")).ToHaveTextAsync("网格员工作台");
        await Expect(phone.Locator(".queue-count")).ToHaveTextAsync("待发送 2");
    }

    private async Task FiledOnceWithThePhotoAsync(string[] titles)
    {
        var list = await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents?unitCode={Demo.Courtyard}&limit=500");
        var filed = list.EnumerateArray().Where(i => titles.Contains(i.GetProperty("title").GetString())).ToList();
        Assert.That(filed.Select(i => i.GetProperty("title").GetString()), Is.EquivalentTo(titles), "each case filed exactly once");
        var photos = new Dictionary<string, int>();
        foreach (var i in filed)
            photos[i.GetProperty("title").GetString()!] =
                (await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{i.GetProperty("id").GetGuid()}/photos")).GetArrayLength();
        Assert.That(photos[titles[0]], Is.EqualTo(1), "the photo went to its case");
        Assert.That(photos[titles[1]], Is.EqualTo(0));
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            return (await Env.Host.Http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or ObjectDisposedException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Without a network the page's reads fail, and Chromium logs each failed request (ERR_FAILED:
    /// one the service worker had no copy of): expected here.</summary>
    private void ForgetOfflineErrors() => Browser.Errors.RemoveAll(e => e.Contains("Failed to load resource: net::ERR_INTERNET_DISCONNECTED")
        || e.Contains("Failed to load resource: net::ERR_CONNECTION_REFUSED") || e.Contains("Failed to load resource: net::ERR_FAILED"));
}
