using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>The township command centre's desk and the county's levers (standalone mode).</summary>
[TestFixture]
[NonParallelizable]
public sealed class CommandCentreTests : StandaloneFixture
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Time => _time;

    private async Task<IncidentJson> FileAndRouteAsync(string category, string grade, string unitCode = Demo.Courtyard)
    {
        var filed = await Host.FileAsync(unitCode, category, grade);
        return await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
    }

    [Test]
    public async Task The_queue_comes_a_page_at_a_time_with_its_total_and_the_next_page_in_the_boards_own_order()
    {
        // Found trying it from outside: the board stopped at 500 cases without a word of more.
        foreach (var grade in new[] { "IV", "II", "IV" }) await FileAndRouteAsync("petition", grade);
        var board = $"/dispatch/command-centres/{Demo.Township}/queue";
        var whole = await Http.GetFromJsonAsync<JsonElement>($"{board}?limit=500");
        var total = whole.GetProperty("total").GetInt64();
        Assert.That(total, Is.GreaterThanOrEqualTo(3).And.LessThanOrEqualTo(500));
        Assert.That(whole.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var inOnePage = whole.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("incidentId").GetGuid()).ToList();

        var shown = new List<Guid>();
        string? next = $"{board}?limit=2";
        for (var round = 0; next is not null && round <= total / 2 + 1; round++)
        {
            var page = await Http.GetFromJsonAsync<JsonElement>(next);
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(total));
            Assert.That(page.GetProperty("offset").GetInt32(), Is.EqualTo(shown.Count));
            shown.AddRange(page.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("incidentId").GetGuid()));
            next = page.GetProperty("next").GetString();
        }
        Assert.That(next, Is.Null, "the last page names no next");
        Assert.That(shown, Is.EqualTo(inOnePage), "pages follow on in the board's order: red, yellow, grade, due");
        using var tooMany = await Http.GetAsync($"{board}?limit=501");
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Test]
    public async Task The_queue_is_narrowed_by_category_grade_and_acceptance_and_its_next_page_keeps_the_filter()
    {
        // Petitions and work-safety hazards start on the township tier.
        var petitionII = (await FileAndRouteAsync("petition", "II")).Id;
        var petitionIV = (await FileAndRouteAsync("petition", "IV")).Id;
        var safety = (await FileAndRouteAsync("work-safety", "IV")).Id;
        var board = $"/dispatch/command-centres/{Demo.Township}/queue";
        async Task<List<JsonElement>> ItemsAsync(string query) =>
            (await Http.GetFromJsonAsync<JsonElement>($"{board}?limit=500&{query}")).GetProperty("items").EnumerateArray().ToList();
        static List<Guid> Ids(List<JsonElement> items) => items.Select(q => q.GetProperty("incidentId").GetGuid()).ToList();

        var petitions = await ItemsAsync("category=petition");
        Assert.That(Ids(petitions), Does.Contain(petitionII).And.Contain(petitionIV).And.Not.Contain(safety));
        Assert.That(petitions.Select(q => q.GetProperty("category").GetString()).Distinct(), Is.EqualTo(new[] { "petition" }));
        var graveOnes = await ItemsAsync("category=petition&grade=II");
        Assert.That(Ids(graveOnes), Does.Contain(petitionII).And.Not.Contain(petitionIV));
        Assert.That(graveOnes.Select(q => q.GetProperty("grade").GetString()).Distinct(), Is.EqualTo(new[] { "II" }));

        // The next page is of the same narrowed board, its total too.
        var first = await Http.GetFromJsonAsync<JsonElement>($"{board}?limit=1&category=petition");
        Assert.That(first.GetProperty("total").GetInt64(), Is.EqualTo(petitions.Count));
        var next = first.GetProperty("next").GetString();
        Assert.That(next, Does.Contain("category=petition"));
        var second = await Http.GetFromJsonAsync<JsonElement>(next);
        Assert.That(second.GetProperty("items")[0].GetProperty("category").GetString(), Is.EqualTo("petition"));

        // 签收: Dispatch hears of the acceptance a moment later.
        Assert.That((await Http.PostAsJsonAsync($"/incidents/{petitionIV}/accept", new { })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Eventually.GetAsync(async () => Ids(await ItemsAsync("accepted=true")), ids => ids.Contains(petitionIV), TimeSpan.FromSeconds(30), "acceptance");
        Assert.That(Ids(await ItemsAsync("accepted=true")), Does.Not.Contain(petitionII));
        Assert.That(Ids(await ItemsAsync("accepted=false")), Does.Contain(petitionII).And.Not.Contain(petitionIV));

        using var unknown = await Http.GetAsync($"{board}?category=everything&grade=V");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("category", out _) && errors.TryGetProperty("grade", out _), Is.True, errors.ToString());
        using var maybe = await Http.GetAsync($"{board}?accepted=maybe");
        Assert.That(maybe.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await maybe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("accepted", out _), Is.True);
    }

    [Test]
    public async Task The_queue_lists_the_townships_cases_most_urgent_first()
    {
        var general = await FileAndRouteAsync("petition", "IV");
        var major = await FileAndRouteAsync("consultation", "II");
        var queue = (await Http.GetFromJsonAsync<JsonElement>($"/dispatch/command-centres/{Demo.Township}/queue")).GetProperty("items").EnumerateArray().ToList();
        var ids = queue.Select(q => q.GetProperty("incidentId").GetGuid()).ToList();
        Assert.That(ids, Does.Contain(general.Id).And.Contain(major.Id));
        Assert.That(ids.IndexOf(major.Id), Is.LessThan(ids.IndexOf(general.Id)), "grade II before grade IV");
        var held = queue.Where(q => q.GetProperty("view").GetString() == "holder").ToList();
        Assert.That(held.Select(q => q.GetProperty("incidentId").GetGuid()), Does.Contain(general.Id).And.Contain(major.Id));
        Assert.That(held.All(q => q.GetProperty("tier").GetString() == "township"));
    }

    /// <summary>The id of one of the township's departments (DemoDepartments), by its English name.</summary>
    private async Task<string> DepartmentAsync(string nameEn, string unitCode = Demo.Township) =>
        (await Http.GetFromJsonAsync<List<JsonElement>>($"/grids/departments?unitCode={unitCode}"))!
        .Single(d => d.GetProperty("nameEn").GetString() == nameEn).GetProperty("id").GetString()!;

    [Test]
    public async Task The_centre_calls_in_a_lead_department_and_co_handlers_with_their_own_deadlines()
    {
        var routed = await FileAndRouteAsync("public-security", "II");
        string safety = await DepartmentAsync("Emergency Management and Work Safety Office"), police = await DepartmentAsync("Police Station"),
            enforcement = await DepartmentAsync("Comprehensive Law Enforcement Team");
        var call = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments", new
        {
            lead = police,
            coHandlers = new[] { new { department = safety, deadline = "2d" }, new { department = enforcement, deadline = "1d" } },
        }, "township-dispatcher");
        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK), await call.Content.ReadAsStringAsync());

        var view = await Http.GetFromJsonAsync<JsonElement>($"/dispatch/assignments/{routed.Id}");
        Assert.That(view.GetProperty("assignment").GetProperty("leadDepartmentCode").GetString(), Is.EqualTo(police));
        var coHandlers = view.GetProperty("coHandlers").EnumerateArray().ToList();
        Assert.That(coHandlers.Select(c => c.GetProperty("departmentCode").GetString()), Is.EquivalentTo(new[] { safety, enforcement }));
        var due = coHandlers.ToDictionary(c => c.GetProperty("departmentCode").GetString()!, c => c.GetProperty("dueAt").GetDateTimeOffset());
        Assert.That(due[safety] - due[enforcement], Is.EqualTo(TimeSpan.FromDays(1)));
        Assert.That(view.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString(), Is.EqualTo("township-dispatcher"));

        var incident = await WaitForCaseAsync(routed.Id, i => i.Timeline.Any(t => t.Action == "departments-assigned"), "the call-in on the timeline");
        Assert.That(incident.Timeline.Last(t => t.Action == "departments-assigned").Actor, Is.EqualTo("township-dispatcher"));

        var bad = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments",
            new { lead = "x", coHandlers = new[] { new { department = "y", deadline = "soon" } } }, "township-dispatcher");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("coHandlers[0].deadline"));
        var unknown = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/departments",
            new { lead = "公安", coHandlers = new[] { new { department = Guid.NewGuid().ToString(), deadline = "1d" } } }, "township-dispatcher");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "lead", "coHandlers[0].department" }));
    }

    [Test]
    public async Task The_centre_sends_a_case_the_village_can_settle_back_to_the_village()
    {
        var routed = await FileAndRouteAsync("petition", "IV");
        Assert.That(routed.Tier, Is.EqualTo("township"));
        var back = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/send-back", new { reason = "属邻里纠纷，村调委会可调解" }, "township-dispatcher");
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var returned = await WaitForCaseAsync(routed.Id, i => i.Tier == "village", "the case to return to the village");
        Assert.That(returned.HandlingUnitCode, Is.EqualTo(Demo.Village));
        Assert.That(returned.Timeline.Last(t => t.Action == "returned").Reason, Is.EqualTo("属邻里纠纷，村调委会可调解"));

        var again = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/send-back", new { reason = "again" }, "township-dispatcher");
        // Back on the village tier its holder has no 退回 (the model gives it to the township and county tiers).
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only township and county cases go back down");
    }

    [Test]
    public async Task The_county_pulls_a_case_up_and_puts_it_under_supervision()
    {
        var routed = await FileAndRouteAsync("environment", "III");
        var pull = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/pull-up", new { reason = "涉及多个乡镇的河道污染" }, "county-supervisor");
        Assert.That(pull.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var pulled = await WaitForCaseAsync(routed.Id, i => i.Tier == "county", "the pull-up");
        Assert.That(pulled.HandlingUnitCode, Is.EqualTo(Demo.County));
        Assert.That(pulled.Timeline.Last(t => t.Action == "escalated").Reason, Does.StartWith("county-pulled-up"));
        Assert.That(pulled.Timeline.Last(t => t.Action == "escalated").Actor, Is.EqualTo("county-supervisor"), "the person, not a service");

        var supervise = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/supervise", new { reason = "限期三日内报送处置方案" }, "county-supervisor");
        Assert.That(supervise.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var supervised = await WaitForCaseAsync(routed.Id, i => i.Timeline.Any(t => t.Action == "supervised"), "the supervision flag");
        Assert.That(supervised.Timeline.Last().Reason, Is.EqualTo("限期三日内报送处置方案"));

        var escalate = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/escalate", new { reason = "higher" }, "county-supervisor");
        // The county's holder has no 升级: there is nowhere higher to go.
        Assert.That(escalate.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the county does not escalate further");
    }

    [Test]
    public async Task The_board_escalates_a_case_with_a_reason()
    {
        var routed = await FileAndRouteAsync("facilities", "III");
        var escalate = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/escalate", new { reason = "需镇级协调供电公司" }, "village-handler");
        Assert.That(escalate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var moved = await WaitForCaseAsync(routed.Id, i => i.Tier == "township", "the escalation");
        Assert.That(moved.Timeline.Last(t => t.Action == "escalated").Reason, Is.EqualTo("handler-requested: 需镇级协调供电公司"));
        Assert.That(moved.Timeline.Last(t => t.Action == "escalated").Actor, Is.EqualTo("village-handler"));
        var missing = await Http.PostAsJsonAsync($"/dispatch/assignments/{routed.Id}/escalate", new { }, "village-handler");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
