using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// 交办单 (issue #15 item 2): from a case's details the holder prints a dispatch sheet — place, category, grade,
/// holder, deadline, timeline and photos — alone on an A4 page (the print stylesheet hides the page and the
/// dialog); what people typed shows as text. The command centre prints it from the board's case dialog too.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DispatchSheetTests : BrowserFixture
{
    private const string VillageHandler = "village-handler-" + Demo.Village;

    [Test]
    public async Task The_holder_prints_the_cases_dispatch_sheet_alone_on_A4()
    {
        var title = $"<b>院墙</b>纠纷 {Guid.NewGuid().ToString()[..4]}";
        var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "dispute", grade = "III", title, description = "两户因院墙位置发生争执" });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent();
        var png = new ByteArrayContent(Images.GradientPng(400, 300));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(png, "photo", "scene.png");
        Assert.That((await Env.Host.Http.PostAsync($"/incidents/{id}/photos", form)).StatusCode, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK));
        var found = await Eventually.GetAsync(async () => (JsonElement?)await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"),
            i => i!.Value.GetProperty("tier").GetString() == "village" && i.Value.GetProperty("status").GetString() == "assigned",
            TimeSpan.FromSeconds(20), "the case to wait at the village");
        var village = (await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/units/{Demo.Village}")).GetProperty("name").GetString();
        var courtyard = (await Env.Host.Http.GetFromJsonAsync<JsonElement>($"/grids/units/{Demo.Courtyard}")).GetProperty("name").GetString();

        var page = await Browser.OpenAsync("dispatch-sheet", 1280, 900);
        await SignInAsync(page, VillageHandler, "/village");
        var card = page.Locator("article.task", new() { HasText = title });
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = $"详情：{title}" }).ClickAsync();
        // The browser's print dialog would block the test: count the calls instead.
        await page.EvaluateAsync("() => { window.printed = 0; window.print = () => { window.printed++; }; }");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "打印交办单" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.printed === 1", null, new() { Timeout = 10_000 });

        var sheet = page.Locator(".dispatch-sheet");
        var facts = sheet.Locator("table.sheet-facts");
        await Expect(facts).ToContainTextAsync(title);   // typed markup is text, not markup
        Assert.That(await sheet.Locator("b").CountAsync(), Is.Zero);
        await Expect(facts).ToContainTextAsync($"发生地点{courtyard}");
        await Expect(facts).ToContainTextAsync("事件类型矛盾纠纷");
        await Expect(facts).ToContainTextAsync("事件等级");
        await Expect(facts).ToContainTextAsync("较大");
        await Expect(facts).ToContainTextAsync($"承办单位村/社区 · {village}");
        var due = found!.Value.GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8));
        await Expect(facts).ToContainTextAsync($"办理期限{due:yyyy/MM/dd HH:mm}");
        await Expect(sheet.Locator("ol.timeline li")).ToHaveCountAsync(found.Value.GetProperty("timeline").GetArrayLength());
        await Expect(sheet.Locator("ul.photos img[src^='blob:']")).ToHaveCountAsync(1);

        await Browser.ScreenshotAsync(page, "dispatch-sheet");
        await AssertPrintedAloneOnA4Async(page, sheet);
    }

    [Test]
    public async Task The_command_centre_prints_the_dispatch_sheet_from_the_boards_case_dialog()
    {
        // A work-safety hazard (IV) starts on the township tier: on the township's board.
        var title = $"<i>仓库</i>消防通道堵塞 {Guid.NewGuid().ToString()[..4]}";
        var filed = await Env.Host.Http.PostAsJsonAsync("/incidents",
            new { unitCode = Demo.Courtyard, category = "work-safety", grade = "IV", title, description = "仓库后门消防通道被货物堵死" });
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await Browser.OpenAsync("board-dispatch-sheet", 1920, 1080);
        await SignInAsync(page, "township-dispatcher-" + Demo.Township, "/command-centre");
        var row = page.Locator($"table.queue tr[data-incident='{id}']");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await row.GetByRole(AriaRole.Button, new() { Name = title }).ClickAsync();
        await page.EvaluateAsync("() => { window.printed = 0; window.print = () => { window.printed++; }; }");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "打印交办单" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.printed === 1", null, new() { Timeout = 10_000 });

        var sheet = page.Locator(".dispatch-sheet");
        await Expect(sheet.Locator("table.sheet-facts")).ToContainTextAsync(title);
        await Expect(sheet.Locator("table.sheet-facts")).ToContainTextAsync("事件类型安全生产");
        Assert.That(await sheet.Locator("i").CountAsync(), Is.Zero, "typed markup is text");
        await AssertPrintedAloneOnA4Async(page, sheet);
    }

    /// <summary>On screen the sheet is not shown; printed, it is all there is, on an A4 page.</summary>
    private static async Task AssertPrintedAloneOnA4Async(IPage page, ILocator sheet)
    {
        await Expect(sheet).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(sheet).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await Expect(page.Locator("main")).ToBeHiddenAsync();
        var pdf = Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = false }));
        Assert.That(Regex.IsMatch(pdf, @"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]"), Is.True, "an A4 page (595 × 842 points)");
    }
}
