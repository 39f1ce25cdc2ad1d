using System.Globalization;
using System.Net;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>The patrol log (巡查/走访日志): a grid worker's patrol with its track, the care visit and the
/// case of it, counted per day and month; who may record and read it; bad input named.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class PatrolTests(Provider provider) : GridsFixture(provider)
{
    private static string At(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    [Test]
    public async Task A_patrol_with_points_a_care_visit_and_a_case_is_recorded_and_counted_per_day_and_month()
    {
        // Two days of one month, the first from 10:00 China-local (the clock only moves forward): the next day's 10:00,
        // or past the 26th the 2nd of the next month. Started at the machine's hour, a run after 23:25 China-local
        // (15:25 UTC) put the first day's 35 minutes on two dates.
        var china = TimeSpan.FromHours(8);
        var local = Time.GetUtcNow().ToOffset(china);
        var start = new DateTimeOffset(local.Year, local.Month, local.Day, 10, 0, 0, china).AddDays(1);
        if (start.Day > 26) start = new DateTimeOffset(start.Year, start.Month, 2, 10, 0, 0, china).AddMonths(1);
        Time.SetUtcNow(start);
        var (grid, courtyard, worker) = await NewGridWithWorkerAsync();
        var subject = (await MustPostAsync("/grids/care/subjects", new
        {
            kind = "elderly-alone", name = "周德福", courtyardCode = courtyard, gridWorkerId = worker.User, visitEveryDays = 7,
        }, user: worker)).GetProperty("id").GetGuid();

        var patrol = await MustPostAsync("/grids/patrols", new { }, user: worker);
        var id = patrol.GetProperty("id").GetGuid();
        var started = patrol.GetProperty("startedAt").GetDateTimeOffset();
        Assert.That(patrol.GetProperty("unitCode").GetString(), Is.EqualTo(grid), "his home unit: the token's");
        Time.Advance(TimeSpan.FromMinutes(5));

        // Three points; the second is 10 s after the first, closer than the 20 s kept between points.
        var points = await MustPostAsync($"/grids/patrols/{id}/points", new
        {
            points = new[]
            {
                new { lat = 29.5630, lng = 106.5510, at = At(started.AddMinutes(1)) },
                new { lat = 29.5631, lng = 106.5511, at = At(started.AddMinutes(1).AddSeconds(10)) },
                new { lat = 29.5640, lng = 106.5520, at = At(started.AddMinutes(2)) },
            },
        }, HttpStatusCode.OK, worker);
        Assert.That((points.GetProperty("accepted").GetInt32(), points.GetProperty("dropped").GetInt32()), Is.EqualTo((2, 1)));

        var visit = await MustPostAsync($"/grids/care/subjects/{subject}/visits", new { findings = "老人身体好" }, user: worker);
        var caseId = await FileAsync(courtyard, worker);
        Time.Advance(TimeSpan.FromMinutes(30));
        var ended = await MustPostAsync($"/grids/patrols/{id}/end", new { }, HttpStatusCode.OK, worker);
        Assert.That(ended.GetProperty("endedAt").GetDateTimeOffset(), Is.EqualTo(started.AddMinutes(35)));

        var detail = await Eventually.GetAsync(async () => (await SendAsync(HttpMethod.Get, $"/grids/patrols/{id}", user: worker)).Body,
            d => d.GetProperty("links").GetArrayLength() == 2, TimeSpan.FromSeconds(30), "the case filed during the patrol to attach to it");
        var links = detail.GetProperty("links").EnumerateArray().Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("id").GetGuid())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(links, Is.EquivalentTo(new[] { ("care-visit", visit.GetProperty("id").GetGuid()), ("case", caseId) }));
            Assert.That(detail.GetProperty("track").GetArrayLength(), Is.EqualTo(2));
            Assert.That(detail.GetProperty("track")[1].GetProperty("lat").GetDouble(), Is.EqualTo(29.5640));
        });

        // A second patrol the same day, then one the next: 3 patrols, 2 person-days, on two dates.
        var second = (await MustPostAsync("/grids/patrols", new { }, user: worker)).GetProperty("id").GetGuid();
        await MustPostAsync($"/grids/patrols/{second}/end", new { }, HttpStatusCode.OK, worker);
        Time.Advance(TimeSpan.FromDays(1));
        var third = (await MustPostAsync("/grids/patrols", new { }, user: worker)).GetProperty("id").GetGuid();
        await MustPostAsync($"/grids/patrols/{third}/end", new { }, HttpStatusCode.OK, worker);

        var day1 = started.ToOffset(TimeSpan.FromHours(8));
        var day2 = Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var month = day1.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var counts = await GetAsync($"/grids/patrols/counts?unitCode={grid}&month={month}");
        Assert.Multiple(() =>
        {
            Assert.That(counts.GetProperty("patrols").GetInt32(), Is.EqualTo(3));
            Assert.That(counts.GetProperty("people").GetInt32(), Is.EqualTo(1));
            Assert.That(counts.GetProperty("personDays").GetInt32(), Is.EqualTo(2));
            Assert.That(counts.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("date").GetString(), d.GetProperty("patrols").GetInt32())),
                Is.EqualTo(new[] { (day1.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 2), (day2.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), 1) }));
        });
        var tracks = await GetAsync($"/grids/patrols/tracks?unitCode={grid}&month={month}");
        Assert.That(tracks.EnumerateArray().Select(d => d.GetProperty("track").GetArrayLength()), Is.EqualTo(new[] { 0, 0, 2 }), "newest first: only the first patrol has points");
        var own = await SendAsync(HttpMethod.Get, $"/grids/patrols?month={month}", user: worker);
        Assert.That(own.Body.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()), Is.EqualTo(new[] { third, second, id }), "his own, newest first");
    }

    /// <summary>Files a case at the courtyard as the worker, once Incidents knows the new courtyard.</summary>
    [Test]
    public async Task Only_the_worker_records_his_patrol_and_readers_outside_the_unit_are_refused()
    {
        var (grid, _, worker) = await NewGridWithWorkerAsync();
        var (_, _, other) = await NewGridWithWorkerAsync();
        var id = (await MustPostAsync("/grids/patrols", new { }, user: worker)).GetProperty("id").GetGuid();
        var point = new { points = new[] { new { lat = 29.56, lng = 106.55, at = At(Time.GetUtcNow()) } } };

        Assert.Multiple(async () =>
        {
            Assert.That((await PostAsync($"/grids/patrols/{id}/points", point, other)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "another worker's points");
            Assert.That((await PostAsync($"/grids/patrols/{id}/end", new { }, other)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "another worker ends it");
            Assert.That((await SendAsync(HttpMethod.Get, $"/grids/patrols/{id}", user: other)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "another grid's worker reads it");
            Assert.That((await SendAsync(HttpMethod.Get, $"/grids/patrols/counts?unitCode={grid}", user: other)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await PostAsync("/grids/patrols", new { }, new SignedIn("sup", Roles.CountySupervisor))).Status, Is.EqualTo(HttpStatusCode.Forbidden), "a supervisor does not patrol");
            Assert.That((await PostAsync("/grids/patrols", new { unitCode = Demo.Township }, other)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "outside his units");
            Assert.That((await PostAsync("/grids/patrols", new { }, worker)).Status, Is.EqualTo(HttpStatusCode.Conflict), "one patrol at a time");
        });
        var township = new SignedIn("td", Roles.TownshipDispatcher, Demo.Township);
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/patrols/{id}", user: township)).Status, Is.EqualTo(HttpStatusCode.OK), "the township above reads it");
        await MustPostAsync($"/grids/patrols/{id}/end", new { }, HttpStatusCode.OK, worker);
        Assert.That((await PostAsync($"/grids/patrols/{id}/points", point, worker)).Status, Is.EqualTo(HttpStatusCode.Conflict), "it has ended");
    }

    /// <summary>docs/permissions.md record-patrol: grid workers, courtyard leads and grid heads, inside their subtree. The
    /// outside probe found the last two refused everywhere (an "own grid" rule), though the worker page offered them the patrol.</summary>
    [Test]
    public async Task A_courtyard_lead_patrols_his_courtyard_and_a_grid_head_the_grids_of_his_village_and_nowhere_else()
    {
        var (village, grid, courtyards) = await NewVillageAsync(courtyards: 2);
        var (otherGrid, _, _) = await NewGridWithWorkerAsync();
        var lead = new SignedIn(NewCode("cl"), Roles.CourtyardLead, courtyards[0]);
        var head = new SignedIn(NewCode("gh"), Roles.GridHead, village);

        var byLead = await MustPostAsync("/grids/patrols", new { }, user: lead);
        Assert.That(byLead.GetProperty("unitCode").GetString(), Is.EqualTo(courtyards[0]), "his courtyard, without naming it");
        var byHead = await MustPostAsync("/grids/patrols", new { unitCode = grid }, user: head);
        Assert.That(byHead.GetProperty("unitCode").GetString(), Is.EqualTo(grid));
        await MustPostAsync($"/grids/patrols/{byLead.GetProperty("id").GetGuid()}/end", new { }, HttpStatusCode.OK, lead);
        await MustPostAsync($"/grids/patrols/{byHead.GetProperty("id").GetGuid()}/end", new { }, HttpStatusCode.OK, head);

        Assert.Multiple(async () =>
        {
            Assert.That((await PostAsync("/grids/patrols", new { unitCode = courtyards[1] }, lead)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "the lead: another courtyard");
            Assert.That((await PostAsync("/grids/patrols", new { unitCode = grid }, lead)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "the lead: his grid");
            Assert.That((await PostAsync("/grids/patrols", new { unitCode = otherGrid }, head)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "the head: another village's grid");
            Assert.That((await PostAsync("/grids/patrols", new { }, head)).Status, Is.EqualTo(HttpStatusCode.BadRequest), "the head: his village is no beat");
            // A patrolling role held at the township (a token's roles, not a beat): no patrol there.
            var aboveBeat = new SignedIn(NewCode("gw"), Roles.GridWorkerFullTime, Demo.Township);
            Assert.That((await PostAsync("/grids/patrols", new { unitCode = grid }, aboveBeat)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "a grid worker's role at the township");
        });
    }

    [Test]
    public async Task Points_that_cannot_be_read_are_judged_after_whose_patrol_it_is()
    {
        // Probe 6 F2: a body of the wrong type failed in the JSON reader and answered 400 to a stranger first.
        var (_, _, worker) = await NewGridWithWorkerAsync();
        var (_, _, other) = await NewGridWithWorkerAsync();
        var id = (await MustPostAsync("/grids/patrols", new { }, user: worker)).GetProperty("id").GetGuid();
        const string wrongType = "{\"points\": 5}";
        Assert.Multiple(async () =>
        {
            Assert.That((await PostTextAsync($"/grids/patrols/{id}/points", wrongType, "application/json", other)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "another worker's patrol");
            // With problem details, as with a readable body (the outside probe saw an empty 404 here).
            var (status, body) = await PostTextAsync($"/grids/patrols/{Guid.NewGuid()}/points", "{not json", "application/json", worker);
            Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), "no such patrol");
            Assert.That(body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var s) && s.GetInt32() == 404, body.ToString());
            Assert.That((await PostTextAsync($"/grids/patrols/{id}/points", wrongType, "application/json", worker)).Status, Is.EqualTo(HttpStatusCode.BadRequest), "his own: told what is wrong");
        });
        await MustPostAsync($"/grids/patrols/{id}/end", new { }, HttpStatusCode.OK, worker);
    }

    private static IEnumerable<TestCaseData> BadPoints()
    {
        yield return new TestCaseData(new { points = Array.Empty<object>() }, "points").SetArgDisplayNames("no points");
        yield return new TestCaseData(new { points = new[] { new { lat = 200.0, lng = 106.5, at = "2026-01-01T00:00:00Z" } } }, "points[0].lat").SetArgDisplayNames("latitude 200");
        yield return new TestCaseData(new { points = new[] { new { lat = 29.5, lng = 106.5, at = "yesterday" } } }, "points[0].at").SetArgDisplayNames("at not a time");
        yield return new TestCaseData(new { points = Enumerable.Range(0, 101).Select(_ => new { lat = 29.5, lng = 106.5, at = "2026-01-01T00:00:00Z" }).ToArray() }, "points")
            .SetArgDisplayNames("101 points");
    }

    [TestCaseSource(nameof(BadPoints))]
    public async Task Bad_points_are_refused_naming_the_field(object body, string field)
    {
        var (_, _, worker) = await NewGridWithWorkerAsync();
        var id = (await MustPostAsync("/grids/patrols", new { }, user: worker)).GetProperty("id").GetGuid();
        var (status, problem) = await PostAsync($"/grids/patrols/{id}/points", body, worker);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
        Assert.That(ErrorFields(problem), Does.Contain(field));
        await MustPostAsync($"/grids/patrols/{id}/end", new { }, HttpStatusCode.OK, worker);
    }

    [Test]
    public async Task A_month_that_is_not_one_is_refused_naming_month()
    {
        var (status, problem) = await SendAsync(HttpMethod.Get, $"/grids/patrols/counts?unitCode={Demo.Township}&month=2026-13");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "month" }));
    }
}
