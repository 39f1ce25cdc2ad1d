using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.ReturnVisits;

/// <summary>
/// What trying 回访 from outside found (probe 5), each held here: a filing could name several phones (an SMS
/// platform texts each, and any of them could answer); a number no text reaches got "sent"; county supervisors
/// read the demo outbox, whose live links answer as the resident; a shared cache could keep one resident's page
/// for another; an offset near int's end overflowed the next page.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ReturnVisitProbeFixesTests
{
    private ReturnVisitHarness _h = null!;
    private HttpClient Http => _h.Http;

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ReturnVisitHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    [TestCase("13812345678,13912345678")]
    [TestCase("13812345678;13912345678")]
    [TestCase("abc<script>")]
    [TestCase("123")]
    public async Task A_filing_whose_phone_is_not_one_number_is_refused_naming_the_phone(string phone)
    {
        var response = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["description"] = "邻里噪音纠纷",
            ["phone"] = phone,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("phone must be one phone number"));
    }

    [Test]
    public async Task A_landline_caller_gets_no_text_and_the_delivery_says_why()
    {
        var texts = _h.Sms.Requests.Count;
        var id = await _h.FileAsync(phone: "023-6789 1234");
        await _h.ResolveAsync(id);
        var failed = await Eventually.GetAsync(async () => await Http.GetStringAsync("/incidents/admin/sms-deliveries?status=failed&limit=1000"),
            body => body.Contains(id.ToString()), ReturnVisitHarness.Limit, "the text marked failed");
        Assert.That(failed, Does.Contain("not a mobile number").And.Not.Contain("6789 1234"));
        Assert.That(_h.Sms.Requests.Skip(texts).Select(r => r.Json.GetProperty("phoneNumbers").GetString()), Has.None.Contains("6789"));
    }

    [Test]
    public async Task Only_the_administrator_reads_the_demo_outbox_whose_links_answer_as_the_resident()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/incidents/admin/sms-outbox");
        request.Headers.Authorization = TestTokens.Bearer("cs-outbox", Roles.CountySupervisor, Demo.County);
        Assert.That((await Http.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Http.GetAsync("/incidents/admin/sms-outbox")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the administrator");
    }

    [Test]
    public async Task The_residents_page_is_never_kept_by_a_shared_cache()
    {
        var response = await _h.ReadAsync(new string('C', 32));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.Vary, Does.Contain("X-Return-Visit-Token"));
    }

    [TestCase("/incidents/resident/courtyard", "X-Courtyard-Key")]
    [TestCase("/incidents/resident/case", "X-Resident-Token")]
    public async Task The_courtyard_page_and_the_status_link_are_never_kept_by_a_shared_cache_either(string url, string keyHeader)
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(keyHeader, "not-a-key");
        var response = await anonymous.SendAsync(request);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"{(int)response.StatusCode}");
        Assert.That(response.Headers.Vary, Does.Contain(keyHeader));
    }

    [TestCase("/incidents?offset=2147483647")]
    [TestCase("/incidents/triage?offset=2147483647")]
    [TestCase("/incidents/work?offset=10000001")]
    public async Task An_offset_beyond_any_list_is_refused_naming_it(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = TestTokens.Bearer("cd-offset", Roles.CountyDispatcher, Demo.County);
        var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("offset", out _), body);
    }
}
