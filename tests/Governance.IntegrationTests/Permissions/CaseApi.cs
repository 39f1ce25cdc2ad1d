using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Permissions;

/// <summary>
/// The services' HTTP API as the matrix uses it, in standalone mode (one address) or distributed mode
/// (an address per service, chosen by the path's first segment). Every request names its caller:
/// the county officer (<see cref="TestTokens"/>' default identity) sets cases up and reads them back.
/// </summary>
public sealed class CaseApi : IDisposable
{
    private readonly Func<string, Uri> _baseFor;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static readonly AuthenticationHeaderValue Officer = TestTokens.Bearer();

    public CaseApi(Func<string, Uri> baseFor) => _baseFor = baseFor;

    public static CaseApi Standalone(Uri address) => new(_ => address);

    public static CaseApi Distributed(Uri grids, Uri incidents, Uri dispatch) => new(path => path.Split('/')[1] switch
    {
        "grids" => grids,
        "dispatch" => dispatch,
        _ => incidents,
    });

    public Uri Url(string path) => new(_baseFor(path), path);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, AuthenticationHeaderValue? caller = null)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = content };
        request.Headers.Authorization = caller ?? Officer;
        return await _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object? body, AuthenticationHeaderValue? caller = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body), caller);

    /// <summary>A POST that must succeed (setting a case up): anything else stops the setup with the answer.</summary>
    public async Task<JsonElement> MustPostAsync(string path, object? body, AuthenticationHeaderValue? caller = null)
    {
        using var response = await PostAsync(path, body, caller);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Setting up: POST {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GET as the officer; null when the answer is 404.</summary>
    public async Task<JsonElement?> GetAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, null);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Polls (every 25 ms, bounded) until the officer's view of a case satisfies <paramref name="done"/>.</summary>
    public async Task<JsonElement> WaitForCaseAsync(Guid id, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync($"/incidents/{id}");
            if (last is { } seen && done(seen)) return seen;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Waited 30s for {what} of case {id}; last seen: {last}");
    }

    public async Task<JsonElement> WaitForAssignmentAsync(Guid id, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetAsync($"/dispatch/assignments/{id}");
            if (last is { } seen && done(seen.GetProperty("assignment"))) return seen;
            await Task.Delay(25);
        }
        throw new TimeoutException($"Waited 30s for {what} of case {id} in Dispatch; last seen: {last}");
    }

    public void Dispose() => _http.Dispose();
}
