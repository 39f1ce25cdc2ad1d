using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Governance.IntegrationTests.Support;

/// <summary>A call from the demo hotline (Open311 POST requests.json, API key "demo"), as the county's 12345 files it.</summary>
public static class HotlineCalls
{
    /// <summary>Files a call (service_code facilities unless given) and answers its case id.</summary>
    public static async Task<Guid> CallAsync(this HttpClient http, params (string Field, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["api_key"] = "demo", ["service_code"] = "facilities" };
        foreach (var (field, value) in fields) form[field] = value;
        using var response = await http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(form));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!);
    }
}
