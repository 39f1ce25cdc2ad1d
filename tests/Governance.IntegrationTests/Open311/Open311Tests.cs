using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// Open311 GeoReport v2 at /open311/v2 in standalone mode (in-memory bus, SQLite files, the demo
/// county, api_key=demo accepted by appsettings.json): what a hotline or app system sees.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class Open311Tests : StandaloneFixture
{
    private const string V2 = "/open311/v2";
    private const string Spec = "http://wiki.open311.org/GeoReport_v2";
    private const string Noise = "楼上装修噪音持续到深夜，双方多次争执，请村里调解。\n已经持续一周，老人孩子无法休息。";

    private string _detailsKey = null!; // a client system's key that may read requests whole

    [OneTimeSetUp]
    public async Task IssueADetailsKeyAsync()
    {
        var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name = "详情读取系统", mayReadDetails = true });
        _detailsKey = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
    }

    // ---- helpers -------------------------------------------------------------------------------

    /// <summary>A complete filing of a neighbour dispute (IV) at the demo courtyard; a null value leaves the field out.</summary>
    private static Dictionary<string, string?> Filing(params (string Field, string? Value)[] changes)
    {
        var fields = new Dictionary<string, string?>
        {
            ["api_key"] = "demo", ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = Noise, ["lat"] = "30.52", ["long"] = "108.02", ["address_string"] = "幸福村3组12号院",
            ["first_name"] = "明", ["last_name"] = "王", ["phone"] = "13800000000", ["account_id"] = "hotline-caller-1",
        };
        foreach (var (field, value) in changes) fields[field] = value;
        return fields;
    }

    private Task<HttpResponseMessage> PostAsync(string format, Dictionary<string, string?> fields) =>
        Http.PostAsync($"{V2}/requests.{format}",
            new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))));

    private async Task<string> FileAsync(params (string Field, string? Value)[] changes)
    {
        var response = await PostAsync("json", Filing(changes));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;
    }

    /// <summary>A request as a client system that may read details reads it.</summary>
    private async Task<JsonElement> RequestAsync(string id)
    {
        var list = await Http.GetFromJsonAsync<JsonElement>($"{V2}/requests/{id}.json?api_key={Uri.EscapeDataString(_detailsKey)}");
        Assert.That(list.GetArrayLength(), Is.EqualTo(1));
        return list[0];
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var response = await Http.GetAsync($"{V2}/requests.json?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return list.EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()!).ToList();
    }

    private async Task<List<JsonElement>> RequestsAsync(string query) =>
        (await Http.GetFromJsonAsync<JsonElement>($"{V2}/requests.json?{query}")).EnumerateArray().ToList();

    private static async Task<List<(int Code, string Description)>> ErrorsAsync(HttpResponseMessage response, string format)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (format == "xml")
        {
            var root = XDocument.Parse(body).Root!;
            Assert.That(root.Name.LocalName, Is.EqualTo("errors"), body);
            return root.Elements("error").Select(e => ((int)e.Element("code")!, (string)e.Element("description")!)).ToList();
        }
        return JsonDocument.Parse(body).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("code").GetInt32(), e.GetProperty("description").GetString()!)).ToList();
    }

    private static void AssertContentType(HttpResponseMessage response, string format)
    {
        var type = response.Content.Headers.ContentType!;
        Assert.That(type.MediaType, Is.EqualTo(format == "xml" ? "text/xml" : "application/json"));
        Assert.That(type.CharSet, Is.EqualTo("utf-8"));
    }

    private async Task<int> CaseCountAsync() => (await Http.GetFromJsonAsync<List<JsonElement>>("/incidents?limit=1000"))!.Count;

    private async Task<HttpResponseMessage> PostJsonAsAsync(string url, object body, string user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        // Verification is by someone who does not hold the case (the permission model).
        request.Headers.Authorization = url.EndsWith("/verification") ? TestTokens.Verifier(user) : TestTokens.Bearer(user);
        return await Http.SendAsync(request);
    }

    // ---- discovery and services ----------------------------------------------------------------

    [Test]
    public async Task Discovery_names_the_GeoReport_v2_endpoint_with_both_formats()
    {
        var response = await Http.GetAsync($"{V2}/discovery.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertContentType(response, "json");
        var discovery = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(DateTimeOffset.TryParse(discovery.GetProperty("changeset").GetString(), out _), "changeset is a datetime");
        Assert.That(discovery.GetProperty("contact").GetString(), Is.Not.Empty);
        Assert.That(discovery.GetProperty("key_service").GetString(), Is.Not.Empty);
        var endpoint = discovery.GetProperty("endpoints")[0];
        Assert.That(endpoint.GetProperty("specification").GetString(), Is.EqualTo(Spec));
        Assert.That(endpoint.GetProperty("url").GetString(), Is.EqualTo(new Uri(Http.BaseAddress!, V2).ToString()));
        Assert.That(endpoint.GetProperty("type").GetString(), Is.EqualTo("production"));
        Assert.That(endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()), Is.EquivalentTo(new[] { "text/xml", "application/json" }));

        var xml = XDocument.Parse(await Http.GetStringAsync($"{V2}/discovery.xml"));
        Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("discovery"));
        var xmlEndpoint = xml.Root.Element("endpoints")!.Element("endpoint")!;
        Assert.That((string)xmlEndpoint.Element("specification")!, Is.EqualTo(Spec));
        Assert.That(xmlEndpoint.Element("formats")!.Elements("format").Select(f => f.Value), Is.EquivalentTo(new[] { "text/xml", "application/json" }));
    }

    [Test]
    public async Task Services_in_JSON_list_one_service_per_category_with_its_Chinese_name()
    {
        var response = await Http.GetAsync($"{V2}/services.json");
        AssertContentType(response, "json");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That(raw, Does.Contain("矛盾纠纷"), "Chinese is written as it is, not as \\u escapes");
        var services = JsonDocument.Parse(raw).RootElement.EnumerateArray().ToList();
        Assert.That(services.Select(s => s.GetProperty("service_code").GetString()), Is.EqualTo(new[]
        {
            "dispute", "public-security", "petition", "work-safety", "emergency", "livelihood", "environment", "facilities", "consultation", "other",
        }));
        Assert.That(services.All(s => s.GetProperty("metadata").GetBoolean() && s.GetProperty("type").GetString() == "realtime"));
        var dispute = services[0];
        Assert.That(dispute.GetProperty("service_name").GetString(), Is.EqualTo("矛盾纠纷"));
        Assert.That(dispute.GetProperty("description").GetString(), Does.StartWith("Disputes"));
        Assert.That(dispute.GetProperty("keywords").GetString(), Does.Contain("邻里纠纷"));
        Assert.That(dispute.GetProperty("group").GetString(), Is.EqualTo("社会治理"));
    }

    [Test]
    public async Task Services_in_XML_are_UTF8_with_the_declaration_and_Chinese_text_intact()
    {
        var response = await Http.GetAsync($"{V2}/services.xml");
        AssertContentType(response, "xml");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.That(text, Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        Assert.That(text, Does.Contain("<service_name>矛盾纠纷</service_name>"));
        var root = XDocument.Parse(text).Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("services"));
        Assert.That(root.Elements("service").Count(), Is.EqualTo(10));
        var petition = root.Elements("service").Single(s => (string)s.Element("service_code")! == "petition");
        Assert.That((string)petition.Element("service_name")!, Is.EqualTo("信访维稳"));
        Assert.That((string)petition.Element("metadata")!, Is.EqualTo("true"));
        Assert.That((string)petition.Element("type")!, Is.EqualTo("realtime"));
    }

    [TestCase("json")]
    [TestCase("xml")]
    public async Task Our_county_is_accepted_as_jurisdiction_and_another_answers_404(string format)
    {
        Assert.That((await Http.GetAsync($"{V2}/services.{format}?jurisdiction_id={Demo.County}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Http.GetAsync($"{V2}/services.{format}?jurisdiction_id=")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "empty is absent");
        var other = await Http.GetAsync($"{V2}/services.{format}?jurisdiction_id=sfgov.org");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        AssertContentType(other, format);
        var errors = await ErrorsAsync(other, format);
        Assert.That(errors.Single().Code, Is.EqualTo(404));
        Assert.That(errors.Single().Description, Does.Contain("jurisdiction_id").And.Contain(Demo.County));
    }

    [Test]
    public async Task A_service_definition_offers_the_unit_code_and_a_grade_of_the_four_grade_scale_neither_required()
    {
        var definition = await Http.GetFromJsonAsync<JsonElement>($"{V2}/services/dispute.json");
        Assert.That(definition.GetProperty("service_code").GetString(), Is.EqualTo("dispute"));
        var attributes = definition.GetProperty("attributes").EnumerateArray().ToList();
        Assert.That(attributes.Select(a => a.GetProperty("code").GetString()), Is.EqualTo(new[] { "unitCode", "grade" }));
        Assert.That(attributes.Select(a => a.GetProperty("order").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        // A hotline knows neither: the call is placed by its location or address, and is general (IV) unless graded.
        Assert.That(attributes.All(a => !a.GetProperty("required").GetBoolean() && a.GetProperty("variable").GetBoolean()));
        Assert.That(attributes[0].GetProperty("datatype").GetString(), Is.EqualTo("string"));
        Assert.That(attributes[1].GetProperty("datatype").GetString(), Is.EqualTo("singlevaluelist"));
        var values = attributes[1].GetProperty("values").EnumerateArray().ToList();
        Assert.That(values.Select(v => v.GetProperty("key").GetString()), Is.EqualTo(new[] { "IV", "III", "II", "I" }));
        Assert.That(values.Select(v => v.GetProperty("name").GetString()), Is.EqualTo(new[] { "一般（IV级）", "较大（III级）", "重大（II级）", "特别重大（I级）" }));

        var xml = XDocument.Parse(await Http.GetStringAsync($"{V2}/services/work-safety.xml")).Root!;
        Assert.That(xml.Name.LocalName, Is.EqualTo("service_definition"));
        Assert.That((string)xml.Element("service_code")!, Is.EqualTo("work-safety"));
        var grade = xml.Element("attributes")!.Elements("attribute").Single(a => (string)a.Element("code")! == "grade");
        Assert.That(grade.Element("values")!.Elements("value").Select(v => (string)v.Element("key")!), Is.EqualTo(new[] { "IV", "III", "II", "I" }));
        Assert.That((string)grade.Element("values")!.Elements("value").Last().Element("name")!, Is.EqualTo("特别重大（I级）"));
    }

    [TestCase("json")]
    [TestCase("xml")]
    public async Task An_unknown_service_answers_404_for_its_definition_and_for_a_filing(string format)
    {
        var definition = await Http.GetAsync($"{V2}/services/potholes.{format}");
        Assert.That(definition.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var error = (await ErrorsAsync(definition, format)).Single();
        Assert.That(error.Code, Is.EqualTo(404));
        Assert.That(error.Description, Does.Contain("potholes"));

        var before = await CaseCountAsync();
        var filing = await PostAsync(format, Filing(("service_code", "potholes")));
        Assert.That(filing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ErrorsAsync(filing, format)).Single().Description, Does.Contain("service_code"));
        Assert.That(await CaseCountAsync(), Is.EqualTo(before));
    }

    // ---- filing and following ------------------------------------------------------------------

    [Test]
    public async Task A_form_filed_in_JSON_is_open_and_after_routing_the_village_is_agency_responsible()
    {
        var response = await PostAsync("json", Filing());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        AssertContentType(response, "json");
        var created = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
        var id = created.GetProperty("service_request_id").GetString()!;
        Assert.That(created.GetProperty("service_notice").GetString(), Is.Not.Empty);
        Assert.That(created.GetProperty("account_id").GetString(), Is.EqualTo("hotline-caller-1"));
        Assert.That(created.TryGetProperty("token", out _), Is.False, "no token when the id is returned");
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"{V2}/requests/{id}.json"));

        var request = await RequestAsync(id);
        Assert.That(request.GetProperty("status").GetString(), Is.EqualTo("open"));
        Assert.That(request.GetProperty("service_code").GetString(), Is.EqualTo("dispute"));
        Assert.That(request.GetProperty("service_name").GetString(), Is.EqualTo("矛盾纠纷"));
        // A dispute: even a client that may read details never reads its description or address.
        Assert.That(request.TryGetProperty("description", out _), Is.False);
        Assert.That(request.TryGetProperty("address", out _), Is.False);
        Assert.That(request.GetProperty("lat").GetDouble(), Is.EqualTo(30.52));
        Assert.That(request.GetProperty("long").GetDouble(), Is.EqualTo(108.02));
        Assert.That(request.GetProperty("requested_datetime").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));

        var routed = await Eventually.GetAsync(() => RequestAsync(id),
            r => r.GetProperty("agency_responsible").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30), "routing");
        Assert.That(routed.GetProperty("agency_responsible").GetString(), Is.EqualTo(Demo.Village), "disputes (IV) go to village mediation");
        Assert.That(routed.GetProperty("status").GetString(), Is.EqualTo("open"));
        Assert.That(routed.GetProperty("status_notes").GetString(), Does.Contain("村（社区）"));
        Assert.That(DateTimeOffset.Parse(routed.GetProperty("expected_datetime").GetString()!),
            Is.GreaterThan(DateTimeOffset.Parse(routed.GetProperty("requested_datetime").GetString()!)));

        // The same case in our own API: filed by the client system, titled by the description's start.
        var incident = await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        Assert.That(incident.GetProperty("reportedBy").GetString(), Is.EqualTo("open311:demo"));
        Assert.That(incident.GetProperty("title").GetString(), Is.EqualTo(Noise.Replace('\n', ' ')[..40]));
        Assert.That(incident.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.Courtyard));
        Assert.That(incident.GetProperty("grade").GetString(), Is.EqualTo("IV"));
    }

    [Test]
    public async Task A_form_filed_in_XML_answers_in_XML_and_reads_back_with_Chinese_text_intact()
    {
        var response = await PostAsync("xml", Filing(("service_code", "facilities"), ("attribute[grade]", "III"),
            ("description", "村口供水主管破裂，全组停水"), ("lat", null), ("long", null), ("address_string", "五一村村口"),
            ("media_url", "https://example.org/photos/1.jpg"), ("account_id", null)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        AssertContentType(response, "xml");
        var created = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.That(created.Name.LocalName, Is.EqualTo("service_requests"));
        var id = (string)created.Element("request")!.Element("service_request_id")!;
        Assert.That((string)created.Element("request")!.Element("account_id")!, Is.Empty);

        var read = await Http.GetAsync($"{V2}/requests/{id}.xml?api_key={Uri.EscapeDataString(_detailsKey)}");
        AssertContentType(read, "xml");
        var request = XDocument.Parse(await read.Content.ReadAsStringAsync()).Root!.Elements("request").Single();
        Assert.That((string)request.Element("service_request_id")!, Is.EqualTo(id));
        Assert.That((string)request.Element("status")!, Is.EqualTo("open"));
        Assert.That((string)request.Element("service_name")!, Is.EqualTo("公共设施"));
        Assert.That((string)request.Element("description")!, Is.EqualTo("村口供水主管破裂，全组停水"));
        Assert.That((string)request.Element("address")!, Is.EqualTo("五一村村口"));
        Assert.That((string)request.Element("media_url")!, Is.EqualTo("https://example.org/photos/1.jpg"));
        Assert.That((string)request.Element("lat")!, Is.Empty, "no coordinates were sent");
    }

    [Test]
    public async Task Requests_filter_by_status_service_code_ids_and_date_range()
    {
        var dispute = await FileAsync();
        var facilities = await FileAsync(("service_code", "facilities"), ("attribute[grade]", "III"), ("description", "路灯损坏"));

        var open = await RequestsAsync("status=open");
        Assert.That(open.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("open"));
        Assert.That(open.Select(r => r.GetProperty("service_request_id").GetString()), Is.SupersetOf(new[] { dispute, facilities }));

        var onlyFacilities = await RequestsAsync("service_code=facilities");
        Assert.That(onlyFacilities.Select(r => r.GetProperty("service_code").GetString()), Is.All.EqualTo("facilities"));
        Assert.That(onlyFacilities.Select(r => r.GetProperty("service_request_id").GetString()), Does.Contain(facilities).And.Not.Contain(dispute));
        Assert.That(await IdsAsync("service_code=dispute,facilities"), Is.SupersetOf(new[] { dispute, facilities }));
        Assert.That(await IdsAsync($"service_request_id={dispute},{facilities}&status=closed"), Is.EquivalentTo(new[] { dispute, facilities }),
            "service_request_id overrides the other arguments");

        var requested = DateTimeOffset.Parse((await RequestAsync(dispute)).GetProperty("requested_datetime").GetString()!);
        string W3c(DateTimeOffset t) => Uri.EscapeDataString(t.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"));
        Assert.That(await IdsAsync($"start_date={W3c(requested.AddMinutes(-1))}&end_date={W3c(requested.AddMinutes(1))}"), Does.Contain(dispute));
        Assert.That(await IdsAsync($"start_date={W3c(requested.AddHours(1))}&end_date={W3c(requested.AddHours(2))}"), Does.Not.Contain(dispute));
        Assert.That(await IdsAsync($"end_date={W3c(requested.AddMinutes(-1))}"), Does.Not.Contain(dispute));
        Assert.That(await IdsAsync($"start_date={W3c(requested.AddMinutes(-1))}"), Does.Contain(dispute));
        Assert.That(await IdsAsync(""), Does.Contain(dispute), "the last 90 days by default");
    }

    [Test]
    public async Task A_case_resolved_and_verified_through_the_JSON_API_reads_closed()
    {
        var id = await FileAsync(("service_code", "environment"), ("description", "垃圾堆放在河边"));
        await Eventually.GetAsync(() => Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"),
            i => i.GetProperty("status").GetString() == "assigned", TimeSpan.FromSeconds(30), "routing");

        var resolved = await PostJsonAsAsync($"/incidents/{id}/resolve", new { note = "已清运" }, "gw-handler");
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
        Assert.That((await RequestAsync(id)).GetProperty("status").GetString(), Is.EqualTo("open"), "resolved waits for verification");

        var verified = await PostJsonAsAsync($"/incidents/{id}/verification",
            new { result = "solved", satisfaction = "satisfied", satisfied = true }, "resident-caller");
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());

        var closed = await RequestAsync(id);
        Assert.That(closed.GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(closed.GetProperty("status_notes").GetString(), Is.EqualTo("已核查结案。"));
        Assert.That(closed.GetProperty("expected_datetime").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(await IdsAsync("status=closed"), Does.Contain(id));
        Assert.That(await IdsAsync("status=open"), Does.Not.Contain(id));
    }

    // ---- keys and errors -----------------------------------------------------------------------

    [TestCase("json", null)]
    [TestCase("xml", null)]
    [TestCase("json", "not-a-key")]
    [TestCase("xml", "not-a-key")]
    public async Task Filing_without_a_valid_api_key_is_refused_with_403(string format, string? key)
    {
        var before = await CaseCountAsync();
        var response = await PostAsync(format, Filing(("api_key", key)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        AssertContentType(response, format);
        var error = (await ErrorsAsync(response, format)).Single();
        Assert.That(error.Code, Is.EqualTo(403));
        Assert.That(error.Description, Does.Contain("api_key"));
        Assert.That(await CaseCountAsync(), Is.EqualTo(before));
    }

    private static IEnumerable<TestCaseData> BadFilings()
    {
        yield return new TestCaseData(new[] { ("attribute[grade]", (string?)"V") }, "attribute[grade]").SetArgDisplayNames("grade V");
        yield return new TestCaseData(new[] { ("attribute[unitCode]", (string?)"999") }, "attribute[unitCode]").SetArgDisplayNames("unknown unit");
        yield return new TestCaseData(new[] { ("attribute[unitCode]", (string?)Demo.Village) }, "attribute[unitCode]").SetArgDisplayNames("a village");
        yield return new TestCaseData(new[] { ("lat", (string?)"north") }, "lat").SetArgDisplayNames("lat not a number");
        yield return new TestCaseData(new[] { ("long", (string?)"200") }, "long").SetArgDisplayNames("long out of range");
        yield return new TestCaseData(new[] { ("address_id", (string?)new string('9', 101)) }, "address_id").SetArgDisplayNames("address_id too long");
        yield return new TestCaseData(new[] { ("description", (string?)null) }, "description").SetArgDisplayNames("no description");
        yield return new TestCaseData(new[] { ("media_url", (string?)"ftp://example.org/x") }, "media_url").SetArgDisplayNames("ftp media");
        yield return new TestCaseData(new[] { ("service_code", (string?)null) }, "service_code").SetArgDisplayNames("no service");
    }

    [TestCaseSource(nameof(BadFilings))]
    public async Task A_bad_filing_answers_400_naming_the_field_and_files_nothing((string, string?)[] changes, string field)
    {
        var before = await CaseCountAsync();
        var response = await PostAsync("json", Filing(changes));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var errors = await ErrorsAsync(response, "json");
        Assert.That(errors.Select(e => e.Description), Has.Some.StartsWith(field));
        Assert.That(await CaseCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_body_that_is_not_a_form_answers_400()
    {
        var response = await Http.PostAsJsonAsync($"{V2}/requests.json", new { service_code = "dispute" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ErrorsAsync(response, "json")).Single().Description, Does.Contain("x-www-form-urlencoded"));
    }

    [TestCase("json")]
    [TestCase("xml")]
    public async Task An_unknown_request_and_any_token_answer_404(string format)
    {
        foreach (var url in new[] { $"{V2}/requests/{Guid.NewGuid()}.{format}", $"{V2}/requests/12345.{format}", $"{V2}/tokens/12345.{format}" })
        {
            var response = await Http.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
            Assert.That((await ErrorsAsync(response, format)).Single().Code, Is.EqualTo(404), url);
        }
    }

    [TestCase("status=pending", "status")]
    [TestCase("service_code=potholes", "service_code")]
    [TestCase("start_date=2026-01-01", "start_date")]
    [TestCase("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "start_date and end_date")]
    [TestCase("start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", "start_date")]
    [TestCase("service_request_id=abc", "service_request_id")]
    public async Task A_bad_filter_answers_400_naming_it(string query, string field)
    {
        var response = await Http.GetAsync($"{V2}/requests.xml?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ErrorsAsync(response, "xml")).Select(e => e.Description), Has.Some.StartsWith(field));
    }

    [Test]
    public async Task An_unknown_format_answers_400_in_XML()
    {
        var response = await Http.GetAsync($"{V2}/services.csv");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertContentType(response, "xml");
        Assert.That((await ErrorsAsync(response, "xml")).Single().Description, Does.Contain(".xml or .json"));
    }

    [Test]
    public async Task An_issued_key_files_as_its_client_and_once_revoked_is_refused()
    {
        var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name = "12345热线" });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var client = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var key = client.GetProperty("apiKey").GetString()!;
        var clientId = client.GetProperty("id").GetString()!;
        Assert.That(key, Has.Length.GreaterThanOrEqualTo(40));
        Assert.That((await Http.PostAsJsonAsync("/open311/admin/clients", new { name = "12345热线" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "one active key per client name");

        var id = await FileAsync(("api_key", key));
        Assert.That((await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}")).GetProperty("reportedBy").GetString(), Is.EqualTo("open311:12345热线"));

        Assert.That((await Http.DeleteAsync($"/open311/admin/clients/{clientId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var refused = await PostAsync("json", Filing(("api_key", key)));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var listed = (await Http.GetFromJsonAsync<List<JsonElement>>("/open311/admin/clients"))!.Single(c => c.GetProperty("id").GetString() == clientId);
        Assert.That(listed.GetProperty("revokedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(listed.TryGetProperty("apiKey", out _), Is.False, "a key is shown once, when issued");
        Assert.That((await Http.DeleteAsync($"/open311/admin/clients/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
