using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.BrowserTests.Support;
using Governance.IntegrationTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Governance.BrowserTests;

/// <summary>
/// The pages' sign-in of a county installed from the package (no demo accounts): account and password; a
/// one-time password from a reset asks for a password of one's own before the session starts; the
/// administrator resets a grid worker's password on the 单位与人员 page and the worker signs in with it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PasswordSignInPageTests : BrowserFixture
{
    private const string Administrator = "county-administrator-" + Demo.County;
    private const string Worker = "grid-worker-full-time-" + Demo.Grid;

    protected override bool DemoAccounts => false;

    /// <summary>The first administrator's password, as the installer's operator sets it (the API, a service token).</summary>
    private async Task<string> ResetAsync(string account)
    {
        using var response = await Env.Host.Http.PostAsync($"/grids/staff/{account}/password", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement.GetProperty("password").GetString()!;
    }

    private static async Task SubmitAsync(ILocator form) => await form.Locator("button[type=submit]").ClickAsync();

    /// <summary>Signs in with a one-time password and chooses <paramref name="own"/>; a too simple one first.</summary>
    private static async Task FirstSignInAsync(IPage page, string account, string oneTime, string own, string landsOn)
    {
        var signIn = page.Locator("form[data-form='sign-in']");
        await signIn.Locator("input[name='account']").FillAsync(account);
        await signIn.Locator("input[name='password']").FillAsync(oneTime);
        await SubmitAsync(signIn);
        var change = page.Locator("form[data-form='change-password']");
        await Expect(page.Locator(".signin-password h2")).ToHaveTextAsync("设置新密码");
        await change.Locator("input[name='newPassword']").FillAsync("simple");
        await change.Locator("input[name='repeatPassword']").FillAsync("simple");
        await SubmitAsync(change);
        await Expect(change.Locator("[data-error-for='newPassword']")).ToContainTextAsync("长度");
        await change.Locator("input[name='newPassword']").FillAsync(own);
        await change.Locator("input[name='repeatPassword']").FillAsync(own + "x");
        await SubmitAsync(change);
        await Expect(change.Locator("[data-error-for='repeatPassword']")).ToBeVisibleAsync();
        await change.Locator("input[name='repeatPassword']").FillAsync(own);
        await SubmitAsync(change);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(landsOn)), new() { Timeout = 45_000 });
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }

    /// <summary>Chromium itself logs every refused request as a failed resource; the page answered each one.</summary>
    private void ForgetRefusedSignIns()
    {
        lock (Browser.Errors) Browser.Errors.RemoveAll(e => e.Contains("/auth/sign-in", StringComparison.Ordinal) || e.Contains("/auth/change-password", StringComparison.Ordinal));
    }

    [Test]
    public async Task The_administrator_chooses_his_password_and_resets_a_grid_workers_who_then_signs_in()
    {
        var oneTime = await ResetAsync(Administrator);
        var page = await Browser.OpenAsync("password-sign-in", 1440, 1000);
        await page.GotoAsync("/");
        await Expect(page.Locator("form[data-form='sign-in']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-account]")).ToHaveCountAsync(0);

        var signIn = page.Locator("form[data-form='sign-in']");
        await signIn.Locator("input[name='account']").FillAsync(Administrator);
        await signIn.Locator("input[name='password']").FillAsync("Wrong-pass-1");
        await SubmitAsync(signIn);
        await Expect(signIn).ToContainTextAsync("账号或密码不正确");
        await FirstSignInAsync(page, Administrator, oneTime, "County-admin-2027", "/county");

        await page.Locator("[role=tab][data-tab='settings']").ClickAsync();
        await page.Locator("[role=tab][data-tab='directory']").ClickAsync();
        var section = page.Locator("[data-settings='directory']");
        foreach (var unit in new[] { Demo.Township, Demo.Village, Demo.Grid })
        {
            await section.Locator($"tr[data-unit='{unit}'] button").ClickAsync();
            await Expect(section.Locator($"[data-directory-unit='{unit}']")).ToBeVisibleAsync();
        }
        await section.Locator($"tr[data-person='{Worker}']").GetByRole(AriaRole.Button, new() { Name = "修改" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("[data-action='reset-password']").ClickAsync();
        await Expect(dialog.Locator("form[data-form='reset-password']")).ToContainTextAsync("其已有的登录将失效");
        await SubmitAsync(dialog.Locator("form[data-form='reset-password']"));
        var shown = dialog.Locator($"[data-one-time-password='{Worker}']");
        await Expect(shown).ToBeVisibleAsync();
        var workerOneTime = (await shown.TextContentAsync())!;
        Assert.That(workerOneTime, Has.Length.EqualTo(12));
        await Browser.ScreenshotAsync(page, "password-reset");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "关闭" }).ClickAsync();

        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync(), "**/auth/sign-out");
        await Expect(page.Locator("form[data-form='sign-in']")).ToBeVisibleAsync();
        await FirstSignInAsync(page, Worker, workerOneTime, "Grid-worker-2027", "/worker");

        // A reload keeps him signed in (the session cookie), as with every sign-in.
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/worker"));
        await Expect(page.Locator("form[data-form='sign-in']")).ToHaveCountAsync(0);
        ForgetRefusedSignIns();
    }
}
