using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// The pages' own sign-in with account and password (docs/sessions.md, "Passwords"), on a Host without the
/// demo accounts, as a county installed from the package runs: an administrator's reset gives a one-time
/// password, which signs in only after its holder chose his own; wrong accounts and wrong passwords are
/// answered alike and audited; wrong passwords in a row lock the account; a reset ends the person's
/// sessions; only those who may change a person's staff record may reset his password.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PasswordSignInTests : StandaloneFixture
{
    private const int FailuresBeforeLock = 3;

    private HttpClient Officer => Http;

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Auth:DevTokens"] = "false",
        ["Auth:PasswordFailuresBeforeLock"] = FailuresBeforeLock.ToString(),
        // As a township running standalone for real: Open311's demo key follows the demo sign-in (off).
        ["Open311:AcceptDemoKey"] = "",
    };

    /// <summary>A browser of its own: a cookie jar, no token.</summary>
    private HttpClient Browser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = Officer.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task<string> RegisterAsync(string id, string role = Roles.GridWorkerFullTime, string unitCode = Demo.Grid)
    {
        using var response = await Officer.PostAsJsonAsync("/grids/staff", new { id, name = $"测试{id}", role, unitCode });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<string> ResetAsync(string id)
    {
        using var response = await Officer.PostAsync($"/grids/staff/{id}/password", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "a password is never kept by a cache");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.That(body.GetProperty("mustChange").GetBoolean(), Is.True);
        return body.GetProperty("password").GetString()!;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(HttpClient browser, string url, object body)
    {
        var response = await browser.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    private static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SignInAsync(HttpClient browser, string account, string password) =>
        PostAsync(browser, "/auth/sign-in", new { account, password });

    /// <summary>A person with a password of his own: reset by the administrator, then changed at first sign-in.</summary>
    private async Task<string> WithOwnPasswordAsync(string id, string password)
    {
        var oneTime = await ResetAsync(id);
        using var browser = Browser();
        var (status, body, response) = await PostAsync(browser, "/auth/change-password", new { account = id, currentPassword = oneTime, newPassword = password });
        response.Dispose();
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return password;
    }

    private static async Task<HttpStatusCode> RefreshAsync(HttpClient browser)
    {
        using var response = await browser.PostAsync("/auth/refresh", null);
        return response.StatusCode;
    }

    [Test]
    public async Task The_host_offers_passwords_and_no_demo_accounts()
    {
        var methods = await Officer.GetFromJsonAsync<JsonElement>("/auth/methods");
        Assert.That(methods.GetProperty("password").GetBoolean(), Is.True);
        Assert.That(methods.GetProperty("demoAccounts").GetBoolean(), Is.False);
        using var demo = await Officer.GetAsync("/auth/demo-accounts");
        Assert.That(demo.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_one_time_password_signs_in_only_after_its_holder_chose_his_own()
    {
        var id = await RegisterAsync("pw-first");
        var oneTime = await ResetAsync(id);
        using var browser = Browser();

        var (status, body, first) = await SignInAsync(browser, id, oneTime);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), body.ToString());
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("password-change-required"));
        Assert.That(first.Headers.Contains("Set-Cookie"), Is.False, "no session before he chose his own password");
        Assert.That(await RefreshAsync(browser), Is.EqualTo(HttpStatusCode.NoContent));

        var (weak, weakBody, _) = await PostAsync(browser, "/auth/change-password", new { account = id, currentPassword = oneTime, newPassword = "password" });
        Assert.That(weak, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(weakBody.GetProperty("errors").TryGetProperty("newPassword", out _), Is.True, weakBody.ToString());
        var (withAccount, withAccountBody, _) = await PostAsync(browser, "/auth/change-password",
            new { account = id, currentPassword = oneTime, newPassword = $"X9-{id}-y" });
        Assert.That(withAccount, Is.EqualTo(HttpStatusCode.BadRequest), "a password holding the account's id");
        Assert.That(withAccountBody.GetProperty("errors").TryGetProperty("newPassword", out _), Is.True);

        var (changed, changedBody, changedResponse) = await PostAsync(browser, "/auth/change-password",
            new { account = id, currentPassword = oneTime, newPassword = "Gao-shan-2027" });
        Assert.That(changed, Is.EqualTo(HttpStatusCode.OK), changedBody.ToString());
        Assert.That(changedResponse.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(RefreshTokens.Cookie + "=")), Is.True);
        var token = new AuthenticationHeaderValue("Bearer", changedBody.GetProperty("accessToken").GetString());
        Assert.That(changedBody.GetProperty("account").GetProperty("userId").GetString(), Is.EqualTo(id));
        Assert.That(await Officer.GetStatusAsync("/incidents?limit=1", token), Is.EqualTo(HttpStatusCode.OK), "the token works");
        Assert.That(await RefreshAsync(browser), Is.EqualTo(HttpStatusCode.OK), "the change started the session");

        using var other = Browser();
        Assert.That((await SignInAsync(other, id, oneTime)).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the one-time password is spent");
        var (again, againBody, _) = await SignInAsync(other, id, "Gao-shan-2027");
        Assert.That(again, Is.EqualTo(HttpStatusCode.OK), againBody.ToString());
        Assert.That(againBody.GetProperty("account").GetProperty("role").GetString(), Is.EqualTo(Roles.GridWorkerFullTime));
    }

    [Test]
    public async Task A_wrong_account_and_a_wrong_password_are_answered_alike_and_audited()
    {
        var id = await RegisterAsync("pw-alike");
        await WithOwnPasswordAsync(id, "Alike-pass-1");
        using var browser = Browser();

        var (wrongPassword, wrongPasswordBody, _) = await SignInAsync(browser, id, "Not-his-1");
        var (noAccount, noAccountBody, _) = await SignInAsync(browser, "pw-nobody", "Not-his-1");
        var (noPassword, noPasswordBody, _) = await SignInAsync(browser, await RegisterAsync("pw-never-set"), "Not-his-1");
        Assert.That(new[] { wrongPassword, noAccount, noPassword }, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(noAccountBody.GetProperty("detail").GetString(), Is.EqualTo(wrongPasswordBody.GetProperty("detail").GetString()));
        Assert.That(noPasswordBody.GetProperty("detail").GetString(), Is.EqualTo(wrongPasswordBody.GetProperty("detail").GetString()));
        Assert.That(wrongPasswordBody.GetProperty("detail").GetString(), Does.Contain("账号或密码不正确"));

        var audit = await Officer.GetFromJsonAsync<JsonElement>("/grids/audit?limit=50");
        var refused = audit.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "POST /auth/sign-in"
            && e.GetProperty("detail").GetString()!.Contains("refused")).Select(e => e.GetProperty("target").GetString()).ToList();
        Assert.That(refused, Is.SupersetOf(new[] { id, "pw-never-set", null }));
        Assert.That(audit.ToString(), Does.Contain("no such account").And.Not.Contain("pw-nobody"),
            "an account nobody has is not written down as typed (it may be a password in the wrong field)");
        Assert.That(audit.ToString(), Does.Not.Contain("Not-his-1").And.Not.Contain("Alike-pass-1"), "no password is ever written down");
    }

    [Test]
    public async Task Wrong_passwords_in_a_row_lock_the_account_until_a_reset()
    {
        var id = await RegisterAsync("pw-locked");
        var password = await WithOwnPasswordAsync(id, "Locked-pass-1");
        using var browser = Browser();
        for (var i = 0; i < FailuresBeforeLock; i++)
            Assert.That((await SignInAsync(browser, id, $"Guess-{i}-x")).Status, Is.EqualTo(HttpStatusCode.Unauthorized));

        var (locked, lockedBody, lockedResponse) = await SignInAsync(browser, id, password);
        Assert.That(locked, Is.EqualTo(HttpStatusCode.TooManyRequests), "the right password too, while locked");
        Assert.That(lockedResponse.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(lockedBody.TryGetProperty("lockedUntil", out _), Is.True, lockedBody.ToString());
        Assert.That((await PostAsync(browser, "/auth/change-password", new { account = id, currentPassword = password, newPassword = "Other-pass-2" })).Status,
            Is.EqualTo(HttpStatusCode.TooManyRequests), "nor may the password be changed");

        var oneTime = await ResetAsync(id);
        Assert.That((await SignInAsync(browser, id, oneTime)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "a reset lifts the lock (and asks for a new password)");
    }

    [Test]
    public async Task A_reset_or_a_change_ends_the_sessions_begun_before_it()
    {
        var id = await RegisterAsync("pw-sessions");
        var password = await WithOwnPasswordAsync(id, "Session-pass-1");
        using var phone = Browser();
        using var office = Browser();
        Assert.That((await SignInAsync(phone, id, password)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SignInAsync(office, id, password)).Status, Is.EqualTo(HttpStatusCode.OK));

        var (changed, _, _) = await PostAsync(office, "/auth/change-password", new { account = id, currentPassword = password, newPassword = "Session-pass-2" });
        Assert.That(changed, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await RefreshAsync(office), Is.EqualTo(HttpStatusCode.OK), "the session the change started goes on");
        Assert.That(await RefreshAsync(phone), Is.EqualTo(HttpStatusCode.Unauthorized), "the phone signed in with the old password");

        await ResetAsync(id);
        Assert.That(await RefreshAsync(office), Is.EqualTo(HttpStatusCode.Unauthorized), "a reset ends every session");
    }

    [Test]
    public async Task A_person_who_left_cannot_sign_in_with_his_password()
    {
        var id = await RegisterAsync("pw-leaver");
        var password = await WithOwnPasswordAsync(id, "Leaver-pass-1");
        using (var left = await Officer.PostAsync($"/grids/staff/{id}/leave", null))
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var browser = Browser();
        Assert.That((await SignInAsync(browser, id, password)).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var reset = await Officer.PostAsync($"/grids/staff/{id}/password", null);
        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "no password for someone who left");
    }

    [Test]
    public async Task Only_who_may_change_a_persons_record_may_reset_his_password()
    {
        var worker = await RegisterAsync("pw-target");
        var grid = TestTokens.Bearer("pw-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
        var township = TestTokens.Bearer("pw-dispatcher", Roles.TownshipDispatcher, Demo.Township);
        var otherTownship = TestTokens.Bearer("pw-elsewhere", Roles.TownshipDispatcher, "500101002000");

        Assert.That((await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{worker}/password", grid)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{worker}/password", otherTownship)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        var admin = await RegisterAsync("pw-admin", Roles.CountyAdministrator, Demo.County);
        Assert.That((await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{admin}/password", township)).Status, Is.EqualTo(HttpStatusCode.Forbidden),
            "a township may not take over the county's administrator");
        var (allowed, body) = await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{worker}/password", township);
        Assert.That(allowed, Is.EqualTo(HttpStatusCode.OK), body.ToString());

        // A leader's post reaches beyond his unit: his password is reset by whoever could give him that post.
        async Task<string> LeaderAsync(string id, string post, string linked)
        {
            await RegisterAsync(id, Roles.VillageHandler, Demo.Village);
            using var put = await Officer.PutAsJsonAsync($"/grids/leaders/{id}", new { post, linkedUnits = new[] { linked }, visitEveryDays = 7 });
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
            return id;
        }
        var countyLeader = await LeaderAsync("pw-county-leader", "county-committee", Demo.Village);
        var (refused, refusal) = await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{countyLeader}/password", township);
        Assert.That(refused, Is.EqualTo(HttpStatusCode.Forbidden), "a county committee member: the county resets him");
        Assert.That(refusal.GetProperty("detail").GetString(), Does.Contain("county administrator"));
        var ownLeader = await LeaderAsync("pw-leader-here", "township-committee", Demo.Village);
        Assert.That((await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{ownLeader}/password", township)).Status,
            Is.EqualTo(HttpStatusCode.OK), "a township leader linked within his township: the dispatcher could give him that post");
        Assert.That((await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{countyLeader}/password", TestTokens.Bearer("county-officer"))).Status,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Common_passwords_are_refused_though_complex_enough()
    {
        var id = await RegisterAsync("pw-common");
        var oneTime = await ResetAsync(id);
        using var browser = Browser();
        foreach (var common in new[] { "Admin@123", "Abc12345", "P@ssw0rd!" })
        {
            var (status, body, _) = await PostAsync(browser, "/auth/change-password", new { account = id, currentPassword = oneTime, newPassword = common });
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), common);
            Assert.That(body.GetProperty("errors").GetProperty("newPassword")[0].GetString(), Does.Contain("过于常见"), common);
        }
    }

    [Test]
    public async Task The_operator_command_gives_the_first_administrator_a_one_time_password()
    {
        var admin = await RegisterAsync("pw-first-admin", Roles.CountyAdministrator, Demo.County);
        var settings = StandaloneEnvironment.Settings(Environment.DataFolder).Concat(TestTokens.HostSettings).ToList();
        var (exit, output, errors) = await OperatorCommand.RunAsync(settings, "reset-password", admin);
        Assert.That(exit, Is.Zero, errors);
        Assert.That(output, Has.Length.EqualTo(12), "the one-time password alone on standard output");
        using var browser = Browser();
        var (status, body, _) = await SignInAsync(browser, admin, output);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), body.ToString());
        Assert.That(body.GetProperty("code").GetString(), Is.EqualTo("password-change-required"));

        var audit = await Officer.GetFromJsonAsync<JsonElement>("/grids/audit?limit=50");
        Assert.That(audit.EnumerateArray().Any(e => e.GetProperty("target").GetString() == admin
            && e.GetProperty("action").GetString()!.StartsWith("reset-password") && e.GetProperty("actor").GetString()!.StartsWith("operator:")), Is.True,
            "the operator's reset is in the audit log, with who ran it");

        var unknown = await OperatorCommand.RunAsync(settings, "reset-password", "pw-nobody-at-all");
        Assert.That(unknown.ExitCode, Is.EqualTo(2));
        Assert.That(unknown.Output, Is.Empty);
        Assert.That(unknown.Errors, Does.Contain("pw-nobody-at-all"));
    }

    [Test]
    public async Task Without_the_demo_sign_in_the_demo_open311_key_files_nothing()
    {
        using var response = await Officer.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV", ["description"] = "x",
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_township_dispatcher_cannot_replace_a_county_committee_post_to_reach_its_password()
    {
        var leader = await RegisterAsync("pw-county-post", Roles.VillageHandler, Demo.Village);
        using (var put = await Officer.PutAsJsonAsync($"/grids/leaders/{leader}", new { post = "county-committee", linkedUnits = new[] { Demo.Village }, visitEveryDays = 7 }))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var township = TestTokens.Bearer("pw-dispatcher", Roles.TownshipDispatcher, Demo.Township);
        var (replaced, body) = await Officer.SendJsonAsync(HttpMethod.Put, $"/grids/leaders/{leader}", township,
            new { post = "township-committee", linkedUnits = new[] { Demo.Village }, visitEveryDays = 7 });
        Assert.That(replaced, Is.EqualTo(HttpStatusCode.Forbidden), body.ToString());
        Assert.That((await Officer.SendJsonAsync(HttpMethod.Post, $"/grids/staff/{leader}/password", township)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Bad_input_names_the_field()
    {
        using var browser = Browser();
        var (status, body, _) = await PostAsync(browser, "/auth/sign-in", new { account = "", password = new string('x', 500) });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("errors").TryGetProperty("account", out _), Is.True, body.ToString());
        Assert.That(body.GetProperty("errors").TryGetProperty("password", out _), Is.True, body.ToString());

        // A body in a charset nobody knows was a 500 on every JSON endpoint.
        using var unknown = await browser.PostAsync("/auth/sign-in", new StringContent("{\"account\":\"a\",\"password\":\"b\"}",
            System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "x-no-such-charset" }));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), await unknown.Content.ReadAsStringAsync());
        var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement;
        Assert.That(problem.GetProperty("errors").TryGetProperty("body", out _), Is.True, problem.ToString());

        // GBK, which Chinese clients send, is read as GBK (the Host registers the code pages at start): the account
        // typed in Chinese arrives whole, and is refused only as an account nobody has.
        var gbkEncoding = System.Text.Encoding.GetEncoding("gbk");
        using var gbkBody = new ByteArrayContent(gbkEncoding.GetBytes("{\"account\":\"张三\",\"password\":\"\u4E0D\u5BF9-Pass-1\"}"));
        gbkBody.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "gbk" };
        using var gbk = await browser.PostAsync("/auth/sign-in", gbkBody);
        Assert.That(gbk.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), await gbk.Content.ReadAsStringAsync());
    }
}

/// <summary>One address may try only so many sign-ins a minute, whatever the accounts (docs/sessions.md).</summary>
[TestFixture]
[NonParallelizable]
public sealed class SignInRateLimitTests : StandaloneFixture
{
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Auth:SignInPermitsPerMinute"] = "3" };

    [Test]
    public async Task The_attempt_past_the_limit_is_refused_with_a_chinese_problem_and_retry_after()
    {
        // A browser's request: no Accept-Language, so the problem speaks Chinese.
        using var browser = new HttpClient { BaseAddress = Http.BaseAddress };
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await browser.PostAsJsonAsync("/auth/sign-in", new { account = $"spray-{i}", password = "Spray-pass-1" });
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }
        using var refused = await browser.PostAsJsonAsync("/auth/sign-in", new { account = "spray-3", password = "Spray-pass-1" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
        Assert.That(refused.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("登录尝试过于频繁"));
    }
}
