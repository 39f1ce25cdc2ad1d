using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// GET requests shows the public fields only (issue #13): category, status, agency, dates and the place
/// rounded to 0.01° — never the description, address, media or exact coordinates, and of a petition or
/// a dispute nothing beyond category, status and dates. A client system whose key the county
/// administrator lets read details sees ordinary requests whole, and petitions and disputes still
/// without their description or address. Anonymous, a plain key, a privileged key; JSON and XML.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Open311PublicFieldsTests : StandaloneFixture
{
    private const string V2 = "/open311/v2";
    private const string Secret = "张三家漏水，住3单元甲座，电话请勿公开";
    private const string Address = "幸福村3组12号院甲座";
    private const string Media = "https://example.org/photos/leak.jpg";

    private string _plainKey = null!;
    private string _detailsKey = null!;
    private string _plainClientId = null!;
    private string _facilities = null!;
    private string _dispute = null!;
    private string _petition = null!;

    private static readonly string[] PublicOrdinary =
        ["service_request_id", "status", "status_notes", "service_name", "service_code", "agency_responsible", "service_notice",
         "requested_datetime", "updated_datetime", "expected_datetime", "lat", "long"];

    private static readonly string[] PublicSensitive =
        ["service_request_id", "status", "service_name", "service_code", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime"];

    [OneTimeSetUp]
    public async Task IssueKeysAndFileAsync()
    {
        (_plainClientId, _plainKey) = await IssueAsync("普通热线", mayReadDetails: null);
        (_, _detailsKey) = await IssueAsync("数据中心", mayReadDetails: true);
        _facilities = await FileAsync("facilities");
        _dispute = await FileAsync("dispute");
        _petition = await FileAsync("petition");
    }

    private async Task<(string Id, string Key)> IssueAsync(string name, bool? mayReadDetails)
    {
        var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name, mayReadDetails });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("mayReadDetails").GetBoolean(), Is.EqualTo(mayReadDetails ?? false));
        return (body.GetProperty("id").GetString()!, body.GetProperty("apiKey").GetString()!);
    }

    /// <summary>A request at the demo courtyard, at 30.5183, 108.0267 (rounded: 30.52, 108.03).</summary>
    private async Task<string> FileAsync(string serviceCode)
    {
        var response = await Http.PostAsync($"{V2}/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "demo", ["service_code"] = serviceCode, ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = Secret, ["lat"] = "30.5183", ["long"] = "108.0267", ["address_string"] = Address, ["media_url"] = Media,
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>The three requests as one reader sees them, by format: field name → text, per id.</summary>
    private async Task<Dictionary<string, Dictionary<string, string?>>> ReadAsync(string format, string? key, bool single)
    {
        var ids = new[] { _facilities, _dispute, _petition };
        var query = key is null ? "" : $"api_key={Uri.EscapeDataString(key)}";
        var bodies = single
            ? await Task.WhenAll(ids.Select(id => GetAsync($"{V2}/requests/{id}.{format}?{query}")))
            : [await GetAsync($"{V2}/requests.{format}?service_request_id={string.Join(',', ids)}&{query}")];
        foreach (var body in bodies)
        {
            // Whatever the shape, none of it is anywhere in the text.
            Assert.That(body, Does.Not.Contain("张三").And.Not.Contain("甲座").And.Not.Contain("example.org"), $"{format} {key}");
            Assert.That(body, Does.Not.Contain("30.5183").And.Not.Contain("108.0267"), $"{format} {key}");
        }
        var requests = bodies.SelectMany(body => format == "json" ? FromJson(body) : FromXml(body)).ToList();
        Assert.That(requests, Has.Count.EqualTo(3));
        return requests.ToDictionary(r => r["service_request_id"]!);
    }

    private async Task<string> GetAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return body;
    }

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    private static IEnumerable<Dictionary<string, string?>> FromJson(string body) =>
        JsonDocument.Parse(body).RootElement.EnumerateArray().Select(r => r.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => p.Value.GetString(), _ => p.Value.GetRawText() }));

    private static IEnumerable<Dictionary<string, string?>> FromXml(string body) =>
        XDocument.Parse(body).Root!.Elements("request").Select(r => r.Elements().ToDictionary(e => e.Name.LocalName, e => (string?)e.Value));

    [TestCase("json", false, TestName = "Anonymous_readers_see_the_public_fields_only_in_JSON")]
    [TestCase("xml", true, TestName = "Anonymous_readers_see_the_public_fields_only_in_XML")]
    public async Task Anonymous(string format, bool single) => AssertPublic(await ReadAsync(format, key: null, single));

    [TestCase("json", true, TestName = "A_plain_key_sees_what_the_public_sees_in_JSON")]
    [TestCase("xml", false, TestName = "A_plain_key_sees_what_the_public_sees_in_XML")]
    public async Task PlainKey(string format, bool single)
    {
        AssertPublic(await ReadAsync(format, _plainKey, single));
        AssertPublic(await ReadAsync(format, "demo", single));
    }

    private void AssertPublic(Dictionary<string, Dictionary<string, string?>> requests)
    {
        var ordinary = requests[_facilities];
        Assert.That(ordinary.Keys, Is.EquivalentTo(PublicOrdinary));
        Assert.That(ordinary["service_code"], Is.EqualTo("facilities"));
        Assert.That(ordinary["status"], Is.EqualTo("open"));
        Assert.That(Number(ordinary["lat"]), Is.EqualTo(30.52));
        Assert.That(Number(ordinary["long"]), Is.EqualTo(108.03));
        foreach (var sensitive in new[] { _dispute, _petition })
            Assert.That(requests[sensitive].Keys, Is.EquivalentTo(PublicSensitive), sensitive);
        Assert.That(requests[_petition]["service_code"], Is.EqualTo("petition"));
    }

    [TestCase("json", true, TestName = "A_key_that_may_read_details_sees_ordinary_requests_whole_but_no_petition_or_dispute_details_in_JSON")]
    [TestCase("xml", false, TestName = "A_key_that_may_read_details_sees_ordinary_requests_whole_but_no_petition_or_dispute_details_in_XML")]
    public async Task DetailsKey(string format, bool single)
    {
        var key = Uri.EscapeDataString(_detailsKey);
        var ids = $"{_facilities},{_dispute},{_petition}";
        var body = single
            ? await GetAsync($"{V2}/requests/{_facilities}.{format}?api_key={key}")
            : await GetAsync($"{V2}/requests.{format}?service_request_id={ids}&api_key={key}");
        var ordinary = (format == "json" ? FromJson(body) : FromXml(body)).Single(r => r["service_request_id"] == _facilities);
        Assert.That(ordinary["description"], Is.EqualTo(Secret));
        Assert.That(ordinary["address"], Is.EqualTo(Address));
        Assert.That(ordinary["media_url"], Is.EqualTo(Media));
        Assert.That(Number(ordinary["lat"]), Is.EqualTo(30.5183));

        foreach (var id in new[] { _dispute, _petition })
        {
            var text = await GetAsync($"{V2}/requests/{id}.{format}?api_key={key}");
            Assert.That(text, Does.Not.Contain("张三").And.Not.Contain("甲座").And.Not.Contain("example.org").And.Not.Contain("30.5183"));
            var sensitive = (format == "json" ? FromJson(text) : FromXml(text)).Single();
            Assert.That(sensitive.Keys, Is.EquivalentTo(PublicOrdinary), "a petition or dispute as the public sees an ordinary request");
            Assert.That(Number(sensitive["lat"]), Is.EqualTo(30.52));
        }
    }

    [Test]
    public async Task An_unknown_key_is_refused_and_only_the_county_administrator_changes_what_a_key_may_read()
    {
        using var unknown = await Http.GetAsync($"{V2}/requests/{_facilities}.json?api_key=not-a-key");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        // A county supervisor reads the settings but may not change them.
        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/open311/admin/clients/{_plainClientId}") { Content = JsonContent.Create(new { mayReadDetails = true }) };
        patch.Headers.Authorization = TestTokens.Bearer("supervisor-open311", Roles.CountySupervisor);
        using var refused = await Http.SendAsync(patch);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Http.GetStringAsync($"{V2}/requests/{_facilities}.json?api_key={Uri.EscapeDataString(_plainKey)}")), Does.Not.Contain(Secret));

        // The county administrator (the test's default identity holds that role) lets the key read details, then not.
        var allowed = await Http.PatchAsJsonAsync($"/open311/admin/clients/{_plainClientId}", new { mayReadDetails = true });
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await allowed.Content.ReadAsStringAsync());
        Assert.That((await allowed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mayReadDetails").GetBoolean(), Is.True);
        Assert.That(await Http.GetStringAsync($"{V2}/requests/{_facilities}.json?api_key={Uri.EscapeDataString(_plainKey)}"), Does.Contain(Secret));
        var listed = (await Http.GetFromJsonAsync<List<JsonElement>>("/open311/admin/clients"))!.Single(c => c.GetProperty("id").GetString() == _plainClientId);
        Assert.That(listed.GetProperty("mayReadDetails").GetBoolean(), Is.True);

        Assert.That((await Http.PatchAsJsonAsync($"/open311/admin/clients/{_plainClientId}", new { mayReadDetails = false })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Http.GetStringAsync($"{V2}/requests/{_facilities}.json?api_key={Uri.EscapeDataString(_plainKey)}"), Does.Not.Contain(Secret));
        using var missing = await Http.PatchAsJsonAsync($"/open311/admin/clients/{_plainClientId}", new { });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("mayReadDetails"));
    }
}
