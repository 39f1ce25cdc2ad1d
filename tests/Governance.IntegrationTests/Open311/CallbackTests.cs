using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Governance.Incidents.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Notices;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// Status back to the hotline (issue #14, items 4 and 6): a client system with a callback URL receives each
/// status change of a case it filed, signed with its callback secret, in order; a receiver that fails is
/// retried, a delivery that failed for good is listed and sent again. The hotline's server is a Kestrel
/// receiver on 127.0.0.1.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CallbackTests : StandaloneFixture
{
    private NoticeReceiver _receiver = null!;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    // A dispute (IV) at the demo courtyard is routed to the village: the village handler holds it.
    private static readonly AuthenticationHeaderValue Holder = TestTokens.Bearer("vh-callbacks", Roles.VillageHandler, Demo.Village);

    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Open311:Callbacks:SendInterval"] = "00:00:00.050",
        ["Open311:Callbacks:RetriesPerSend"] = "2",      // three attempts in one send
        ["Open311:Callbacks:RetryDelay"] = "00:00:00.020",
        ["Open311:Callbacks:MaxAttempts"] = "3",         // one send, then failed
    };

    [OneTimeSetUp]
    public async Task StartReceiverAsync() => _receiver = await NoticeReceiver.StartAsync();

    [OneTimeTearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    private async Task<(Guid Id, string Key)> IssueClientAsync()
    {
        var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name = $"hotline {Guid.NewGuid():N}"[..20] });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetGuid(), body.GetProperty("apiKey").GetString()!);
    }

    private async Task<JsonElement> SetCallbackAsync(Guid client, object body)
    {
        var response = await Http.PutAsJsonAsync($"/open311/admin/clients/{client}/callback", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Guid> FileAsync(string apiKey)
    {
        var response = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = apiKey, ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = "邻里因停车位发生争执", ["lat"] = "30.5183", ["long"] = "108.0267",
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
        await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i?.Status == "assigned", Limit, "the case routed");
        return id;
    }

    private static Task WaitForRequestsAsync(Hook hook, int count, string what) =>
        Eventually.GetAsync(() => Task.FromResult<int?>(hook.Requests.Count), n => n >= count, Limit, what);

    private async Task<List<JsonElement>> DeliveriesAsync(Guid client, string query = "") =>
        (await Http.GetFromJsonAsync<List<JsonElement>>($"/open311/admin/clients/{client}/callback-deliveries{query}"))!;

    private static string Expected(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));

    [Test]
    public async Task A_hotline_case_is_called_back_at_each_change_of_status_in_order_and_signed()
    {
        var (hook, url) = _receiver.NewHook();
        var (client, key) = await IssueClientAsync();
        var set = await SetCallbackAsync(client, new { url });
        var secret = set.GetProperty("secret").GetString()!;
        Assert.That(secret, Has.Length.EqualTo(64), "a generated secret is answered once");

        var id = await FileAsync(key);
        Assert.That((await Http.PostAsJsonAsync($"/incidents/{id}/accept", new { }, Holder)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "双方协商一致" }, Holder)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var verified = await Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction = "satisfied" }, TestTokens.Verifier());
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());

        await WaitForRequestsAsync(hook, 5, "five callbacks");
        var received = hook.Requests.ToList();
        Assert.That(received.Select(r => r.Json.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
        Assert.That(received.Select(r => r.Json.GetProperty("detailed_status").GetString()),
            Is.EqualTo(new[] { "filed", "assigned", "accepted", "resolved", "closed" }));
        Assert.That(received.Select(r => r.Json.GetProperty("status").GetString()), Is.EqualTo(new[] { "open", "open", "open", "open", "closed" }));
        Assert.That(received.Select(r => r.Json.GetProperty("service_request_id").GetString()), Is.All.EqualTo(id.ToString()));
        Assert.That(received.Select(r => r.Json.GetProperty("event_id").GetGuid()).Distinct().Count(), Is.EqualTo(5));
        Assert.That(received[4].Json.GetProperty("status_notes").GetString(), Is.EqualTo("已核查结案。"));
        Assert.That(received[0].Json.GetProperty("updated_datetime").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
        foreach (var r in received)
        {
            var timestamp = r.Headers["x-governance-timestamp"];
            Assert.That(long.Parse(timestamp), Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(120));
            Assert.That(r.Headers["x-governance-signature"], Is.EqualTo(Expected(secret, timestamp, r.Body)));
            Assert.That(r.Headers["x-governance-signature"], Is.Not.EqualTo(Expected("another secret 12345", timestamp, r.Body)));
        }
        var sent = await DeliveriesAsync(client, "?status=sent");
        Assert.That(sent.Select(d => d.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 5, 4, 3, 2, 1 }), "newest first");
    }

    [Test]
    public async Task A_call_that_waited_in_triage_is_called_back_when_a_county_dispatcher_places_it()
    {
        var (hook, url) = _receiver.NewHook();
        var (client, key) = await IssueClientAsync();
        await SetCallbackAsync(client, new { url });
        // No unit and a point far outside the demo county: the call waits for a county dispatcher (待分拨).
        var filed = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "dispute", ["description"] = "来电反映噪音扰民", ["lat"] = "39.9", ["long"] = "116.4",
        }));
        Assert.That(filed.StatusCode, Is.EqualTo(HttpStatusCode.Created), await filed.Content.ReadAsStringAsync());
        var id = Guid.Parse((await filed.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
        await WaitForRequestsAsync(hook, 1, "the triage callback");

        var dispatcher = TestTokens.Bearer("cd-callbacks", Roles.CountyDispatcher, Demo.County);
        var placed = await Http.PostAsJsonAsync($"/incidents/{id}/place", new { unitCode = Demo.Courtyard }, dispatcher);
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await placed.Content.ReadAsStringAsync());

        await WaitForRequestsAsync(hook, 3, "the placed and routed callbacks");
        var received = hook.Requests.ToList();
        Assert.That(received.Select(r => r.Json.GetProperty("detailed_status").GetString()), Is.EqualTo(new[] { "triage", "filed", "assigned" }));
        Assert.That(received.Select(r => r.Json.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(received[0].Json.GetProperty("status_notes").GetString(), Is.EqualTo("已受理，等待区县分拨。"));
    }

    [Test]
    public async Task A_receiver_that_fails_twice_gets_the_callback_on_the_third_attempt()
    {
        var (hook, url) = _receiver.NewHook();
        hook.FailFirst = 2;
        var (client, key) = await IssueClientAsync();
        await SetCallbackAsync(client, new { url, secret = "the hotline's own secret" });
        await FileAsync(key);
        await WaitForRequestsAsync(hook, 4, "filed: two failures and a success; then assigned");
        var filed = (await Eventually.GetAsync<List<JsonElement>>(async () => await DeliveriesAsync(client, "?status=sent"),
            list => list.Any(d => d.GetProperty("sequence").GetInt32() == 1), Limit, "the first callback sent")).Single(d => d.GetProperty("sequence").GetInt32() == 1);
        Assert.That((filed.GetProperty("attempts").GetInt32(), filed.GetProperty("lastStatusCode").GetInt32()), Is.EqualTo((3, 200)));
        var first = hook.Requests.ToList();
        Assert.That(first.Take(3).Select(r => r.Json.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 1, 1, 1 }));
        Assert.That(first[2].Headers["x-governance-signature"], Is.EqualTo(Expected("the hotline's own secret", first[2].Headers["x-governance-timestamp"], first[2].Body)));
    }

    [Test]
    public async Task A_failed_callback_is_listed_with_its_error_and_sent_again_on_retry()
    {
        var (hook, url) = _receiver.NewHook();
        hook.AlwaysFail = true;
        hook.FailStatus = 503;
        var (client, key) = await IssueClientAsync();
        await SetCallbackAsync(client, new { url });
        await FileAsync(key);
        var failed = await Eventually.GetAsync<List<JsonElement>>(async () => await DeliveriesAsync(client, "?status=failed"), list => list.Count == 2, Limit, "both callbacks failed");
        var first = failed.Single(d => d.GetProperty("sequence").GetInt32() == 1);
        Assert.That((first.GetProperty("attempts").GetInt32(), first.GetProperty("lastStatusCode").GetInt32()), Is.EqualTo((3, 503)));
        Assert.That(first.GetProperty("lastError").GetString(), Does.StartWith("HTTP 503"));

        hook.AlwaysFail = false;
        var before = hook.Requests.Count;
        var retried = await Http.PostAsync($"/open311/admin/clients/{client}/callback-deliveries/{first.GetProperty("id").GetGuid()}/retry", null);
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.OK), await retried.Content.ReadAsStringAsync());
        await WaitForRequestsAsync(hook, before + 1, "the retried callback");
        Assert.That(hook.Requests.Last().Json.GetProperty("sequence").GetInt32(), Is.EqualTo(1));
        var again = await Http.PostAsync($"/open311/admin/clients/{client}/callback-deliveries/{first.GetProperty("id").GetGuid()}/retry", null);
        Assert.That(again.StatusCode, Is.AnyOf(HttpStatusCode.Conflict), "pending or sent: nothing to retry");
        var (otherClient, _) = await IssueClientAsync();
        var foreign = await Http.PostAsync($"/open311/admin/clients/{otherClient}/callback-deliveries/{failed[0].GetProperty("id").GetGuid()}/retry", null);
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another client's delivery");
    }

    [Test]
    public async Task A_client_without_a_callback_gets_nothing_and_its_secret_is_sealed_at_rest()
    {
        var (hook, url) = _receiver.NewHook();
        var (silent, silentKey) = await IssueClientAsync();
        var (withCallback, key) = await IssueClientAsync();
        const string secret = "a-secret-nobody-reads-back-0001";
        var set = await SetCallbackAsync(withCallback, new { url, secret });
        Assert.That(set.GetProperty("secret").ValueKind, Is.EqualTo(JsonValueKind.Null), "a given secret is not answered back");

        await FileAsync(silentKey);
        Assert.That(await DeliveriesAsync(silent), Is.Empty);
        await using (var c = await Host.Get<IncidentsDatabase>().OpenAsync())
        {
            Assert.That(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM open311_callback_deliveries WHERE client_id = @silent", new { silent }), Is.Zero);
            var stored = await c.ExecuteScalarAsync<string>("SELECT callback_secret FROM open311_clients WHERE id = @withCallback", new { withCallback });
            Assert.That(stored, Does.StartWith("pd1:").And.Not.Contain(secret));
        }
        var clients = await Http.GetStringAsync("/open311/admin/clients");
        Assert.That(clients, Does.Contain(url).And.Not.Contain(secret).And.Not.Contain("pd1:"));
        Assert.That(hook.Requests, Is.Empty);
    }

    [Test]
    public async Task A_callback_urls_credentials_and_query_tokens_are_masked_where_settings_are_read()
    {
        // Found trying it from outside: a county supervisor (who reads settings) read the hotline's password and token.
        var (client, _) = await IssueClientAsync();
        await SetCallbackAsync(client, new { url = "http://bob:hunter2@127.0.0.1:9/cb?token=SECRETTOKEN", secret = "a-secret-nobody-reads-back-0002" });
        var clients = await Http.GetStringAsync("/open311/admin/clients");
        Assert.That(clients, Does.Contain("http://…@127.0.0.1:9/cb?token=SECR…").And.Not.Contain("hunter2").And.Not.Contain("SECRETTOKEN"));
    }

    [Test]
    public async Task The_callback_admin_routes_are_the_county_administrators()
    {
        var (client, _) = await IssueClientAsync();
        var bad = await Http.PutAsJsonAsync($"/open311/admin/clients/{client}/callback", new { url = "ftp://hotline.example/cb" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _), Is.True);
        var relative = await Http.PutAsJsonAsync($"/open311/admin/clients/{client}/callback", new { url = "/callbacks" });
        Assert.That(relative.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var metadata = await Http.PutAsJsonAsync($"/open311/admin/clients/{client}/callback", new { url = "http://169.254.169.254/latest/meta-data/" });
        Assert.That(metadata.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await metadata.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("url")[0].GetString(), Does.Contain("link-local"));
        Assert.That((await Http.PutAsJsonAsync($"/open311/admin/clients/{Guid.NewGuid()}/callback", new { url = "https://hotline.example/cb" })).StatusCode,
            Is.EqualTo(HttpStatusCode.NotFound));

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/open311/admin/clients/{client}/callback") { Content = JsonContent.Create(new { url = "https://hotline.example/cb" }) };
        put.Headers.Authorization = Holder;
        Assert.That((int)(await Http.SendAsync(put)).StatusCode, Is.AnyOf(403, 404));
        Assert.That((int)await Http.GetStatusAsync($"/open311/admin/clients/{client}/callback-deliveries", Holder), Is.AnyOf(403, 404));
        var retry = await Http.PostAsJsonAsync($"/open311/admin/clients/{client}/callback-deliveries/{Guid.NewGuid()}/retry", null, Holder);
        Assert.That((int)retry.StatusCode, Is.AnyOf(403, 404));
    }
}
