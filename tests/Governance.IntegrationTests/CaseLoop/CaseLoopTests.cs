using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Dispatch.Deadlines;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// The closed loop of a case and the escalation ladder (standalone mode, fake clock): on-the-spot
/// resolution, verification by someone else, twice not solved, re-grading by hand and by casualty
/// figures, acknowledgement deadlines, yellow and red cards under the default policy (supervise for
/// ordinary matters, escalate for grade II).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CaseLoopTests : StandaloneFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)); // a Monday, 09:00 in China

    protected override TimeProvider Time => _time;

    private async Task<IncidentJson> FileAndRouteAsync(string unitCode, string category, string grade)
    {
        var filed = await Host.FileAsync(unitCode, category, grade);
        return await WaitForCaseAsync(filed.Id, i => i.Status == "assigned", "routing");
    }

    private async Task<JsonElement> AssignmentAsync(Guid id) =>
        (await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{id}")).GetProperty("assignment");

    private async Task SweepAfterAsync(TimeSpan elapsed)
    {
        _time.Advance(elapsed);
        await Host.Get<DeadlineSweeper>().SweepAsync();
    }

    [Test]
    public async Task A_grid_worker_who_settles_a_matter_on_the_spot_closes_it_at_the_courtyard_tier()
    {
        var response = await Http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "dispute", grade = "IV", title = "晾衣杆占道", description = "邻居晾衣杆挡路",
            resolution = "当场协调，已挪开",
        }, "gw-zhang");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var incident = (await response.Content.ReadFromJsonAsync<IncidentJson>())!;
        Assert.That((incident.Status, incident.Tier, incident.HandlingUnitCode), Is.EqualTo(("closed", "courtyard", Demo.Courtyard)));
        Assert.That(incident.Timeline.Select(t => t.Action), Is.EqualTo(new[] { "filed", "resolved-on-the-spot" }));

        // Dispatch records it too (closed, courtyard tier) so the county counts it as kept in the village.
        var assignment = await Eventually.GetAsync(async () =>
        {
            var r = await Http.GetAsync($"/dispatch/assignments/{incident.Id}");
            return r.IsSuccessStatusCode ? (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignment") : (JsonElement?)null;
        }, _ => true, TimeSpan.FromSeconds(30), "Dispatch to record the on-the-spot case") ?? default;
        Assert.That(assignment.GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(assignment.GetProperty("tier").GetString(), Is.EqualTo("courtyard"));

        var major = await Http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Demo.Courtyard, category = "work-safety", grade = "II", title = "t", description = "d", resolution = "自行处理",
        }, "gw-zhang");
        Assert.That(major.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await major.Content.ReadAsStringAsync(), Does.Contain("resolution"));
    }

    [Test]
    public async Task The_handler_who_resolved_a_case_cannot_verify_it()
    {
        var routed = await FileAndRouteAsync(Demo.Courtyard, "facilities", "III");
        await Http.PostAsJsonAsync($"/incidents/{routed.Id}/resolve", new { note = "修好了" }, "village-handler");
        // Supervision apart from command: the resolver (who holds the case) is refused by the permission model.
        var self = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/verification", new { result = "solved" }, "village-handler");
        Assert.That(self.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var other = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/verification",
            new { result = "solved", satisfaction = "basically-satisfied" }, TestTokens.Verifier("gw-zhang"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var closed = (await other.Content.ReadFromJsonAsync<JsonElement>());
        Assert.That(closed.GetProperty("status").GetString(), Is.EqualTo("closed"));
        Assert.That(closed.GetProperty("satisfaction").GetString(), Is.EqualTo("basically-satisfied"));
    }

    [Test]
    public async Task Partly_solved_reopens_on_the_same_tier_and_twice_not_solved_moves_the_case_up()
    {
        var routed = await FileAndRouteAsync(Demo.Courtyard, "environment", "III");
        Assert.That(routed.Tier, Is.EqualTo("village"));

        async Task<IncidentJson> ResolveAndVerify(string result)
        {
            await Http.PostAsJsonAsync($"/incidents/{routed.Id}/resolve", new { note = "已清理" }, "village-handler");
            var answer = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/verification", new { result }, TestTokens.Verifier("resident-li"));
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
            return (await answer.Content.ReadFromJsonAsync<IncidentJson>())!;
        }

        Assert.That((await ResolveAndVerify("partly-solved")).Status, Is.EqualTo("reopened"));
        Assert.That((await ResolveAndVerify("not-solved")).Tier, Is.EqualTo("village"), "one 'not solved' keeps the tier");
        await ResolveAndVerify("not-solved");
        var moved = await WaitForCaseAsync(routed.Id, i => i.Tier == "township", "the second 'not solved' to move it up");
        Assert.That(moved.Timeline.Last(t => t.Action == "escalated").Reason, Does.StartWith("rejected-twice"));
    }

    [Test]
    public async Task Re_grading_above_the_tier_moves_the_case_up_at_once()
    {
        var routed = await FileAndRouteAsync(Demo.Grid, "facilities", "IV");
        Assert.That(routed.Tier, Is.EqualTo("courtyard"));
        var regrade = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/grade", new { grade = "II", reason = "桥梁出现结构性裂缝" }, "gw-zhang");
        Assert.That(regrade.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var moved = await WaitForCaseAsync(routed.Id, i => i.Tier == "township", "the re-graded case to reach the township");
        var climb = moved.Timeline.Last(t => t.Action == "escalated");
        Assert.That(climb.Reason, Does.StartWith("regraded"));
        Assert.That(climb.Actor, Is.EqualTo("gw-zhang"), "the move is the re-grading person's");
        Assert.That((await AssignmentAsync(routed.Id)).GetProperty("grade").GetString(), Is.EqualTo("II"));
        // Now grade II: shown at once to the tiers above the place that do not hold it.
        var told = await WaitForCaseAsync(routed.Id, i => i.Timeline.Count(t => t.Action == "notified-above") == 2, "the tiers above to be told");
        Assert.That(told.Timeline.Where(t => t.Action == "notified-above").Select(t => (t.Tier, t.UnitCode, t.Actor)),
            Is.EquivalentTo(new[] { ("village", Demo.Village, "system:incident-regraded"), ("county", Demo.County, "system:incident-regraded") }));
    }

    [Test]
    public async Task Casualty_figures_that_cross_an_Order_493_band_re_grade_the_case()
    {
        var routed = await FileAndRouteAsync(Demo.Courtyard, "work-safety", "IV");
        Assert.That(routed.Tier, Is.EqualTo("township"), "a work-safety hazard starts with the township's 安监站");
        var figures = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/casualties",
            new { deaths = 0, seriouslyInjured = 12, directLossYuan = 2_000_000 }, "gw-zhang");
        Assert.That(figures.StatusCode, Is.EqualTo(HttpStatusCode.OK), await figures.Content.ReadAsStringAsync());
        var regraded = await figures.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(regraded.GetProperty("grade").GetString(), Is.EqualTo("III"), "10–49 seriously injured is significant (III)");
        await WaitForCaseAsync(routed.Id, i => i.Tier == "county", "the significant work-safety case to move to the county");

        var negative = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/casualties", new { deaths = -1, seriouslyInjured = 0, directLossYuan = 0 }, "gw-zhang");
        Assert.That(negative.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await negative.Content.ReadAsStringAsync(), Does.Contain("deaths"));
    }

    [Test]
    public async Task An_unacknowledged_case_climbs_when_its_acknowledgement_deadline_passes_but_an_acknowledged_one_does_not()
    {
        var ignored = await FileAndRouteAsync(Demo.Courtyard, "consultation", "II");
        var accepted = await FileAndRouteAsync(Demo.Courtyard, "consultation", "II");
        Assert.That(ignored.Tier, Is.EqualTo("township"));
        Assert.That((int)(await Http.PostAsJsonAsync($"/incidents/{accepted.Id}/accept", null, "township-dispatcher")).StatusCode, Is.EqualTo(200));
        await Eventually.GetAsync(async () => (await AssignmentAsync(accepted.Id)).GetProperty("acceptedAt").ValueKind == JsonValueKind.String ? "yes" : null,
            _ => true, TimeSpan.FromSeconds(30), "Dispatch to record the acknowledgement");

        await SweepAfterAsync(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1)); // the township has 8 h to acknowledge
        var moved = await WaitForCaseAsync(ignored.Id, i => i.Tier == "county", "the unacknowledged case to climb");
        Assert.That(moved.Timeline.Last(t => t.Action == "escalated").Reason, Is.EqualTo("acknowledgement-overdue"));
        Assert.That((await Host.IncidentAsync(accepted.Id))!.Tier, Is.EqualTo("township"));
    }

    [Test]
    public async Task A_yellow_card_prompts_the_tier_above_to_urge_and_a_red_card_flags_the_case_there_while_it_stays()
    {
        var routed = await FileAndRouteAsync(Demo.Courtyard, "livelihood", "III"); // village: 3 days; ordinary: supervise
        await Http.PostAsJsonAsync($"/incidents/{routed.Id}/accept", null, "village-handler");
        await Eventually.GetAsync(async () => (await AssignmentAsync(routed.Id)).GetProperty("acceptedAt").ValueKind == JsonValueKind.String ? "yes" : null,
            _ => true, TimeSpan.FromSeconds(30), "Dispatch to record the acknowledgement");

        await SweepAfterAsync(TimeSpan.FromDays(2.25) + TimeSpan.FromMinutes(1));
        var yellow = await WaitForCaseAsync(routed.Id, i => i.Timeline.Any(t => t.Action == "warning"), "the yellow card");
        Assert.That(yellow.Timeline.Single(t => t.Action == "warning").Reason, Is.EqualTo("yellow"));
        Assert.That(yellow.Tier, Is.EqualTo("village"));
        Assert.That((await TownshipItemAsync(routed.Id)).Prompts, Does.Contain("urge-prompt"), "the township is prompted to urge (催办)");

        await SweepAfterAsync(TimeSpan.FromDays(0.75));
        var red = await WaitForCaseAsync(routed.Id, i => i.FlaggedOverdueAt is not null, "the red card and the flag");
        Assert.That((red.Tier, red.HandlingUnitCode), Is.EqualTo(("village", Demo.Village)), "the case stays with the village");
        Assert.That(red.Timeline.Where(t => t.Action == "warning").Select(t => t.Reason), Is.EqualTo(new[] { "yellow", "red" }));
        var flag = red.Timeline.Single(t => t.Action == "flagged-overdue");
        Assert.That((flag.Actor, flag.Reason), Is.EqualTo(("system:deadline-sweeper", $"resolution deadline missed; 超期预警 → township {Demo.Township}")));
        Assert.That(red.Timeline.Any(t => t.Action == "escalated"), Is.False);
        var item = await TownshipItemAsync(routed.Id);
        Assert.That((item.View, item.Warning), Is.EqualTo(("above", "red")));
        Assert.That(item.Prompts, Does.Contain("overdue-flag"));

        // The township takes it over (升级) from its board: the person's step.
        var takeOver = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/escalate", new { reason = "村级逾期未办，镇级接手" }, "township-dispatcher");
        Assert.That(takeOver.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var taken = await WaitForCaseAsync(routed.Id, i => i.Tier == "township", "the take-over");
        Assert.That(taken.Timeline.Last(t => t.Action == "escalated").Actor, Is.EqualTo("township-dispatcher"));
        Assert.That(taken.FlaggedOverdueAt, Is.Null, "a new clock on the township");
    }

    private sealed record QueueItemJson(Guid IncidentId, string Tier, string View, string? Warning, List<string> Prompts, int UrgeCount);

    private sealed record QueuePageJson(long Total, List<QueueItemJson> Items);

    private async Task<QueueItemJson> TownshipItemAsync(Guid id) =>
        await Eventually.GetAsync(async () => (await Http.GetFromJsonAsync<QueuePageJson>($"/dispatch/command-centres/{Demo.Township}/queue"))!.Items
            .SingleOrDefault(q => q.IncidentId == id), _ => true, TimeSpan.FromSeconds(30), "the case on the township's board");

    [Test]
    public async Task Categories_and_grades_have_stable_codes_and_Chinese_and_English_names()
    {
        var categories = await Http.GetFromJsonAsync<JsonElement>("/incidents/categories");
        Assert.That(categories.EnumerateArray().Select(c => c.GetProperty("code").GetString()),
            Is.EqualTo(new[] { "dispute", "public-security", "petition", "work-safety", "emergency", "livelihood", "environment", "facilities", "consultation", "other" }));
        Assert.That(categories[0].GetProperty("nameZh").GetString(), Is.EqualTo("矛盾纠纷"));
        var grades = await Http.GetFromJsonAsync<JsonElement>("/incidents/grades");
        Assert.That(grades.EnumerateArray().Select(g => $"{g.GetProperty("code").GetString()} {g.GetProperty("nameZh").GetString()}"),
            Is.EqualTo(new[] { "IV 一般", "III 较大", "II 重大", "I 特别重大" }));
    }
}
