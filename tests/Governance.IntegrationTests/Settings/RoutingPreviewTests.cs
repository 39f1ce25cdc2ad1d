using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Settings;

/// <summary>
/// The policy editor's preview (#17 item 3): <c>POST /dispatch/policy/preview</c> runs the router's rules for a
/// sample case — under the current policy or an unsaved draft — files nothing and stores nothing, and a case
/// really filed with the same values goes where the preview said.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RoutingPreviewTests : StandaloneFixture
{
    private const string Url = "/dispatch/policy/preview";
    private readonly System.Net.Http.Headers.AuthenticationHeaderValue _admin = TestTokens.Bearer("preview-admin", Roles.CountyAdministrator, Demo.County);

    [Test]
    public async Task A_sample_case_goes_where_a_real_filing_then_goes()
    {
        var (status, preview) = await Http.SendJsonAsync(HttpMethod.Post, Url, _admin,
            new { unitCode = Demo.Courtyard, category = "work-safety", grade = "II" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), preview.ToString());
        var current = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!["version"]!.GetValue<int>();
        Assert.Multiple(() =>
        {
            Assert.That(preview.GetProperty("tier").GetString(), Is.EqualTo("county"), "work-safety II starts at the county (the default policy)");
            Assert.That(preview.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.County));
            Assert.That(preview.GetProperty("policyVersion").GetInt32(), Is.EqualTo(current));
            Assert.That(preview.GetProperty("onMissedDeadline").GetString(), Is.EqualTo("escalate"));
            Assert.That(preview.GetProperty("matchedRules").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(preview.GetProperty("tiersToldAtOnce").EnumerateArray().Select(t => t.GetString()), Is.EquivalentTo(new[] { "village", "township" }),
                "grade II: the tiers above the place that do not hold it are told at once");
        });

        var filed = await Host.FileAsync(Demo.Courtyard, "work-safety", "II", "预览对照");
        var routed = await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Tier is not null && i.Status == "assigned",
            TimeSpan.FromSeconds(30), "routing");
        Assert.That((routed.Tier, routed.HandlingUnitCode), Is.EqualTo((preview.GetProperty("tier").GetString(), preview.GetProperty("unitCode").GetString())));
    }

    [Test]
    public async Task A_draft_is_tried_without_being_stored()
    {
        var current = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        var draft = current.DeepClone().AsObject();
        draft["rules"]!.AsArray().Add(new JsonObject { ["category"] = "facilities", ["lowestTier"] = "township", ["deadline"] = "2d", ["clock"] = "working" });

        var (status, preview) = await Http.SendJsonAsync(HttpMethod.Post, Url, _admin,
            new { unitCode = Demo.Courtyard, category = "facilities", grade = "IV", policy = draft });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), preview.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(preview.GetProperty("tier").GetString(), Is.EqualTo("township"));
            Assert.That(preview.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.Township));
            Assert.That(preview.GetProperty("deadline").GetString(), Is.EqualTo("2d"));
            Assert.That(preview.GetProperty("clock").GetString(), Is.EqualTo("working"));
            Assert.That(preview.GetProperty("policyVersion").ValueKind, Is.EqualTo(JsonValueKind.Null), "a draft has no version");
            Assert.That(preview.GetProperty("matchedRules").EnumerateArray().Select(i => i.GetInt32()), Does.Contain(draft["rules"]!.AsArray().Count - 1));
        });
        var after = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        Assert.That(after["version"]!.GetValue<int>(), Is.EqualTo(current["version"]!.GetValue<int>()), "nothing stored");
    }

    [Test]
    public async Task Bad_values_are_named_and_a_grid_worker_may_not_preview()
    {
        var current = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        var draft = current.DeepClone().AsObject();
        draft["rules"]![0]!["deadline"] = "400d";
        var (status, problem) = await Http.SendJsonAsync(HttpMethod.Post, Url, _admin,
            new { unitCode = "999999999999999", category = "other", grade = "IV", policy = draft });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(fields, Is.SupersetOf(new[] { "unitCode", "policy.rules[0].deadline" }));

        (status, problem) = await Http.SendJsonAsync(HttpMethod.Post, Url, _admin, new { unitCode = Demo.Courtyard, category = "nonsense", grade = "V" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "category", "grade" }));

        var worker = TestTokens.Bearer("preview-gw", Roles.GridWorkerFullTime, Demo.Grid);
        (status, _) = await Http.SendJsonAsync(HttpMethod.Post, Url, worker, new { unitCode = Demo.Courtyard, category = "other", grade = "IV" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    /// <summary>A number is not a code (the outside probe stored <c>"category": 999</c> and had <c>"grade": 3</c> read as III;
    /// the settings page then showed such a rule as "any"). Refused by name, in the stored policy and in a draft alike.</summary>
    [TestCase("category", 999)]
    [TestCase("category", 1)]
    [TestCase("grade", 3)]
    [TestCase("grade", 12345)]
    [TestCase("lowestTier", 2)]
    [TestCase("grade", "3")]
    // ... nor is a code in another case or with spaces around it (the second outside probe: " IV" was kept as IV here
    // while a filing refused it).
    [TestCase("grade", " IV")]
    [TestCase("grade", "iv")]
    [TestCase("category", "dispute ")]
    [TestCase("lowestTier", "county ")]
    [TestCase("onMissedDeadline", "escalate ")]
    [TestCase("clock", "Working")]
    public async Task A_rule_with_a_number_for_a_code_is_refused_by_name_and_nothing_is_stored(string field, object value)
    {
        var current = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        var draft = current.DeepClone().AsObject();
        var rules = draft["rules"]!.AsArray();
        var rule = new JsonObject { ["category"] = null, ["grade"] = null, ["lowestTier"] = "county", ["deadline"] = null };
        rule[field] = JsonValue.Create(value);
        rules.Add(rule);

        var (status, problem) = await Http.SendJsonAsync(HttpMethod.Put, "/dispatch/policy", _admin, draft);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
        var named = problem.GetProperty("errors").EnumerateObject().Single(p => p.Name.EndsWith($"rules[{rules.Count - 1}].{field}", StringComparison.Ordinal));
        Assert.That(named.Value[0].GetString(), Does.Contain(", ").And.Not.Contain("JSON"), "the message lists the codes allowed");
        (status, problem) = await Http.SendJsonAsync(HttpMethod.Post, Url, _admin, new { unitCode = Demo.Courtyard, category = "other", grade = "IV", policy = draft });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());

        var after = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        Assert.That(after["version"]!.GetValue<int>(), Is.EqualTo(current["version"]!.GetValue<int>()), "nothing stored");
    }

    /// <summary>The deadlines are keyed by tier code, each once, exactly as written (the second outside probe: "VILLAGE"
    /// beside "village" replaced the village's deadline; "grid" was dropped without a word). Refused naming the key.</summary>
    [TestCase("deadlines", "VILLAGE")]
    [TestCase("deadlines", "grid")]
    [TestCase("deadlines", "")]
    [TestCase("acknowledgementDeadlines", "Courtyard")]
    public async Task A_deadline_under_a_key_that_is_no_tier_code_is_refused_by_name_and_nothing_is_stored(string field, string key)
    {
        var current = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        var draft = current.DeepClone().AsObject();
        draft[field] = new JsonObject { ["courtyard"] = "1d", ["village"] = "3d", ["township"] = "7d", ["county"] = "15d", [key] = "1d" };

        var (status, problem) = await Http.SendJsonAsync(HttpMethod.Put, "/dispatch/policy", _admin, draft);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(p => p.Name), Has.Some.EqualTo($"{field}.{key}"), problem.ToString());
        var after = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        Assert.That(after["version"]!.GetValue<int>(), Is.EqualTo(current["version"]!.GetValue<int>()), "nothing stored");
        Assert.That(after["deadlines"]!.ToJsonString(), Is.EqualTo(current["deadlines"]!.ToJsonString()));
    }
}
