using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Governance.IntegrationTests.Support;

/// <summary>Routing policy edits tests need (a case keeps the version it was routed under).</summary>
public static class PolicyEdits
{
    /// <summary>
    /// Writes the current policy again with every missed deadline escalating (as before onMissedDeadline
    /// existed), for tests about the escalation ladder; returns the policy that was current, to put back.
    /// </summary>
    public static async Task<JsonObject> EscalateOnMissedDeadlineAsync(HttpClient http, string path = "/dispatch/policy")
    {
        var current = (await http.GetFromJsonAsync<JsonObject>(path))!;
        var edited = current.DeepClone().AsObject();
        edited["onMissedDeadline"] = "escalate";
        foreach (var rule in edited["rules"]!.AsArray()) rule!.AsObject().Remove("onMissedDeadline");
        await PutAsync(http, edited, path);
        return current;
    }

    public static async Task PutAsync(HttpClient http, JsonObject policy, string path = "/dispatch/policy")
    {
        var put = await http.PutAsJsonAsync(path, policy);
        if (!put.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT {path} answered {(int)put.StatusCode}: {await put.Content.ReadAsStringAsync()}");
    }
}
