using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// The session behind the tokens we issue (issue #13, item 1, server side): sign-in sets a refresh
/// cookie script cannot read; /auth/refresh answers a fresh access token while the account is current,
/// and ends the session once the person left or changed post; /auth/sign-out ends it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SessionCookieTests : StandaloneFixture
{
    private HttpClient Officer => Http;

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Auth:DevTokens"] = "true" };

    /// <summary>A browser of its own: a cookie jar, no token.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Officer.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task<string> RegisterAsync(string id)
    {
        using var response = await Officer.PostAsJsonAsync("/grids/staff", new { id, name = $"测试{id}", role = Roles.TownshipDispatcher, unitCode = Demo.Township });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return id;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userId)
    {
        var response = await browser.PostAsJsonAsync("/auth/dev-token", new { userId });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task<(HttpStatusCode Status, string? Token)> RefreshAsync(HttpClient browser)
    {
        using var response = await browser.PostAsync("/auth/refresh", null);
        var token = response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString() : null;
        return (response.StatusCode, token);
    }

    [Test]
    public async Task Sign_in_sets_an_http_only_strict_cookie_for_auth_only_and_refresh_answers_a_working_token()
    {
        using var browser = Browser();
        using var signIn = await SignInAsync(browser, await RegisterAsync("cookie-holder"));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(RefreshTokens.Cookie + "="));
        Assert.That(cookie.ToLowerInvariant(), Does.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/auth"));

        var (status, token) = await RefreshAsync(browser);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Officer.GetStatusAsync("/incidents?limit=1", new AuthenticationHeaderValue("Bearer", token)), Is.EqualTo(HttpStatusCode.OK));

        var refreshToken = cookie.Split(';')[0][(RefreshTokens.Cookie.Length + 1)..];
        Assert.That(await Officer.GetStatusAsync("/incidents?limit=1", new AuthenticationHeaderValue("Bearer", refreshToken)),
            Is.EqualTo(HttpStatusCode.Unauthorized), "a refresh token is no access token");
    }

    [Test]
    public async Task Refresh_ends_the_session_once_the_person_left_or_changed_post()
    {
        using var leaverBrowser = Browser();
        using var movedBrowser = Browser();
        var leaver = await RegisterAsync("cookie-leaver");
        var moved = await RegisterAsync("cookie-moved");
        (await SignInAsync(leaverBrowser, leaver)).Dispose();
        (await SignInAsync(movedBrowser, moved)).Dispose();

        using (var left = await Officer.PostAsync($"/grids/staff/{leaver}/leave", null))
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var changed = await Officer.PatchAsJsonAsync($"/grids/staff/{moved}", new { role = Roles.Mediator }))
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Assert.That((await RefreshAsync(leaverBrowser)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await RefreshAsync(leaverBrowser)).Status, Is.EqualTo(HttpStatusCode.NoContent), "the 401 cleared the cookie: no session");
        Assert.That((await RefreshAsync(movedBrowser)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        (await SignInAsync(movedBrowser, moved)).Dispose();
        Assert.That((await RefreshAsync(movedBrowser)).Status, Is.EqualTo(HttpStatusCode.OK), "signed in again in the new post");
    }

    [Test]
    public async Task Sign_out_clears_the_cookie()
    {
        using var browser = Browser();
        (await SignInAsync(browser, await RegisterAsync("cookie-signing-out"))).Dispose();
        using (var signOut = await browser.PostAsync("/auth/sign-out", null))
            Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await RefreshAsync(browser)).Status, Is.EqualTo(HttpStatusCode.NoContent), "no session: nothing to refresh");
    }

    [Test]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_copy_of_its_cookie_is_refused_too()
    {
        using var browser = Browser();
        using var signIn = await SignInAsync(browser, await RegisterAsync("cookie-copied"));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(RefreshTokens.Cookie + "=")).Split(';')[0];
        using var copy = new HttpClient { BaseAddress = Officer.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.That((await RefreshAsync(copy)).Status, Is.EqualTo(HttpStatusCode.OK), "the copy works while the session lasts");

        using (var signOut = await browser.PostAsync("/auth/sign-out", null))
            Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await RefreshAsync(copy)).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the session ended for every copy of its cookie");
        using (var again = await copy.PostAsync("/auth/sign-out", null))
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "signing out of an ended session changes nothing");

        using var other = Browser();
        (await SignInAsync(other, "cookie-copied")).Dispose();
        Assert.That((await RefreshAsync(other)).Status, Is.EqualTo(HttpStatusCode.OK), "a new sign-in is a new session");
    }
}
