using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Governance.IntegrationTests.Support;

/// <summary>Requests made as a named person (a token of his own), as handler and verifier must differ.</summary>
public static class HttpAs
{
    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient http, string url, object? body, string user) =>
        http.PostAsJsonAsync(new Uri(url, UriKind.RelativeOrAbsolute), body, user);

    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient http, Uri url, object? body, string user) =>
        http.PostAsJsonAsync(url, body, TestTokens.Bearer(user));

    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient http, string url, object? body, AuthenticationHeaderValue token) =>
        http.PostAsJsonAsync(new Uri(url, UriKind.RelativeOrAbsolute), body, token);

    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient http, Uri url, object? body, AuthenticationHeaderValue token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = token;
        return http.SendAsync(request);
    }

    /// <summary>A request as the token's person: the status and the JSON answered (default when the body is empty).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(this HttpClient http, HttpMethod method, string url,
        AuthenticationHeaderValue token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The status a GET answers with this token: whether it is still accepted.</summary>
    public static async Task<HttpStatusCode> GetStatusAsync(this HttpClient http, string url, AuthenticationHeaderValue token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = token;
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
