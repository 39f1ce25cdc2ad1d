using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Notices;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.ReturnVisits;

/// <summary>
/// What the 回访 tests share: a standalone host whose SMS gateway is a test SMS platform on 127.0.0.1 (a
/// Kestrel receiver answering {"code":"OK"}), hotline filings with a caller's phone, and the resident's calls.
/// </summary>
public sealed class ReturnVisitHarness : IAsyncDisposable
{
    public const string SmsKey = "county-sms-platform-shared-key-0123";
    public const string Phone = "13812345678";
    public const string Accepted = """{"code":"OK","message":"OK","bizId":"900000000000000000"}""";
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    // A dispute (IV) at the demo courtyard is routed to the village: the village handler holds it.
    public static readonly AuthenticationHeaderValue Holder = TestTokens.Bearer("vh-return-visits", Roles.VillageHandler, Demo.Village);

    private readonly ProviderHost _servers;

    /// <summary>The standalone environment; the harness started on PostgreSQL has none.</summary>
    public StandaloneEnvironment Environment =>
        _servers.Standalone ?? throw new InvalidOperationException("This harness runs distributed: use Host.");
    public InProcessHost Host => _servers.Host;
    public NoticeReceiver Receiver { get; }
    public Hook Sms { get; }
    public HttpClient Http => Host.Http;

    private ReturnVisitHarness(ProviderHost servers, NoticeReceiver receiver, Hook sms) =>
        (_servers, Receiver, Sms) = (servers, receiver, sms);

    public static Task<ReturnVisitHarness> StartAsync(TimeProvider? time = null, IDictionary<string, string>? extra = null) =>
        StartAsync(Provider.Sqlite, "", time, extra);

    /// <param name="name">Names the PostgreSQL databases and the virtual host (distributed only).</param>
    public static async Task<ReturnVisitHarness> StartAsync(Provider provider, string name, TimeProvider? time = null,
        IDictionary<string, string>? extra = null)
    {
        var receiver = await NoticeReceiver.StartAsync();
        var (hook, url) = receiver.NewHook();
        hook.Reply = Accepted;
        var settings = new Dictionary<string, string>
        {
            ["Sms:Gateway"] = "http", ["Sms:Url"] = url, ["Sms:Key"] = SmsKey, ["Sms:KeyId"] = "k1", ["Sms:SignName"] = "测试县",
            ["Sms:SendInterval"] = "00:00:00.050", ["Sms:RetryDelay"] = "00:00:00.020", ["Sms:RetryAfter"] = "00:00:00.100",
            ["Incidents:ReturnVisits:LinkBase"] = "https://12345.example.gov.cn/return-visit#",
            ["Incidents:ReturnVisits:PermitsPerMinute"] = "100000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return new ReturnVisitHarness(await ProviderHost.StartAsync(provider, name, time, settings), receiver, hook);
    }

    private string? _apiKey;

    /// <summary>A hotline call through Open311 (a client system the county issued a key to), with or without
    /// the caller's phone; routed to the village.</summary>
    public async Task<Guid> FileAsync(string? phone = Phone)
    {
        if (_apiKey is null)
        {
            var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name = $"12345 {Guid.NewGuid():N}"[..20] });
            Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
            _apiKey = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString()!;
        }
        var form = new Dictionary<string, string>
        {
            ["api_key"] = _apiKey, ["service_code"] = "dispute", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
            ["description"] = "邻里因停车位发生争执", ["first_name"] = "三", ["last_name"] = "张",
        };
        if (phone is not null) form["phone"] = phone;
        var response = await Http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
        await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i?.Status == "assigned", Limit, "the case routed");
        return id;
    }

    public async Task ResolveAsync(Guid id, string note = "双方协商一致，车位已划定")
    {
        var accept = await Http.PostAsJsonAsync($"/incidents/{id}/accept", new { }, Holder);
        Assert.That(accept.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict), await accept.Content.ReadAsStringAsync());
        var resolved = await Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note }, Holder);
        Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
    }

    /// <summary>The text the SMS platform received after the first <paramref name="before"/> ones, and the link's token.</summary>
    public async Task<(ReceivedRequest Text, string Token)> TextAsync(int before, string what)
    {
        await Eventually.GetAsync(() => Task.FromResult<int?>(Sms.Requests.Count), n => n > before, Limit, what);
        var text = Sms.Requests.ToList()[before];
        var link = text.Json.GetProperty("templateParam").GetProperty("link").GetString()!;
        Assert.That(link, Does.StartWith("https://12345.example.gov.cn/return-visit#"));
        return (text, link[(link.IndexOf('#') + 1)..]);
    }

    public Task<HttpResponseMessage> ReadAsync(string token) => SendAsync(HttpMethod.Get, "/incidents/return-visit", token, null);

    public Task<HttpResponseMessage> AnswerAsync(string token, object body) => SendAsync(HttpMethod.Post, "/incidents/return-visit/answer", token, body);

    /// <summary>As the resident's phone asks: no sign-in.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = null;
        request.Headers.Add("X-Return-Visit-Token", token);
        return SendAnonymousAsync(request);
    }

    private async Task<HttpResponseMessage> SendAnonymousAsync(HttpRequestMessage request)
    {
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        return await anonymous.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _servers.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
