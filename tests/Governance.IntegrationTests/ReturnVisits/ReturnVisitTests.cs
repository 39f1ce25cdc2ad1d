using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.ReturnVisits;

/// <summary>
/// 回访 (issue #14, item 3): a hotline case resolved → the county's SMS platform (a test receiver on 127.0.0.1)
/// receives a signed text with a one-time link → the resident reads what was done and answers: 满意 closes the
/// case as the resident, 不满意 reopens it as "not solved" does; a link answers once, a new resolution or staff
/// verification voids it; the dashboard counts residents' answers apart from staff-recorded satisfaction.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReturnVisitTests
{
    private ReturnVisitHarness _h = null!;
    private HttpClient Http => _h.Http;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ReturnVisitHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private async Task<JsonElement> SummaryAsync() =>
        await Http.GetFromJsonAsync<JsonElement>($"/incidents/dashboard/summary?unitCode={Demo.County}");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        if (field is not null) Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    [Test]
    public async Task A_resolved_hotline_case_texts_a_signed_link_and_the_residents_satisfied_answer_closes_it()
    {
        var before = await SummaryAsync();
        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id, "双方协商一致，车位已划定");
        var (text, token) = await _h.TextAsync(texts, "the 回访 text");

        // What the platform received: Aliyun's fields, signed with the shared key over "<timestamp>.<body>".
        var json = text.Json;
        Assert.That(json.GetProperty("phoneNumbers").GetString(), Is.EqualTo(ReturnVisitHarness.Phone));
        Assert.That(json.GetProperty("signName").GetString(), Is.EqualTo("测试县"));
        Assert.That(json.GetProperty("templateCode").GetString(), Is.EqualTo("SMS_RETURN_VISIT"));
        Assert.That(json.GetProperty("outId").GetString(), Is.Not.Empty);
        Assert.That(token, Has.Length.EqualTo(32));
        var timestamp = text.Headers["x-sms-timestamp"];
        Assert.That(text.Headers["x-sms-key-id"], Is.EqualTo("k1"));
        Assert.That(text.Headers["x-sms-signature"], Is.EqualTo("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(ReturnVisitHarness.SmsKey), Encoding.UTF8.GetBytes(timestamp + "." + text.Body)))));

        // The page's data: what was done, where and when — no name, no phone, no description.
        var read = await _h.ReadAsync(token);
        var page = await read.Content.ReadAsStringAsync();
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
        var view = JsonDocument.Parse(page).RootElement;
        Assert.That(view.GetProperty("category").GetString(), Is.EqualTo("dispute"));
        Assert.That(view.GetProperty("categoryZh").GetString(), Is.EqualTo("矛盾纠纷"));
        Assert.That(view.GetProperty("resolutionNote").GetString(), Is.EqualTo("双方协商一致，车位已划定"));
        Assert.That(view.GetProperty("placeName").GetString(), Is.Not.Empty);
        Assert.That(page, Does.Not.Contain("5678").And.Not.Contain("张").And.Not.Contain("停车位发生争执"));

        var answered = await _h.AnswerAsync(token, new { satisfaction = "satisfied", comment = "<b>谢谢</b>" });
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answered.Content.ReadAsStringAsync());
        Assert.That((await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseStatus").GetString(), Is.EqualTo("closed"));

        var incident = (await _h.Environment.Host.IncidentAsync(id))!;
        Assert.That(incident.Status, Is.EqualTo("closed"));
        var entries = incident.Timeline.Where(e => e.Actor == "resident:return-visit").ToList();
        Assert.That(entries.Select(e => (e.Action, e.Reason)), Is.EqualTo(new[] { ("verified", (string?)"群众回访：满意；<b>谢谢</b>") }),
            "one entry, his words as he typed them: the pages render text, never HTML");

        await AssertProblemAsync(await _h.AnswerAsync(token, new { satisfaction = "satisfied" }), HttpStatusCode.Gone);
        await AssertProblemAsync(await _h.ReadAsync(token), HttpStatusCode.Gone);

        var after = await SummaryAsync();
        Assert.That(after.GetProperty("residentAnswers").GetInt64() - before.GetProperty("residentAnswers").GetInt64(), Is.EqualTo(1));
        Assert.That(after.GetProperty("staffSatisfactionAnswers").GetInt64(), Is.EqualTo(before.GetProperty("staffSatisfactionAnswers").GetInt64()),
            "the resident's answer is not counted as staff-recorded satisfaction");
        Assert.That(after.GetProperty("residentSatisfactionRate").GetDouble(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Dissatisfied_reopens_the_case_and_the_next_resolution_texts_a_new_link()
    {
        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id);
        var (_, first) = await _h.TextAsync(texts, "the first text");

        var answered = await _h.AnswerAsync(first, new { satisfaction = "dissatisfied", comment = "车位还是被占" });
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answered.Content.ReadAsStringAsync());
        var incident = (await _h.Environment.Host.IncidentAsync(id))!;
        Assert.That(incident.Status, Is.EqualTo("reopened"));
        var reopened = incident.Timeline.Last(e => e.Action == "reopened");
        Assert.That((reopened.Actor, reopened.Reason), Is.EqualTo(("resident:return-visit", (string?)"群众回访：不满意；车位还是被占")));

        texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id, "重新划线并张贴告示");
        var (_, second) = await _h.TextAsync(texts, "the second text");
        Assert.That(second, Is.Not.EqualTo(first));
        await AssertProblemAsync(await _h.ReadAsync(first), HttpStatusCode.Gone);
        var read = await _h.ReadAsync(second);
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolutionNote").GetString(), Is.EqualTo("重新划线并张贴告示"));
    }

    [Test]
    public async Task Staff_verification_voids_the_residents_link_and_a_later_answer_is_refused()
    {
        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id);
        var (_, token) = await _h.TextAsync(texts, "the text");
        var verified = await Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction = "satisfied" }, TestTokens.Verifier());
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());

        var late = await _h.AnswerAsync(token, new { satisfaction = "dissatisfied" });
        await AssertProblemAsync(late, HttpStatusCode.Gone);
        Assert.That((await _h.Environment.Host.IncidentAsync(id))!.Status, Is.EqualTo("closed"), "the refused answer changed nothing");
    }

    [Test]
    public async Task Unknown_links_and_answers_that_are_not_ours_are_refused_naming_the_field()
    {
        await AssertProblemAsync(await _h.ReadAsync("not-a-token"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _h.ReadAsync(new string('A', 32)), HttpStatusCode.NotFound);
        await AssertProblemAsync(await _h.AnswerAsync(new string('A', 32), new { satisfaction = "satisfied" }), HttpStatusCode.NotFound);

        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id);
        var (_, token) = await _h.TextAsync(texts, "the text");
        await AssertProblemAsync(await _h.AnswerAsync(token, new { satisfaction = "very-happy" }), HttpStatusCode.BadRequest, "satisfaction");
        await AssertProblemAsync(await _h.AnswerAsync(token, new { comment = "没选" }), HttpStatusCode.BadRequest, "satisfaction");
        await AssertProblemAsync(await _h.AnswerAsync(token, new { satisfaction = "satisfied", comment = new string('长', 501) }),
            HttpStatusCode.BadRequest, "comment");
        Assert.That((await _h.ReadAsync(token)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a refused answer does not spend the link");
    }

    [Test]
    public async Task A_resident_without_a_phone_gets_no_text_and_is_verified_by_staff_as_before()
    {
        var id = await _h.FileAsync(phone: null);
        await _h.ResolveAsync(id);
        var deliveries = await Http.GetFromJsonAsync<List<JsonElement>>("/incidents/admin/sms-deliveries?limit=1000");
        Assert.That(deliveries!.Select(d => d.GetProperty("incidentId").GetGuid()), Does.Not.Contain(id));
        var verified = await Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction = "basically-satisfied" }, TestTokens.Verifier());
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_deliveries_list_shows_the_number_masked_and_never_the_link()
    {
        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id);
        var (_, token) = await _h.TextAsync(texts, "the text");
        var list = await Eventually.GetAsync(async () => await Http.GetStringAsync("/incidents/admin/sms-deliveries?status=sent"),
            body => body.Contains(id.ToString()), ReturnVisitHarness.Limit, "the text listed as sent");
        Assert.That(list, Does.Contain("138****5678"));
        Assert.That(list, Does.Not.Contain(ReturnVisitHarness.Phone).And.Not.Contain(token));
        var unmasked = await Http.GetAsync("/incidents/admin/sms-deliveries", CancellationToken.None);
        Assert.That(unmasked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var resident = new HttpRequestMessage(HttpMethod.Get, "/incidents/admin/sms-deliveries");
        resident.Headers.Authorization = TestTokens.Bearer("gw-sms", Roles.GridWorkerFullTime, Demo.Grid);
        Assert.That((await Http.SendAsync(resident)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the county administrator's list");
    }

    [Test]
    public async Task A_text_the_platform_refused_is_sent_again_with_a_new_link_and_the_refused_one_never_answers()
    {
        var id = await _h.FileAsync();
        var texts = _h.Sms.Requests.Count;
        _h.Sms.Reply = """{"code":"isv.SMS_TEMPLATE_ILLEGAL","message":"模板不合法"}""";
        try
        {
            await _h.ResolveAsync(id);
            var (_, refused) = await _h.TextAsync(texts, "the refused text");
            var pending = await Eventually.GetAsync(async () => await Http.GetFromJsonAsync<List<JsonElement>>("/incidents/admin/sms-deliveries?status=pending"),
                list => list!.Any(d => d.GetProperty("incidentId").GetGuid() == id && d.GetProperty("attempts").GetInt32() >= 1), ReturnVisitHarness.Limit,
                "the refusal recorded");
            Assert.That(pending!.First(d => d.GetProperty("incidentId").GetGuid() == id).GetProperty("lastError").GetString(),
                Does.Contain("isv.SMS_TEMPLATE_ILLEGAL"));
            Assert.That(refused, Has.Length.EqualTo(32));
        }
        finally
        {
            _h.Sms.Reply = ReturnVisitHarness.Accepted;
        }

        await Eventually.GetAsync(async () => await Http.GetStringAsync("/incidents/admin/sms-deliveries?status=sent"),
            body => body.Contains(id.ToString()), ReturnVisitHarness.Limit, "the text sent once the platform takes it");
        // Every send carried its own link; only the last, which the platform took, answers.
        var links = _h.Sms.Requests.Skip(texts).Select(r => r.Json.GetProperty("templateParam").GetProperty("link").GetString()!)
            .Select(l => l[(l.IndexOf('#') + 1)..]).ToList();
        Assert.That(links, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(links.Distinct().Count(), Is.EqualTo(links.Count));
        Assert.That((await _h.ReadAsync(links[^1])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var earlier in links.SkipLast(1)) await AssertProblemAsync(await _h.ReadAsync(earlier), HttpStatusCode.NotFound);
    }
}
