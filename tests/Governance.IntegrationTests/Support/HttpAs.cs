using System.Net.Http.Json;

namespace Governance.IntegrationTests.Support;

/// <summary>Requests made as a named person (a token of his own), as handler and verifier must differ.</summary>
public static class HttpAs
{
    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient http, string url, object? body, string user) =>
        http.PostAsJsonAsync(new Uri(url, UriKind.RelativeOrAbsolute), body, user);

    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient http, Uri url, object? body, string user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = TestTokens.Bearer(user);
        return http.SendAsync(request);
    }
}
