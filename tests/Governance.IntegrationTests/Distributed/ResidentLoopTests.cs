using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Notices;
using Governance.IntegrationTests.Support;
using Npgsql;

namespace Governance.IntegrationTests.Distributed;

/// <summary>
/// The resident's loop end to end, distributed (issue #14, item 6): Grids and Dispatch in one host, Incidents in
/// another, on PostgreSQL databases of their own and RabbitMQ, so what Incidents knows of the county's boundaries
/// and of routing comes by message only. A hotline system posts a form-encoded GeoReport v2 request with nothing
/// but lat/long, a description and the caller → placed on the courtyard holding the point → routed by Dispatch →
/// accepted and resolved by its holder (the only one who reads the caller's number) → the county's SMS platform
/// (a receiver on 127.0.0.1) gets the 回访 text → the resident opens the link and answers 满意 → closed → the
/// hotline's own receiver got every change of status, signed, in order. And a call that cannot be placed waits
/// in triage (待分拨) until a county dispatcher places it, then routes like any case.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ResidentLoopTests
{
    private const string Phone = "13912345678";
    private const string SmsKey = "county-sms-platform-key-for-the-loop";
    private const string Courtyard2 = "500101001001001002"; // holds lat 30.52, lng 108.07 (IntakeByPlaceTests)
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    // A dispute (IV) on a courtyard of the demo village is routed to the village: its handler holds it.
    private static readonly AuthenticationHeaderValue Holder = TestTokens.Bearer("vh-loop", Roles.VillageHandler, Demo.Village);
    private static readonly AuthenticationHeaderValue OtherGridWorker = TestTokens.Bearer("gw-loop", Roles.GridWorkerFullTime, "500101001002001");
    private static readonly AuthenticationHeaderValue Supervisor = TestTokens.Bearer("cs-loop", Roles.CountySupervisor, Demo.County);
    private static readonly AuthenticationHeaderValue Dispatcher = TestTokens.Bearer("cd-loop", Roles.CountyDispatcher, Demo.County);

    private PostgresRabbitEnvironment _environment = null!;
    private InProcessHost _gridsAndDispatch = null!;
    private InProcessHost _incidents = null!;
    private NoticeReceiver _receiver = null!;
    private Hook _sms = null!;
    private HttpClient Http => _incidents.Http;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _receiver = await NoticeReceiver.StartAsync();
        (_sms, var smsUrl) = _receiver.NewHook();
        _sms.Reply = """{"code":"OK","message":"OK","bizId":"900000000000000001"}""";
        _environment = await PostgresRabbitEnvironment.CreateAsync("resloop");
        _gridsAndDispatch = await InProcessHost.StartAsync(_environment.Settings("grids,dispatch"));
        var incidents = _environment.Settings("incidents");
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Sms:Gateway"] = "http", ["Sms:Url"] = smsUrl, ["Sms:Key"] = SmsKey, ["Sms:KeyId"] = "loop", ["Sms:SignName"] = "示范县",
            ["Sms:SendInterval"] = "00:00:00.050",
            ["Open311:Callbacks:SendInterval"] = "00:00:00.050",
            ["Incidents:ReturnVisits:LinkBase"] = "https://12345.example.gov.cn/return-visit#",
        }) incidents[key] = value;
        _incidents = await InProcessHost.StartAsync(incidents);
        // Incidents places calls by its own copy of the county's boundaries, which Grids sends by message.
        await Eventually.GetAsync(async () =>
        {
            await using var c = new NpgsqlConnection(_environment.ConnectionStrings["incidents"]);
            return (long?)await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM unit_copy WHERE code = @code AND boundary_json IS NOT NULL", new { code = Courtyard2 });
        }, n => n == 1, Limit, "Incidents' copy of the courtyard's boundary");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _incidents.DisposeAsync();
        await _gridsAndDispatch.DisposeAsync();
        await _environment.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<(string Key, string Secret, Hook Callbacks)> HotlineSystemAsync()
    {
        var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name = $"12345 {Guid.NewGuid():N}"[..20] });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var client = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var (hook, url) = _receiver.NewHook();
        var set = await Http.PutAsJsonAsync($"/open311/admin/clients/{client.GetProperty("id").GetGuid()}/callback", new { url });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        return (client.GetProperty("apiKey").GetString()!, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!, hook);
    }

    /// <summary>As a 12345 system posts: form-encoded, no unit, no grade.</summary>
    private async Task<Guid> CallAsync(string key, string lat, string lng, string description)
    {
        var response = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "dispute", ["lat"] = lat, ["long"] = lng, ["description"] = description,
            ["first_name"] = "四", ["last_name"] = "李", ["phone"] = Phone,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return Guid.Parse(JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!);
    }

    private async Task<IncidentJson> RoutedAsync(Guid id) =>
        await Eventually.GetAsync(() => _incidents.IncidentAsync(id), i => i?.Status == "assigned", Limit, "the case routed by Dispatch");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, AuthenticationHeaderValue? token,
        string? returnVisitToken = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (returnVisitToken is not null) request.Headers.Add("X-Return-Visit-Token", returnVisitToken);
        using var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        if (token is not null) client.DefaultRequestHeaders.Authorization = token; // none: the resident, signed in nowhere
        return await client.SendAsync(request);
    }

    [Test]
    public async Task A_call_with_only_a_place_is_placed_routed_resolved_texted_answered_by_the_resident_and_called_back_in_order()
    {
        var (key, secret, callbacks) = await HotlineSystemAsync();
        var id = await CallAsync(key, "30.52", "108.07", "楼下商铺占道经营，邻里多次争执");
        var routed = await RoutedAsync(id);
        Assert.That((routed.Tier, routed.HandlingUnitCode), Is.EqualTo(("village", Demo.Village)));
        var placed = await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        Assert.That(placed.GetProperty("unitCode").GetString(), Is.EqualTo(Courtyard2), "placed by the point, through the copy Grids sent");

        // 先联系后办理: the holder reads the caller whole; anyone else sees him masked or not at all.
        var asHolder = await SendAsync(HttpMethod.Get, $"/incidents/{id}/caller", null, Holder);
        Assert.That(asHolder.StatusCode, Is.EqualTo(HttpStatusCode.OK), await asHolder.Content.ReadAsStringAsync());
        Assert.That((await asHolder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("phone").GetString(), Is.EqualTo(Phone));
        var asSupervisor = await SendAsync(HttpMethod.Get, $"/incidents/{id}/caller", null, Supervisor);
        Assert.That(asSupervisor.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the county reads the case, not the caller's number");
        var seenBySupervisor = await (await SendAsync(HttpMethod.Get, $"/incidents/{id}", null, Supervisor)).Content.ReadAsStringAsync();
        Assert.That(seenBySupervisor, Does.Not.Contain(Phone).And.Contain("139****5678"));
        Assert.That((await SendAsync(HttpMethod.Get, $"/incidents/{id}/caller", null, OtherGridWorker)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "a grid worker of another village does not learn that the case exists");

        Assert.That((await SendAsync(HttpMethod.Post, $"/incidents/{id}/accept", new { }, Holder)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var resolved = await SendAsync(HttpMethod.Post, $"/incidents/{id}/resolve", new { note = "已约谈商户，划定经营范围" }, Holder);
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());

        // 回访: the county's SMS platform receives the text, signed; the resident opens his link and answers.
        var text = (await Eventually.GetAsync(() => Task.FromResult<List<ReceivedRequest>?>(_sms.Requests.ToList()), l => l.Count >= 1, Limit, "the 回访 text"))
            .Single(r => r.Json.GetProperty("phoneNumbers").GetString() == Phone);
        Assert.That(text.Headers["x-sms-signature"], Is.EqualTo(Signature(SmsKey, text.Headers["x-sms-timestamp"], text.Body)));
        var link = text.Json.GetProperty("templateParam").GetProperty("link").GetString()!;
        var token = link[(link.IndexOf('#') + 1)..];
        var page = await SendAsync(HttpMethod.Get, "/incidents/return-visit", null, null, token);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), await page.Content.ReadAsStringAsync());
        Assert.That((await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolutionNote").GetString(), Is.EqualTo("已约谈商户，划定经营范围"));
        var answered = await SendAsync(HttpMethod.Post, "/incidents/return-visit/answer", new { satisfaction = "satisfied", comment = "处理及时" }, null, token);
        Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answered.Content.ReadAsStringAsync());
        Assert.That((await _incidents.IncidentAsync(id))!.Status, Is.EqualTo("closed"));
        Assert.That((await SendAsync(HttpMethod.Get, $"/incidents/{id}/caller", null, Holder)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "the number is shown only while the case is worked on");

        // Status back to the hotline: every change, in order, signed with the client's callback secret.
        var received = await Eventually.GetAsync(() => Task.FromResult<List<ReceivedRequest>?>(callbacks.Requests.ToList()), l => l.Count >= 5, Limit, "five callbacks");
        Assert.That(received.Select(r => r.Json.GetProperty("detailed_status").GetString()),
            Is.EqualTo(new[] { "filed", "assigned", "accepted", "resolved", "closed" }));
        Assert.That(received.Select(r => r.Json.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        foreach (var r in received)
            Assert.That(r.Headers["x-governance-signature"], Is.EqualTo(Signature(secret, r.Headers["x-governance-timestamp"], r.Body)));
    }

    [Test]
    public async Task A_call_that_cannot_be_placed_waits_in_triage_until_a_county_dispatcher_places_it_then_routes()
    {
        var (key, _, callbacks) = await HotlineSystemAsync();
        var id = await CallAsync(key, "39.9", "116.4", "来电反映夜间施工噪音"); // far outside the demo county
        var waiting = await Eventually.GetAsync(() => _incidents.IncidentAsync(id), i => i is not null, Limit, "the call stored");
        Assert.That(waiting!.Status, Is.EqualTo("triage"));
        var queue = await (await SendAsync(HttpMethod.Get, "/incidents/triage?limit=500", null, Dispatcher)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(queue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("case").GetProperty("id").GetGuid()), Does.Contain(id));

        var gridWorker = await SendAsync(HttpMethod.Post, $"/incidents/{id}/place", new { unitCode = Demo.Courtyard }, OtherGridWorker);
        Assert.That(gridWorker.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound), "placing is the county dispatcher's");
        var placed = await SendAsync(HttpMethod.Post, $"/incidents/{id}/place", new { unitCode = Demo.Courtyard }, Dispatcher);
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await placed.Content.ReadAsStringAsync());
        var routed = await RoutedAsync(id);
        Assert.That((routed.Tier, routed.HandlingUnitCode), Is.EqualTo(("village", Demo.Village)));

        var received = await Eventually.GetAsync(() => Task.FromResult<List<ReceivedRequest>?>(callbacks.Requests.ToList()), l => l.Count >= 3, Limit, "three callbacks");
        Assert.That(received.Select(r => r.Json.GetProperty("detailed_status").GetString()), Is.EqualTo(new[] { "triage", "filed", "assigned" }));
    }

    private static string Signature(string key, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
