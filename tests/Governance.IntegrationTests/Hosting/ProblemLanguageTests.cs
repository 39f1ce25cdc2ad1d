using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Hosting;

/// <summary>
/// Problems are said in the caller's language (issue #17): Chinese unless Accept-Language asks for English first,
/// the field named by its JSON name either way. The other tests' clients ask for English (English.cs); these ask
/// for nothing, for English, or for something else.
/// </summary>
[TestFixture]
public sealed class ProblemLanguageTests : StandaloneFixture
{
    /// <summary>A client with the officer's token and the given Accept-Language (none when null).</summary>
    private HttpClient Client(string? language, System.Net.Http.Headers.AuthenticationHeaderValue? token = null)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = token ?? Http.DefaultRequestHeaders.Authorization;
        if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string Message(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private static bool Chinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    private Task<HttpResponseMessage> FileBadlyAsync(HttpClient client) =>
        client.PostAsJsonAsync("/incidents", new { unitCode = Demo.Grid, category = "dispute", grade = "V", description = "没有标题，等级也不对" });

    [TestCase(null)]
    [TestCase("fr-FR, de;q=0.8")]
    [TestCase("zh-CN,zh;q=0.9,en;q=0.8")]
    public async Task A_bad_filing_is_refused_in_Chinese_unless_English_is_asked_for(string? language)
    {
        using var client = Client(language);
        var problem = await ProblemAsync(await FileBadlyAsync(client), HttpStatusCode.BadRequest);
        Assert.That(Message(problem, "title"), Is.EqualTo("title 为必填项。"));
        Assert.That(Message(problem, "grade"), Does.StartWith("grade 须为以下之一："));
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("提交的内容有误，请按各项提示修改。"));
    }

    [TestCase("en")]
    [TestCase("en-US,en;q=0.9,zh-CN;q=0.8")]
    public async Task A_bad_filing_is_refused_in_English_when_English_is_asked_for(string language)
    {
        using var client = Client(language);
        using var response = await FileBadlyAsync(client);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(Message(problem, "title"), Is.EqualTo("title is required."));
        Assert.That(Message(problem, "grade"), Does.StartWith("grade must be one of "));
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("One or more validation errors occurred."));
        Assert.That(response.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "en" }), "says which language it chose");
    }

    [Test]
    public async Task A_grid_worker_refused_a_county_only_action_reads_why_in_Chinese()
    {
        var worker = TestTokens.Bearer("gw-l10n", Roles.GridWorkerFullTime, Demo.Grid);
        using var chinese = Client(null, worker);
        var refused = await ProblemAsync(await chinese.GetAsync("/incidents/audit"), HttpStatusCode.Forbidden);
        Assert.That(refused.GetProperty("title").GetString(), Is.EqualTo("无权办理"));
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("需要以下角色之一").And.Contain(Roles.CountyAdministrator));

        using var english = Client("en", worker);
        var inEnglish = await ProblemAsync(await english.GetAsync("/incidents/audit"), HttpStatusCode.Forbidden);
        Assert.That(inEnglish.GetProperty("title").GetString(), Is.EqualTo("Not yours to do"));
    }

    [Test]
    public async Task The_frameworks_own_problems_are_said_in_Chinese_too()
    {
        using var client = Client(null);
        var unknown = await ProblemAsync(await client.GetAsync("/incidents/no-such-thing/at-all"), HttpStatusCode.NotFound);
        Assert.That(unknown.GetProperty("title").GetString(), Is.EqualTo("未找到"));

        using var unreadable = new StringContent("{\"unitCode\": 12, ", Encoding.UTF8, "application/json");
        var broken = await ProblemAsync(await client.PostAsync("/incidents", unreadable), HttpStatusCode.BadRequest);
        Assert.That(broken.GetProperty("title").GetString(), Is.EqualTo("无法读取提交的内容。"));
        Assert.That(Chinese(broken.GetProperty("errors").EnumerateObject().Single().Value[0].GetString()), Is.True, broken.ToString());
    }

    [Test]
    public async Task Problems_about_a_body_that_cannot_be_read_say_their_language_like_every_other()
    {
        // The exception handler writes these, and it clears the headers the request's language had set before.
        using var chinese = Client(null);
        using var unreadable = new StringContent("{\"text\": ", Encoding.UTF8, "application/json");
        using var broken = await chinese.PostAsync("/incidents", new StringContent("{\"unitCode\": 12, ", Encoding.UTF8, "application/json"));
        await ProblemAsync(broken, HttpStatusCode.BadRequest);
        Assert.That(broken.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "zh-CN" }));

        // No such case for the caller: 404 before the body is judged (docs/permissions.md), from the same handler.
        using var notYours = await chinese.PostAsync($"/incidents/{Guid.NewGuid()}/notes", unreadable);
        Assert.That(notYours.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(notYours.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "zh-CN" }));

        using var english = Client("en");
        using var inEnglish = await english.PostAsync("/incidents", new StringContent("[", Encoding.UTF8, "application/json"));
        await ProblemAsync(inEnglish, HttpStatusCode.BadRequest);
        Assert.That(inEnglish.Content.Headers.ContentLanguage, Is.EqualTo(new[] { "en" }));
    }
}
