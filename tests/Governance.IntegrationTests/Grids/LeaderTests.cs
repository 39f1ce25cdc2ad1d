using System.Net;
using System.Text.Json;
using Governance.Grids.Data;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>Leaders and their visits (下沉走访, docs/leaders.md): who sets a leader post, a leader's visit that
/// files a case on the spot, his plan's overdue units as he and the county see them, who may read a plan.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class LeaderTests(Provider provider) : GridsFixture(provider)
{
    /// <summary>A person registered at the demo township (a township dispatcher), and a new village of it.</summary>
    private async Task<(string Person, string Village, string Grid, string Courtyard)> NewPersonAndVillageAsync()
    {
        var (village, grid, courtyards) = await NewVillageAsync();
        var person = NewCode("l");
        await MustPostAsync("/grids/staff", new { id = person, name = "测试委员", role = Roles.TownshipDispatcher, unitCode = Demo.Township });
        return (person, village, grid, courtyards[0]);
    }

    private static SignedIn Leader(string person, string village) => new(person, Roles.TownshipDispatcher, Demo.Township, [village]);

    private Task<(HttpStatusCode Status, JsonElement Body)> PutAsync(string url, object body, SignedIn? user = null) => SendAsync(HttpMethod.Put, url, body, user);

    [Test]
    public async Task The_county_administrator_sets_a_leader_post_with_a_plan_and_the_leader_reads_it()
    {
        var (person, village, _, _) = await NewPersonAndVillageAsync();
        var (status, set) = await PutAsync($"/grids/leaders/{person}", new { post = "township-committee", linkedUnits = new[] { village }, visitEveryDays = 7 }, "admin");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), set.ToString());

        var staff = await GetAsync($"/grids/staff/{person}");
        Assert.That(staff.GetProperty("person").GetProperty("leader").GetProperty("linkedUnits").EnumerateArray().Select(u => u.GetString()), Is.EqualTo(new[] { village }));
        Assert.That(staff.GetProperty("person").GetProperty("version").GetInt64(), Is.EqualTo(2), "a change of what his token claims is a change to him");

        var (own, plan) = await SendAsync(HttpMethod.Get, "/grids/leaders/mine", user: Leader(person, village));
        Assert.That(own, Is.EqualTo(HttpStatusCode.OK), plan.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(plan.GetProperty("leader").GetProperty("post").GetString(), Is.EqualTo("township-committee"));
            Assert.That(plan.GetProperty("plan").GetProperty("everyDays").GetInt32(), Is.EqualTo(7));
            Assert.That(plan.GetProperty("planned").EnumerateArray().Select(p => (p.GetProperty("unitCode").GetString(), p.GetProperty("overdue").GetBoolean())),
                Is.EqualTo(new[] { (village, false) }));
        });
    }

    [Test]
    public async Task A_grid_worker_and_a_township_dispatcher_outside_the_township_may_not_set_a_post()
    {
        var (person, village, grid, _) = await NewPersonAndVillageAsync();
        var worker = SignedIn.GridWorker(await NewGridWorkerAsync(grid), grid);
        var otherTownship = NewCode("t");
        await MustPostAsync("/grids/units", new { code = otherTownship, name = "别的镇", level = "township", parentCode = Demo.County });
        var outside = new SignedIn("td-outside", Roles.TownshipDispatcher, otherTownship);
        var inside = new SignedIn("td-inside", Roles.TownshipDispatcher, Demo.Township);
        // A person below the township (a village handler) is the township dispatcher's to post; one at the township is not.
        var villager = NewCode("l");
        await MustPostAsync("/grids/staff", new { id = villager, name = "村干部", role = Roles.VillageHandler, unitCode = village });
        var post = new { post = "township-committee", linkedUnits = new[] { village } };

        Assert.Multiple(async () =>
        {
            Assert.That((await PutAsync($"/grids/leaders/{villager}", post, worker)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "a grid worker");
            Assert.That((await PutAsync($"/grids/leaders/{villager}", post, outside)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "another township's dispatcher");
            Assert.That((await SendAsync(HttpMethod.Delete, $"/grids/leaders/{villager}", user: outside)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await PutAsync($"/grids/leaders/{person}", post, inside)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "someone registered at the township itself");
            Assert.That((await PutAsync($"/grids/leaders/{villager}", new { post = "county-committee", linkedUnits = new[] { village } }, inside)).Status,
                Is.EqualTo(HttpStatusCode.Forbidden), "a county committee post is the county administrator's");
        });
        var (status, body) = await PutAsync($"/grids/leaders/{villager}", post, inside);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"his own township's: {body}");
        var (bad, problem) = await PutAsync($"/grids/leaders/{villager}", new { post = "mayor", linkedUnits = Array.Empty<string>() }, "admin");
        Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "post", "linkedUnits" }));
    }

    /// <summary>The outside probe recorded a visit to a village near lat 30.8 at lat -1: a position must lie near the visited
    /// unit (the box of the nearest unit of its chain with a boundary, here the demo township's, within 2 km).</summary>
    [Test]
    public async Task A_visit_placed_far_from_the_visited_unit_is_refused_naming_lat_and_nothing_is_recorded()
    {
        var (person, village, _, _) = await NewPersonAndVillageAsync();
        await PutAsync($"/grids/leaders/{person}", new { post = "township-committee", linkedUnits = new[] { village } }, "admin");
        var (status, problem) = await PostAsync("/grids/leaders/visits", new { unitCode = village, lat = -1.0, lng = 108.41, met = "无", findings = new[] { new { text = "t" } } },
            Leader(person, village));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "lat" }));
        await using var session = await Host.Get<GridsDatabase>().OpenReadAsync();
        Assert.That(await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM visits WHERE person_id = @person", new { person }), Is.Zero, "nothing recorded");
    }

    [Test]
    public async Task A_leaders_visit_with_a_finding_files_a_case_at_the_courtyard_reported_by_him()
    {
        var (person, village, _, courtyard) = await NewPersonAndVillageAsync();
        await PutAsync($"/grids/leaders/{person}", new { post = "township-committee", linkedUnits = new[] { village } }, "admin");
        var visit = await MustPostAsync("/grids/leaders/visits", new
        {
            unitCode = village, lat = 30.81, lng = 108.41, met = "村支书和三户村民",
            findings = new object[]
            {
                new { text = "村口道路塌陷", incident = new { unitCode = courtyard, category = "facilities", grade = "IV", title = "村口道路塌陷", description = "塌陷约两米" } },
                new { text = "群众对饮水工程满意" },
            },
        }, user: Leader(person, village));
        var findings = visit.GetProperty("findings");
        Assert.That(findings[1].GetProperty("incidentId").ValueKind, Is.EqualTo(JsonValueKind.Null), "a finding without a case files none");
        var incidentId = findings[0].GetProperty("incidentId").GetGuid();

        var filed = await Eventually.GetAsync(async () =>
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/incidents/{incidentId}");
            return status == HttpStatusCode.OK ? (JsonElement?)body : null;
        }, _ => true, TimeSpan.FromSeconds(30), "Incidents to file the leader's finding");
        Assert.Multiple(() =>
        {
            Assert.That(filed!.Value.GetProperty("unitCode").GetString(), Is.EqualTo(courtyard));
            Assert.That(filed.Value.GetProperty("reportedBy").GetString(), Is.EqualTo(person));
        });
        var (own, ownCase) = await SendAsync(HttpMethod.Get, $"/incidents/{incidentId}", user: Leader(person, village));
        Assert.That(own, Is.EqualTo(HttpStatusCode.OK), $"the leader reads the case he filed: {ownCase}");

        var id = visit.GetProperty("visit").GetProperty("id").GetGuid();
        var read = (await SendAsync(HttpMethod.Get, $"/grids/leaders/visits/{id}", user: Leader(person, village))).Body;
        Assert.That(read.GetProperty("met").GetString(), Is.EqualTo("村支书和三户村民"));
    }

    [Test]
    public async Task A_visit_outside_his_linked_units_or_without_a_post_is_refused()
    {
        var (person, village, grid, _) = await NewPersonAndVillageAsync();
        var (otherVillage, _, _) = await NewVillageAsync();
        var body = new { unitCode = otherVillage, met = "村民" };
        Assert.Multiple(async () =>
        {
            Assert.That((await PostAsync("/grids/leaders/visits", body, Leader(person, village))).Status, Is.EqualTo(HttpStatusCode.Forbidden), "outside his linked units");
            Assert.That((await PostAsync("/grids/leaders/visits", new { unitCode = village, met = "村民" }, SignedIn.GridWorker("w", grid))).Status,
                Is.EqualTo(HttpStatusCode.Forbidden), "no leader post");
            var (status, problem) = await PostAsync("/grids/leaders/visits", new { unitCode = village, findings = new[] { new { text = "x", incident = new { category = "facilities" } } } }, Leader(person, village));
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(ErrorFields(problem), Does.Contain("met").And.Contain("findings[0].incident.unitCode").And.Contain("findings[0].incident.grade"));
        });
    }

    [Test]
    public async Task A_plan_falls_overdue_for_the_leader_and_the_county_and_a_visit_below_the_unit_clears_it()
    {
        var (person, village, grid, _) = await NewPersonAndVillageAsync();
        await PutAsync($"/grids/leaders/{person}", new { post = "township-committee", linkedUnits = new[] { village }, visitEveryDays = 7 }, "admin");
        Time.Advance(TimeSpan.FromDays(8));

        var county = new SignedIn("county-sup", Roles.CountySupervisor, Demo.County);
        async Task<IReadOnlyList<string>> OverdueAsync()
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/grids/leaders/overdue?unitCode={Demo.Township}", user: county);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            return body.EnumerateArray().Where(l => l.GetProperty("personId").GetString() == person)
                .SelectMany(l => l.GetProperty("planned").EnumerateArray().Select(p => p.GetProperty("unitCode").GetString()!)).ToList();
        }
        Assert.That(await OverdueAsync(), Is.EqualTo(new[] { village }));
        var mine = (await SendAsync(HttpMethod.Get, "/grids/leaders/mine", user: Leader(person, village))).Body;
        Assert.That(mine.GetProperty("planned")[0].GetProperty("overdue").GetBoolean(), Is.True, "shown to the leader");

        await MustPostAsync("/grids/leaders/visits", new { unitCode = grid, met = "网格员" }, user: Leader(person, village));
        Assert.That(await OverdueAsync(), Is.Empty, "a grid of the village visited is the village visited");
        var figures = (await SendAsync(HttpMethod.Get, $"/grids/leaders/figures?unitCode={Demo.County}", user: county)).Body;
        var township = figures.EnumerateArray().Single(f => f.GetProperty("unitCode").GetString() == Demo.Township);
        Assert.That(township.GetProperty("visits").GetInt32(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_grid_worker_may_not_read_another_persons_plan_nor_the_township_overdue_list()
    {
        var (person, village, grid, _) = await NewPersonAndVillageAsync();
        await PutAsync($"/grids/leaders/{person}", new { post = "township-committee", linkedUnits = new[] { village }, visitEveryDays = 7 }, "admin");
        var worker = SignedIn.GridWorker(await NewGridWorkerAsync(grid), grid);
        Assert.Multiple(async () =>
        {
            Assert.That((await SendAsync(HttpMethod.Get, $"/grids/leaders/{person}", user: worker)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await SendAsync(HttpMethod.Get, $"/grids/leaders/overdue?unitCode={Demo.Township}", user: worker)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await SendAsync(HttpMethod.Get, $"/grids/leaders/{person}", user: new SignedIn("td", Roles.TownshipDispatcher, Demo.Township))).Status,
                Is.EqualTo(HttpStatusCode.OK), "his township reads it");
        });
    }
}
