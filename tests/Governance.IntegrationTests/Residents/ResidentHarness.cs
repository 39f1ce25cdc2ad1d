using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.ReturnVisits;
using Governance.IntegrationTests.Support;
using Governance.Infrastructure.Security;

namespace Governance.IntegrationTests.Residents;

/// <summary>
/// The courtyard QR tests' host: the 回访 harness's (a test SMS platform on 127.0.0.1 receives the texts), with
/// the resident's calls made as his phone makes them — no sign-in, the QR's "code.key" or his status token in a header.
/// </summary>
public sealed class ResidentHarness : IAsyncDisposable
{
    public const string PageBase = "https://12345.example.gov.cn/courtyard#";
    public const string StatusBase = "https://12345.example.gov.cn/my-case#";
    public static readonly AuthenticationHeaderValue Worker = TestTokens.Bearer("gw-qr", Roles.GridWorkerFullTime, Demo.Grid);

    public ReturnVisitHarness Inner { get; }
    public HttpClient Http => Inner.Http;

    private ResidentHarness(ReturnVisitHarness inner) => Inner = inner;

    public static async Task<ResidentHarness> StartAsync(TimeProvider? time = null, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Incidents:Residents:PageBase"] = PageBase, ["Incidents:Residents:StatusBase"] = StatusBase,
            ["Incidents:Residents:PermitsPerMinute"] = "100000", ["Incidents:Residents:CodesPerAddressPerHour"] = "100000",
            ["Incidents:Residents:CodesPerPhonePerHour"] = "1000", ["Incidents:Residents:FilingsPerPhonePerDay"] = "1000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return new ResidentHarness(await ReturnVisitHarness.StartAsync(time, settings));
    }

    public async Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = token;
        return await Http.SendAsync(request);
    }

    /// <summary>The courtyard's "code.key", read back from its PNG as a phone's camera reads it.</summary>
    public async Task<string> CourtyardKeyAsync(string courtyard = Demo.Courtyard)
    {
        var png = await GetAsync($"/incidents/courtyard-qr/courtyards/{courtyard}/qr.png", Worker);
        Assert.That(png.StatusCode, Is.EqualTo(HttpStatusCode.OK), await png.Content.ReadAsStringAsync());
        var link = QrDecoding.FromPng(await png.Content.ReadAsByteArrayAsync());
        Assert.That(link, Does.StartWith(PageBase + courtyard + "."));
        return link![PageBase.Length..];
    }

    /// <summary>As the resident's phone asks: no sign-in; the courtyard's key and his status token in their headers.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? courtyardKey = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (courtyardKey is not null) request.Headers.Add("X-Courtyard-Key", courtyardKey);
        if (token is not null) request.Headers.Add("X-Resident-Token", token);
        using var anonymous = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        return await anonymous.SendAsync(request);
    }

    /// <summary>Asks for a code for the phone and reads it from the text the SMS platform received.</summary>
    public async Task<string> CodeAsync(string courtyardKey, string phone)
    {
        var before = Inner.Sms.Requests.Count;
        var sent = await SendAsync(HttpMethod.Post, "/incidents/resident/code", new { phone }, courtyardKey);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK), await sent.Content.ReadAsStringAsync());
        Assert.That(Inner.Sms.Requests.Count, Is.GreaterThan(before), "the text is sent before the answer");
        var text = Inner.Sms.Requests.ToList()[^1].Json;
        Assert.That(text.GetProperty("phoneNumbers").GetString(), Is.EqualTo(phone));
        Assert.That(text.GetProperty("templateCode").GetString(), Is.EqualTo("SMS_RESIDENT_CODE"));
        return text.GetProperty("templateParam").GetProperty("code").GetString()!;
    }

    public Task<HttpResponseMessage> FileAsync(string courtyardKey, string phone, string code, string description = "楼道灯坏了一个星期") =>
        SendAsync(HttpMethod.Post, "/incidents/resident/cases", new { phone, code, category = "facilities", description }, courtyardKey);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}
