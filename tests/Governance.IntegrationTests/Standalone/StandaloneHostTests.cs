using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Dispatch.Deadlines;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Standalone;

/// <summary>
/// Standalone mode as a user starts it: all three services in one process, MassTransit's
/// in-memory transport, a SQLite file per service, the demo county seeded on first start.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StandaloneHostTests : StandaloneFixture
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Time => _time;

    private sealed record UnitJson(string Code, string Name, string Level, string? ParentCode);
    private sealed record StaffJson(string Id, string Name, string Role, string UnitCode);

    [Test]
    public async Task Health_ready_answers_200_and_the_SQLite_files_are_in_the_data_folder()
    {
        Assert.That((int)(await Http.GetAsync("/health/ready")).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await Http.GetAsync("/health/live")).StatusCode, Is.EqualTo(200));
        Assert.That(Directory.GetFiles(Environment.DataFolder, "*.db").Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "grids.db", "incidents.db", "dispatch.db" }));
    }

    [Test]
    public async Task The_demo_county_has_townships_villages_grids_courtyards_and_staff_on_every_tier()
    {
        async Task<List<UnitJson>> Units(string level) => (await Http.GetFromJsonAsync<List<UnitJson>>($"/grids/units?level={level}"))!;
        var townships = await Units("township");
        var villages = await Units("village");
        var grids = await Units("grid");
        var courtyards = await Units("courtyard");
        Assert.That(townships, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(villages, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(grids, Has.Count.GreaterThanOrEqualTo(40));
        Assert.That(grids.All(g => courtyards.Any(c => c.ParentCode == g.Code)), "every grid has courtyards");

        var staff = (await Http.GetFromJsonAsync<List<StaffJson>>("/grids/staff"))!;
        Assert.That(staff.Any(s => s.UnitCode == Demo.County), "county staff");
        Assert.That(townships.All(t => staff.Any(s => s.UnitCode == t.Code && s.Role == "township-dispatcher")), "a dispatcher in every township");
        Assert.That(villages.All(v => staff.Any(s => s.UnitCode == v.Code && s.Role == "village-handler")), "a handler in every village");
        Assert.That(grids.All(g => staff.Any(s => s.UnitCode == g.Code && s.Role == "grid-worker-full-time")), "a full-time grid worker on every grid");

        var path = (await Http.GetFromJsonAsync<List<UnitJson>>($"/grids/units/{Demo.Courtyard}/path"))!;
        Assert.That(path.Select(u => u.Level), Is.EqualTo(new[] { "courtyard", "grid", "village", "township", "county" }));
    }

    [Test]
    public async Task Filing_answers_201_with_Location_and_the_case_is_routed_by_the_policy()
    {
        var response = await Http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "work-safety", grade = "IV", title = "仓库消防通道堵塞", description = "后门消防通道被货物堵死",
            location = new { lat = 30.52, lng = 108.02 },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var filed = (await response.Content.ReadFromJsonAsync<IncidentJson>())!;
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/incidents/{filed.Id}"));

        var routed = await WaitForCaseAsync(filed.Id, i => i.Status == "assigned", "routing");
        Assert.That(routed.Tier, Is.EqualTo("township"), "a work-safety hazard starts with the township's 安监站");
        Assert.That(routed.HandlingUnitCode, Is.EqualTo(Demo.Township));
        Assert.That(routed.Timeline.Select(t => t.Action), Is.EqualTo(new[] { "filed", "assigned" }));
    }

    [Test]
    public async Task An_unsettled_case_climbs_tier_by_tier_and_is_flagged_at_the_county()
    {
        // Under a policy that escalates every missed deadline (the default keeps ordinary matters with
        // their unit); the case keeps the version it was routed under.
        var before = await PolicyEdits.EscalateOnMissedDeadlineAsync(Http);
        var filed = await Host.FileAsync(Demo.Grid, "environment", "IV");
        var routed = await WaitForCaseAsync(filed.Id, i => i.Status == "assigned", "routing");
        before.Remove("version");
        await PolicyEdits.PutAsync(Http, before);
        Assert.That((routed.Tier, routed.HandlingUnitCode), Is.EqualTo(("courtyard", Demo.Grid)));

        var sweeper = Host.Get<DeadlineSweeper>();
        foreach (var (days, tier, unit) in new[] { (1, "village", Demo.Village), (3, "township", Demo.Township), (7, "county", Demo.County) })
        {
            _time.Advance(TimeSpan.FromDays(days) + TimeSpan.FromSeconds(1));
            await sweeper.SweepAsync();
            var moved = await WaitForCaseAsync(filed.Id, i => i.Tier == tier, $"escalation to {tier}");
            Assert.That(moved.HandlingUnitCode, Is.EqualTo(unit));
        }
        _time.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1));
        await sweeper.SweepAsync();
        var flagged = await WaitForCaseAsync(filed.Id, i => i.FlaggedOverdueAt is not null, "the county flag");
        Assert.That(flagged.Tier, Is.EqualTo("county"));
        Assert.That(flagged.Timeline.Count(t => t.Action == "escalated"), Is.EqualTo(3));
        Assert.That(flagged.Timeline.Where(t => t.Action == "escalated").Select(t => t.Reason), Is.All.EqualTo("deadline-passed"));

        var request = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/escalation-requests", new { reason = "需要市级协调" });
        Assert.That(request.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the county is the top");
    }

    [Test]
    public async Task Handler_accepts_asks_to_escalate_resolves_and_a_rejected_result_reopens_the_case()
    {
        var filed = await Host.FileAsync(Demo.Courtyard, "facilities", "III");
        await WaitForCaseAsync(filed.Id, i => i.Status == "assigned", "routing");
        Assert.That((int)(await Http.PostAsync($"/incidents/{filed.Id}/accept", null)).StatusCode, Is.EqualTo(200));

        var asked = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/escalation-requests", new { reason = "村里无法修复供水主管" });
        Assert.That((int)asked.StatusCode, Is.EqualTo(200));
        // 提请上级 waits for the tier above: the township accepts it, and then Dispatch moves the case.
        Assert.That((await Host.IncidentAsync(filed.Id))!.Tier, Is.EqualTo("village"), "a request alone does not move the case");
        var approved = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/escalation-requests/decision", new { approve = true }, "township-dispatcher");
        Assert.That((int)approved.StatusCode, Is.EqualTo(200), await approved.Content.ReadAsStringAsync());
        var escalated = await WaitForCaseAsync(filed.Id, i => i.Tier == "township", "the requested escalation");
        Assert.That(escalated.Timeline.Last(t => t.Action == "escalated").Reason, Does.StartWith("handler-requested"));

        await Http.PostAsJsonAsync($"/incidents/{filed.Id}/resolve", new { note = "已抢修" }, "township-handler");
        var rejected = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/verification", new { result = "not-solved", comment = "仍然停水" }, TestTokens.Verifier("gw-wang"));
        var reopened = (await rejected.Content.ReadFromJsonAsync<IncidentJson>())!;
        Assert.That(reopened.Status, Is.EqualTo("reopened"));
        Assert.That(reopened.Tier, Is.EqualTo("township"), "reopened on the same tier");

        var again = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/verification", new { result = "solved" }, TestTokens.Verifier("gw-wang"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "only a resolved case can be verified");
    }

    [Test]
    public async Task The_same_Idempotency_Key_files_one_case()
    {
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> File()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/incidents")
            {
                Content = JsonContent.Create(new { unitCode = Demo.Grid, category = "consultation", grade = "IV", title = "低保政策咨询", description = "如何申请" }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await Http.SendAsync(request);
        }
        var first = await File();
        var second = await File();
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await second.Content.ReadFromJsonAsync<IncidentJson>())!.Id, Is.EqualTo((await first.Content.ReadFromJsonAsync<IncidentJson>())!.Id));
    }

    private static IEnumerable<TestCaseData> BadFilings()
    {
        yield return new TestCaseData("""{"unitCode":"500101001001001","category":"dispute","grade":"V","title":"t","description":"d"}""", "grade");
        yield return new TestCaseData("""{"unitCode":"500101001001001","category":"gossip","grade":"IV","title":"t","description":"d"}""", "category");
        yield return new TestCaseData("""{"unitCode":"999","category":"dispute","grade":"IV","title":"t","description":"d"}""", "unitCode");
        yield return new TestCaseData("""{"unitCode":"500101001001","category":"dispute","grade":"IV","title":"t","description":"d"}""", "unitCode");
        yield return new TestCaseData("""{"unitCode":"500101001001001","category":"dispute","grade":"IV","description":"d"}""", "title");
        yield return new TestCaseData("""{"unitCode":"500101001001001","category":"dispute","grade":"IV","title":"t","description":"d","location":{"lat":91,"lng":0}}""", "location.lat");
        yield return new TestCaseData("""{"unitCode":"500101001001001","category":"dispute","grade":"IV","title":"t","description":"d","location":{"lat":"north","lng":0}}""", "location.lat");
        yield return new TestCaseData("""{"unitCode":"500101001001001","category":"dispute","grade":"IV","title":"a\u0000b","description":"d"}""", "title");
        yield return new TestCaseData("""{"unitCode": 12, "category":"dispute"}""", "unitCode");
        yield return new TestCaseData("""{{{ not json""", "body");
    }

    [TestCaseSource(nameof(BadFilings))]
    public async Task A_bad_filing_gets_a_problem_naming_the_field_and_stores_nothing(string json, string field)
    {
        var before = (await Http.GetFromJsonAsync<List<JsonElement>>("/incidents?limit=1000"))!.Count;
        var response = await Http.PostAsync("/incidents", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(errors, Has.Some.StartsWith(field), $"errors named: {string.Join(", ", errors)}");
        Assert.That((await Http.GetFromJsonAsync<List<JsonElement>>("/incidents?limit=1000"))!, Has.Count.EqualTo(before));
    }

    [Test]
    public async Task The_routing_policy_is_data_and_a_new_version_applies_to_new_cases_only()
    {
        var current = await Http.GetFromJsonAsync<JsonElement>("/dispatch/policy");
        Assert.That(current.GetProperty("deadlines").GetProperty("village").GetString(), Is.EqualTo("3d"));

        var earlier = await Host.FileAsync(Demo.Courtyard, "other", "III");
        var routedEarlier = await WaitForCaseAsync(earlier.Id, i => i.Status == "assigned", "routing under the old policy");
        var oldVersion = current.GetProperty("version").GetInt32();
        Assert.That(routedEarlier.Tier, Is.EqualTo("village"));

        var edited = new
        {
            rules = new object[] { new { grade = "III", lowestTier = "township" } },
            deadlines = new { courtyard = "12h", village = "2d", township = "5d", county = "10d" },
        };
        var put = await Http.PutAsJsonAsync("/dispatch/policy", edited);
        Assert.That((int)put.StatusCode, Is.EqualTo(200), await put.Content.ReadAsStringAsync());
        var version = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.That(version, Is.GreaterThan(current.GetProperty("version").GetInt32()));

        var later = await Host.FileAsync(Demo.Courtyard, "other", "III");
        var routed = await WaitForCaseAsync(later.Id, i => i.Status == "assigned", "routing under the new policy");
        Assert.That(routed.Tier, Is.EqualTo("township"));
        Assert.That(routed.Timeline.Single(t => t.Action == "assigned").Reason, Is.EqualTo($"policy v{version}"));
        Assert.That(await PolicyVersionOfAsync(later.Id), Is.EqualTo(version));

        // The case routed before keeps the old version: its tier and deadline as they were, and the
        // version its later climbs take their deadlines from.
        var earlierNow = (await Host.IncidentAsync(earlier.Id))!;
        Assert.That((earlierNow.Tier, earlierNow.DueAt), Is.EqualTo(("village", routedEarlier.DueAt)));
        Assert.That(earlierNow.Timeline.Single(t => t.Action == "assigned").Reason, Is.EqualTo($"policy v{oldVersion}"));
        Assert.That(await PolicyVersionOfAsync(earlier.Id), Is.EqualTo(oldVersion));

        var bad = await Http.PutAsJsonAsync("/dispatch/policy", new { rules = Array.Empty<object>(), deadlines = new { courtyard = "soon", village = "2d", township = "5d", county = "10d" } });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("deadlines.courtyard"));

        // What a missed deadline does, and the clock, per rule and for the whole policy.
        Assert.That(current.GetProperty("onMissedDeadline").GetString(), Is.EqualTo("supervise"));
        Assert.That(current.GetProperty("rules").EnumerateArray().Any(r => r.TryGetProperty("clock", out var c) && c.GetString() == "natural"));
        var deadlines = new { courtyard = "1d", village = "3d", township = "7d", county = "15d" };
        foreach (var (body, field) in new (object, string)[]
        {
            (new { rules = new[] { new { grade = "IV", lowestTier = "courtyard", onMissedDeadline = "never" } }, deadlines }, "rules[0].onMissedDeadline"),
            (new { rules = new[] { new { grade = "IV", lowestTier = "courtyard", clock = "lunar" } }, deadlines }, "rules[0].clock"),
            (new { rules = new[] { new { grade = "IV", lowestTier = "courtyard" } }, deadlines, onMissedDeadline = 7 }, "onMissedDeadline"),
        })
        {
            var refused = await Http.PutAsJsonAsync("/dispatch/policy", body);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
            var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name);
            Assert.That(errors, Does.Contain(field));
        }

        // Put the defaults back for the other tests of this fixture.
        var restore = current.Clone();
        Assert.That((int)(await Http.PutAsync("/dispatch/policy", new StringContent(restore.GetRawText(), Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(200));
    }

    /// <summary>The policy version Dispatch froze with the case's assignment.</summary>
    private async Task<int> PolicyVersionOfAsync(Guid id) =>
        (await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{id}")).GetProperty("assignment").GetProperty("policyVersion").GetInt32();
}
