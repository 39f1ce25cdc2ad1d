using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Governance.Incidents.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// An Idempotency-Key belongs to its caller (issue #13): the same caller's retry of the same filing gets
/// his first case back; the same key with a different filing is refused (422), never answered with the
/// first case; another caller's same key is a filing of his own. For Open311 the caller is the client system.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IdempotencyKeyTests : StandaloneFixture
{
    private static object Filing(string title, string description = "水管破裂") =>
        new { unitCode = Demo.Grid, category = "facilities", grade = "IV", title, description };

    /// <summary>Files as a grid worker of the demo grid (his own token), with the key.</summary>
    private Task<HttpResponseMessage> FileAsync(string user, string key, object body) => SendAsync(user, key, JsonContent.Create(body));

    private Task<HttpResponseMessage> SendAsync(string user, string key, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/incidents") { Content = body };
        request.Headers.Authorization = TestTokens.Bearer(user, Roles.GridWorkerFullTime, Demo.Grid);
        request.Headers.Add("Idempotency-Key", key);
        return Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<long> CasesWithKeyAsync(string key)
    {
        await using var c = await Host.Get<IncidentsDatabase>().OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE idempotency_key = @key", new { key });
    }

    [Test]
    public async Task The_same_caller_retrying_the_same_filing_gets_his_first_case_back_even_with_other_whitespace()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await FileAsync("gw-retry", key, Filing("路灯不亮"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        using var again = await FileAsync("gw-retry", key, new { unitCode = Demo.Grid, category = "facilities", grade = "IV", title = " 路灯不亮 ", description = "水管破裂\n" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        Assert.That((await JsonAsync(again)).GetProperty("id").GetGuid(), Is.EqualTo((await JsonAsync(first)).GetProperty("id").GetGuid()));
        Assert.That(await CasesWithKeyAsync(key), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_caller_sending_his_key_with_another_filing_is_refused_with_422_naming_the_header()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await FileAsync("gw-reuse", key, Filing("井盖缺失"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var other = await FileAsync("gw-reuse", key, Filing("垃圾未清运"));
        Assert.That(other.StatusCode, Is.EqualTo((HttpStatusCode)422), await other.Content.ReadAsStringAsync());
        var problem = await JsonAsync(other);
        Assert.That(problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(), Does.Contain("already used for another filing"));
        Assert.That(await other.Content.ReadAsStringAsync(), Does.Not.Contain("井盖缺失"), "nothing of the first case");
        Assert.That(await CasesWithKeyAsync(key), Is.EqualTo(1), "the second filing was not swallowed into the first, nor filed");
    }

    [Test]
    public async Task Another_caller_with_the_same_key_files_his_own_case_and_never_sees_the_first()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await FileAsync("gw-first", key, Filing("低保申请咨询", "家中老人无人照料"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var firstId = (await JsonAsync(first)).GetProperty("id").GetGuid();

        // What the probe sent: an empty body under someone else's key. It is his own (bad) filing.
        using var probe = await FileAsync("gw-second", key, new { });
        Assert.That(probe.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await probe.Content.ReadAsStringAsync(), Does.Not.Contain("低保").And.Not.Contain(firstId.ToString()));

        // The same filing under the same key from someone else: a case of his own.
        using var second = await FileAsync("gw-second", key, Filing("低保申请咨询", "家中老人无人照料"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), await second.Content.ReadAsStringAsync());
        var body = await JsonAsync(second);
        Assert.That(body.GetProperty("id").GetGuid(), Is.Not.EqualTo(firstId));
        Assert.That(body.GetProperty("reportedBy").GetString(), Is.EqualTo("gw-second"));
        Assert.That(await CasesWithKeyAsync(key), Is.EqualTo(2));
    }

    [Test]
    public async Task A_key_too_long_or_with_control_characters_is_a_problem_naming_the_header()
    {
        foreach (var bad in new[] { new string('k', 101), "a\tb" })
        {
            using var response = await FileAsync("gw-badkey", bad, Filing("太长的键"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), bad);
            Assert.That((await JsonAsync(response)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _), Is.True);
        }
    }

    [Test]
    public async Task Open311_keys_belong_to_the_client_system()
    {
        var issued = await Http.PostAsJsonAsync("/open311/admin/clients", new { name = "幂等测试热线" });
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.Created), await issued.Content.ReadAsStringAsync());
        var hotlineKey = (await JsonAsync(issued)).GetProperty("apiKey").GetString()!;
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, string Body)> PostAsync(string apiKey, string description)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/open311/v2/requests.json")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["api_key"] = apiKey, ["service_code"] = "facilities", ["attribute[unitCode]"] = Demo.Courtyard, ["attribute[grade]"] = "IV",
                    ["description"] = description, ["address_string"] = "幸福村3组",
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await Http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        static string IdOf(string body) => JsonDocument.Parse(body).RootElement[0].GetProperty("service_request_id").GetString()!;

        var demo = await PostAsync("demo", "路灯坏了三盏");
        Assert.That(demo.Status, Is.EqualTo(HttpStatusCode.Created), demo.Body);
        var retry = await PostAsync("demo", "路灯坏了三盏");
        Assert.That(retry.Status, Is.EqualTo(HttpStatusCode.OK), retry.Body);
        Assert.That(IdOf(retry.Body), Is.EqualTo(IdOf(demo.Body)));
        var changed = await PostAsync("demo", "路灯坏了五盏");
        Assert.That(changed.Status, Is.EqualTo((HttpStatusCode)422), changed.Body);
        Assert.That(changed.Body, Does.Contain("Idempotency-Key is already used for another request"));

        var hotline = await PostAsync(hotlineKey, "路灯坏了三盏");
        Assert.That(hotline.Status, Is.EqualTo(HttpStatusCode.Created), hotline.Body);
        Assert.That(IdOf(hotline.Body), Is.Not.EqualTo(IdOf(demo.Body)), "another client system's same key is its own request");
        Assert.That(await CasesWithKeyAsync(key), Is.EqualTo(2));
    }

    [Test]
    public async Task The_migration_keeps_a_case_filed_before_fingerprints_answerable_by_its_key()
    {
        // A case filed before migration 0010 has its key but no fingerprint: a retry with it still gets it back.
        var key = Guid.NewGuid().ToString();
        using var first = await FileAsync("gw-legacy", key, Filing("旧的请求"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await using (var c = await Host.Get<IncidentsDatabase>().OpenAsync())
            await c.ExecuteAsync("UPDATE incidents SET idempotency_hash = NULL WHERE idempotency_key = @key", new { key });
        using var again = await SendAsync("gw-legacy", key, new StringContent(
            JsonSerializer.Serialize(Filing("旧的请求，略有不同")), Encoding.UTF8, "application/json"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
