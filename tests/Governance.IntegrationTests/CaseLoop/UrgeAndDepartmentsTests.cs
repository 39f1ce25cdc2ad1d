using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>催办 against the holder, a department's part (报到, feedback, finish) and grade I/II cases
/// shown at once to every tier above the place (standalone mode). Every step names the person.</summary>
[TestFixture]
[NonParallelizable]
public sealed class UrgeAndDepartmentsTests : StandaloneFixture
{
    private async Task<IncidentJson> FileAndRouteAsync(string category, string grade)
    {
        var filed = await Host.FileAsync(Demo.Courtyard, category, grade);
        return await WaitForCaseAsync(filed.Id, i => i.Status == "assigned", "routing");
    }

    private async Task<JsonElement?> BoardItemAsync(string unitCode, Guid id) =>
        (await Http.GetFromJsonAsync<JsonElement>($"/dispatch/command-centres/{unitCode}/queue")).GetProperty("items").EnumerateArray()
        .Select(q => (JsonElement?)q).SingleOrDefault(q => q!.Value.GetProperty("incidentId").GetGuid() == id);

    private static List<string> Prompts(JsonElement item) => item.GetProperty("prompts").EnumerateArray().Select(p => p.GetString()!).ToList();

    /// <summary>A handler of the department, as his token names it (the department relation needs it).</summary>
    private static System.Net.Http.Headers.AuthenticationHeaderValue DepartmentHandler(string user, string department) =>
        TestTokens.Bearer(user, Governance.Infrastructure.Security.Roles.DepartmentHandler, Demo.Township, department);

    private async Task<List<JsonElement>> InboxAsync(string department) =>
        (await Http.GetFromJsonAsync<List<JsonElement>>($"/dispatch/departments/{department}/queue"))!;

    private async Task<string> DepartmentAsync(string nameEn) =>
        (await Http.GetFromJsonAsync<List<JsonElement>>($"/grids/departments?unitCode={Demo.Township}"))!
        .Single(d => d.GetProperty("nameEn").GetString() == nameEn).GetProperty("id").GetString()!;

    [Test]
    public async Task Someone_above_urges_the_holder_and_it_shows_on_the_holders_board_and_the_timeline()
    {
        var routed = await FileAndRouteAsync("environment", "III"); // the village holds it
        var urge = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/urge", new { note = "群众多次来电，请今日内处理" }, "township-dispatcher");
        Assert.That(urge.StatusCode, Is.EqualTo(HttpStatusCode.OK), await urge.Content.ReadAsStringAsync());

        var urged = await WaitForCaseAsync(routed.Id, i => i.Timeline.Any(t => t.Action == "urged"), "the urge on the timeline");
        var entry = urged.Timeline.Single(t => t.Action == "urged");
        Assert.That((entry.Actor, entry.Tier, entry.UnitCode, entry.Reason),
            Is.EqualTo(("township-dispatcher", "village", Demo.Village, "群众多次来电，请今日内处理")));
        var item = (await BoardItemAsync(Demo.Village, routed.Id))!.Value;
        Assert.That(item.GetProperty("view").GetString(), Is.EqualTo("holder"));
        Assert.That(Prompts(item), Does.Contain("urged"));
        Assert.That(item.GetProperty("urgeCount").GetInt32(), Is.EqualTo(1));
        var history = (await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{routed.Id}")).GetProperty("history");
        Assert.That(history.EnumerateArray().Any(h => h.GetProperty("action").GetString() == "urged"
            && h.GetProperty("actor").GetString() == "township-dispatcher"));

        var empty = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/urge", new { note = " " }, "township-dispatcher");
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("\"note\""));
        var unknown = await Http.PostAsJsonAsync($"/dispatch/assignments/{Guid.NewGuid()}/urge", new { note = "?" }, "township-dispatcher");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_department_of_another_township_is_not_called_in_to_a_case_outside_it()
    {
        var routed = await FileAndRouteAsync("work-safety", "IV"); // the township's 安监站 territory
        var otherTownship = (await Http.GetFromJsonAsync<List<JsonElement>>("/grids/departments?unitCode=500101002000"))!
            .First().GetProperty("id").GetString()!;
        var own = await DepartmentAsync("Police Station");
        var refused = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments",
            new { lead = otherTownship, coHandlers = new[] { new { department = own, deadline = "1d" } } }, "township-dispatcher");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "lead" }));
        var assignment = await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{routed.Id}");
        Assert.That(assignment.GetProperty("assignment").GetProperty("leadDepartmentCode").ValueKind, Is.EqualTo(JsonValueKind.Null),
            "nothing was called in");
        Assert.That(assignment.GetProperty("coHandlers").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public async Task A_lead_department_no_longer_holds_a_case_that_moved_up_to_the_county()
    {
        var routed = await FileAndRouteAsync("petition", "IV"); // the township holds it
        var police = await DepartmentAsync("Police Station");
        var call = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments", new { lead = police }, "township-dispatcher");
        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK), await call.Content.ReadAsStringAsync());
        var handler = DepartmentHandler("police-handler", police);
        await Eventually.GetAsync(async () => await AllowedAsync(routed.Id, handler), a => a.Contains("resolve"), TimeSpan.FromSeconds(30),
            "the lead department to hold the case");

        var up = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/escalate", new { reason = "涉及多个乡镇" }, "township-dispatcher");
        Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK), await up.Content.ReadAsStringAsync());
        var moved = await WaitForCaseAsync(routed.Id, i => i.Tier == "county", "the move to the county");

        // The township's department stays behind: it reads the case (its township is the place's) and may do nothing to it.
        Assert.That(await AllowedAsync(routed.Id, handler), Is.EqualTo(new[] { "read", "add-photo" }));
        var resolve = await Http.PostAsJsonAsync($"/incidents/{routed.Id}/resolve", new { note = "已处理" }, handler);
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Host.IncidentAsync(routed.Id))!.Timeline, Has.Count.EqualTo(moved.Timeline.Count), "the refusal changed nothing");
    }

    private async Task<List<string>> AllowedAsync(Guid id, System.Net.Http.Headers.AuthenticationHeaderValue token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{id}");
        request.Headers.Authorization = token;
        var answer = await (await Http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!).ToList();
    }

    [Test]
    public async Task A_department_called_in_checks_in_feeds_back_against_its_own_deadline_and_finishes_its_part()
    {
        var routed = await FileAndRouteAsync("petition", "IV"); // the township holds it
        string police = await DepartmentAsync("Police Station"), justice = await DepartmentAsync("Justice Office"),
            enforcement = await DepartmentAsync("Comprehensive Law Enforcement Team");
        var call = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments",
            new { lead = police, coHandlers = new[] { new { department = justice, deadline = "1d" } } }, "township-dispatcher");
        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK), await call.Content.ReadAsStringAsync());

        var part = (await InboxAsync(justice)).Single(p => p.GetProperty("incidentId").GetGuid() == routed.Id);
        Assert.That(part.GetProperty("role").GetString(), Is.EqualTo("co-handler"));
        Assert.That(part.GetProperty("dueAt").GetDateTimeOffset() - part.GetProperty("calledInAt").GetDateTimeOffset(), Is.EqualTo(TimeSpan.FromDays(1)));
        var lead = (await InboxAsync(police)).Single(p => p.GetProperty("incidentId").GetGuid() == routed.Id);
        Assert.That(lead.GetProperty("role").GetString(), Is.EqualTo("lead"));
        Assert.That(lead.GetProperty("dueAt").GetDateTimeOffset(), Is.EqualTo(lead.GetProperty("caseDueAt").GetDateTimeOffset()), "the lead works to the case's deadline");

        var partUrl = $"/dispatch/assignments/{routed.Id}/departments/{justice}";
        var justiceHandler = DepartmentHandler("justice-handler", justice);
        await Eventually.GetAsync(async () => await AllowedAsync(routed.Id, justiceHandler), a => a.Contains("department-work"),
            TimeSpan.FromSeconds(30), "the co-handler's part offered to it");
        var checkIn = await Http.PostAsJsonAsync($"{partUrl}/check-in", null, DepartmentHandler("justice-handler", justice));
        Assert.That(checkIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await checkIn.Content.ReadAsStringAsync());
        Assert.That((await checkIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkedInBy").GetString(), Is.EqualTo("justice-handler"));
        var progress = await Http.PostAsJsonAsync($"{partUrl}/feedback", new { note = "已到场了解情况" }, DepartmentHandler("justice-handler", justice));
        Assert.That(progress.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var finish = await Http.PostAsJsonAsync($"{partUrl}/feedback", new { note = "已出具法律意见", finished = true }, DepartmentHandler("justice-handler", justice));
        Assert.That(finish.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await finish.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("feedbackCount").GetInt32(), Is.EqualTo(2));

        var timeline = (await WaitForCaseAsync(routed.Id, i => i.Timeline.Any(t => t.Action == "department-finished"), "the finish on the timeline")).Timeline;
        Assert.That(timeline.Where(t => t.Action.StartsWith("department-")).Select(t => (t.Action, t.Actor, t.Reason)), Is.EquivalentTo(new[]
        {
            ("department-checked-in", "justice-handler", justice),
            ("department-feedback", "justice-handler", $"{justice}: 已到场了解情况"),
            ("department-finished", "justice-handler", $"{justice}: 已出具法律意见"),
        }));
        Assert.That((await InboxAsync(justice)).Any(p => p.GetProperty("incidentId").GetGuid() == routed.Id), Is.False, "its part is done");
        // Found trying it from outside: 部门反馈 was still offered after the part was done, and answered 409.
        Assert.That(await AllowedAsync(routed.Id, justiceHandler), Does.Contain("read").And.Not.Contain("department-work"),
            "a finished part is offered no more work; the co-handler still reads the case");
        using (var work = new HttpRequestMessage(HttpMethod.Get, "/incidents/work?limit=500"))
        {
            work.Headers.Authorization = justiceHandler;
            var buckets = await (await Http.SendAsync(work)).Content.ReadFromJsonAsync<JsonElement>();
            var listed = buckets.GetProperty("buckets").EnumerateArray()
                .SelectMany(b => b.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetGuid());
            Assert.That(listed, Does.Not.Contain(routed.Id), "nothing is left for the justice office to do on the case");
        }

        Assert.That((await Http.PostAsJsonAsync($"{partUrl}/feedback", new { note = "补充" }, DepartmentHandler("justice-handler", justice))).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await Http.PostAsJsonAsync($"{partUrl}/check-in", null, DepartmentHandler("justice-handler", justice))).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var notCalled = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments/{enforcement}/check-in", null, DepartmentHandler("enforcement-handler", enforcement));
        // A department not called in has no part to check in for: the permission model refuses it (403).
        Assert.That(notCalled.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var noNote = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments/{police}/feedback", new { finished = true }, DepartmentHandler("police-handler", police));
        Assert.That(noNote.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await noNote.Content.ReadAsStringAsync(), Does.Contain("\"note\""));
        Assert.That((await Http.GetAsync($"/dispatch/departments/{Guid.NewGuid()}/queue")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_grade_I_case_is_shown_at_once_to_every_tier_above_its_place_on_the_timeline_and_the_boards()
    {
        var routed = await FileAndRouteAsync("consultation", "I"); // the county holds it
        Assert.That(routed.Tier, Is.EqualTo("county"));
        var told = await WaitForCaseAsync(routed.Id, i => i.Timeline.Count(t => t.Action == "notified-above") == 2, "the tiers above to be told");
        Assert.That(told.Timeline.Where(t => t.Action == "notified-above").Select(t => (t.Tier, t.UnitCode, t.Actor, t.Reason)),
            Is.EquivalentTo(new[] { ("village", Demo.Village, "system:router", "grade I"), ("township", Demo.Township, "system:router", "grade I") }));
        Assert.That(told.Timeline.Single(t => t.Action == "assigned").Actor, Is.EqualTo("system:router"));

        foreach (var unit in new[] { Demo.Township, Demo.Village })
        {
            var item = (await BoardItemAsync(unit, routed.Id))!.Value;
            Assert.That((item.GetProperty("view").GetString(), item.GetProperty("tier").GetString()), Is.EqualTo(("above", "county")), unit);
            Assert.That(Prompts(item), Is.EqualTo(new[] { "notified-above" }), unit);
        }
        var held = (await BoardItemAsync(Demo.County, routed.Id))!.Value;
        Assert.That(held.GetProperty("view").GetString(), Is.EqualTo("holder"));
        Assert.That(Prompts(held), Is.Empty);
        Assert.That(await BoardItemAsync(Demo.Township, (await FileAndRouteAsync("consultation", "III")).Id), Is.Null, "grade III is the village's alone");
    }
}
