using System.Net;
using System.Text.Json;
using Dapper;
using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.IntegrationTests.Support;
using MassTransit;

namespace Governance.IntegrationTests.Grids;

/// <summary>Care subjects (精准关爱): registration, visits, overdue visits, and the case a visit files.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class CareTests(Provider provider) : GridsFixture(provider)
{
    private async Task<(string Village, string Grid, string Courtyard, string Worker, Guid Subject)> NewSubjectAsync(int everyDays = 7)
    {
        var (village, grid, courtyards) = await NewVillageAsync(courtyards: 1);
        var worker = await NewGridWorkerAsync(grid);
        var subject = await MustPostAsync("/grids/care/subjects", new
        {
            kind = "elderly-alone", name = "谭桂兰", idNumber = "500101193805120023", phone = "13900004444",
            courtyardCode = courtyards[0], gridWorkerId = worker, visitEveryDays = everyDays,
        }, user: SignedIn.GridWorker(worker, grid));
        return (village, grid, courtyards[0], worker, subject.GetProperty("id").GetGuid());
    }

    private async Task<List<Guid>> OverdueAsync(string query) =>
        (await GetAsync($"/grids/care/overdue?{query}")).EnumerateArray().Select(o => o.GetProperty("subject").GetProperty("id").GetGuid()).ToList();

    [Test]
    public async Task A_subject_not_visited_within_the_frequency_is_overdue_for_the_worker_and_the_village_until_visited()
    {
        var (village, grid, _, worker, subject) = await NewSubjectAsync(everyDays: 7);
        Assert.That(await OverdueAsync($"gridWorkerId={worker}"), Is.Empty, "not due yet");

        Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.That(await OverdueAsync($"gridWorkerId={worker}"), Is.EqualTo(new[] { subject }));
        var byVillage = (await GetAsync($"/grids/care/overdue?villageCode={village}")).EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(byVillage.GetProperty("villageCode").GetString(), Is.EqualTo(village));
            Assert.That(byVillage.GetProperty("daysOverdue").GetDouble(), Is.InRange(0.0, 0.01));
        });

        var visit = await MustPostAsync($"/grids/care/subjects/{subject}/visits", new { findings = "身体尚好，冰箱有菜" }, user: SignedIn.GridWorker(worker, grid));
        Assert.That(visit.GetProperty("visitedBy").GetString(), Is.EqualTo(worker));
        Assert.That(await OverdueAsync($"gridWorkerId={worker}"), Is.Empty, "visited today");

        Time.Advance(TimeSpan.FromDays(6));
        Assert.That(await OverdueAsync($"villageCode={village}"), Is.Empty, "next visit due a week after the last");
        Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.That(await OverdueAsync($"villageCode={village}"), Is.EqualTo(new[] { subject }));

        var detail = await GetAsync($"/grids/care/subjects/{subject}");
        Assert.That(detail.GetProperty("visits").GetArrayLength(), Is.EqualTo(1));
        Assert.That(detail.GetProperty("subject").GetProperty("idNumber").GetString(), Is.EqualTo("500101193805120023"), "returned as stored until #6 masks it");
    }

    [Test]
    public async Task A_visit_that_finds_a_problem_files_a_case_at_the_subjects_courtyard_by_the_visiting_worker()
    {
        var (_, grid, courtyard, worker, subject) = await NewSubjectAsync();
        var visit = await MustPostAsync($"/grids/care/subjects/{subject}/visits", new
        {
            findings = "老人家中漏雨",
            incident = new { category = "livelihood", grade = "IV", title = "独居老人房屋漏雨", description = "屋顶瓦片破损，需维修" },
        }, user: SignedIn.GridWorker(worker, grid));
        var incidentId = visit.GetProperty("incidentId").GetGuid();

        var filed = await Eventually.GetAsync(async () =>
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/incidents/{incidentId}");
            return status == HttpStatusCode.OK ? (JsonElement?)body : null;
        }, _ => true, TimeSpan.FromSeconds(30), "Incidents to file the visit's case");
        Assert.Multiple(() =>
        {
            Assert.That(filed!.Value.GetProperty("unitCode").GetString(), Is.EqualTo(courtyard));
            Assert.That(filed.Value.GetProperty("category").GetString(), Is.EqualTo("livelihood"));
            Assert.That(filed.Value.GetProperty("reportedBy").GetString(), Is.EqualTo(worker));
        });
    }

    [Test]
    public async Task A_visit_recorded_for_a_colleague_files_its_case_under_the_person_who_recorded_it()
    {
        var (_, grid, _, worker, subject) = await NewSubjectAsync();
        var colleague = await NewGridWorkerAsync(grid);
        var visit = await MustPostAsync($"/grids/care/subjects/{subject}/visits", new
        {
            findings = "老人反映邻居占道", visitedBy = colleague,
            incident = new { category = "dispute", grade = "IV", title = "邻居堆物占道", description = "楼道堆放杂物" },
        }, user: SignedIn.GridWorker(worker, grid));
        Assert.That(visit.GetProperty("visitedBy").GetString(), Is.EqualTo(colleague));
        var incidentId = visit.GetProperty("incidentId").GetGuid();
        var filed = await Eventually.GetAsync(async () =>
        {
            var (status, body) = await SendAsync(HttpMethod.Get, $"/incidents/{incidentId}");
            return status == HttpStatusCode.OK ? (JsonElement?)body : null;
        }, _ => true, TimeSpan.FromSeconds(30), "Incidents to file the visit's case");
        Assert.That(filed!.Value.GetProperty("reportedBy").GetString(), Is.EqualTo(worker), "the token's subject, not the name he typed");
    }

    [Test]
    public async Task The_same_reported_incident_delivered_again_under_other_message_ids_files_one_case()
    {
        var (_, _, courtyard, worker, _) = await NewSubjectAsync();
        var message = new CareVisitReportedIncident(Guid.CreateVersion7(), courtyard, Category.Livelihood, Grade.IV, "重复投递", "同一次走访",
            worker, Guid.CreateVersion7(), Time.GetUtcNow());
        var bus = Host.Get<IBus>();
        var messageIds = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var messageId in messageIds) await bus.Publish(message, c => c.MessageId = messageId);

        // Each delivery leaves its own inbox row (the repeats too: they are recorded, then file nothing).
        var incidents = Host.Get<IncidentsDatabase>();
        await Eventually.GetAsync(async () =>
        {
            await using var c = await incidents.OpenAsync();
            return await c.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'CareVisitReportedIncidentConsumer' AND message_id IN (@m0, @m1, @m2)",
                new { m0 = messageIds[0], m1 = messageIds[1], m2 = messageIds[2] });
        }, n => n == messageIds.Count, TimeSpan.FromSeconds(30), "these three deliveries to be processed");

        // What a second filing would add: another case by this worker under this title (another id),
        // or another 'filed' entry on the case's timeline.
        await using var connection = await incidents.OpenAsync();
        var cases = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM incidents WHERE title = @Title AND reported_by = @ReportedBy",
            new { message.Title, message.ReportedBy });
        var filings = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM timeline WHERE incident_id = @IncidentId AND action = 'filed'",
            new { message.IncidentId });
        Assert.That((cases, filings), Is.EqualTo((1L, 1L)), "one case, filed once");
    }

    private static IEnumerable<TestCaseData> BadVisits()
    {
        yield return new TestCaseData(new { findings = "" }, "findings").SetArgDisplayNames("no findings");
        yield return new TestCaseData(new { findings = "ok", visitedAt = "2999-01-01T00:00:00Z" }, "visitedAt").SetArgDisplayNames("future visit");
        yield return new TestCaseData(new { findings = "ok", incident = new { category = "gossip", grade = "IV", title = "t", description = "d" } }, "incident.category")
            .SetArgDisplayNames("bad incident category");
        yield return new TestCaseData(new { findings = "ok", incident = new { category = "livelihood", grade = "V", title = "t", description = "d" } }, "incident.grade")
            .SetArgDisplayNames("bad incident grade");
    }

    [TestCaseSource(nameof(BadVisits))]
    public async Task A_bad_visit_names_the_field_and_records_nothing(object body, string field)
    {
        var (_, grid, _, worker, subject) = await NewSubjectAsync();
        var (status, problem) = await PostAsync($"/grids/care/subjects/{subject}/visits", body, SignedIn.GridWorker(worker, grid));
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { field }));
        Assert.That((await GetAsync($"/grids/care/subjects/{subject}")).GetProperty("visits").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_subject_needs_a_courtyard_and_a_grid_worker_and_gets_the_default_frequency_of_the_kind()
    {
        var gridWorker = SignedIn.GridWorker($"grid-worker-full-time-{Demo.Grid}", Demo.Grid);
        var (status, problem) = await PostAsync("/grids/care/subjects",
            new { kind = "orphan", name = "某", courtyardCode = Demo.Grid, gridWorkerId = $"courtyard-lead-{Demo.Courtyard}" }, gridWorker);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "kind", "courtyardCode", "gridWorkerId" }));

        var child = await MustPostAsync("/grids/care/subjects", new
        {
            kind = "left-behind-child", name = "向小燕", courtyardCode = Demo.Courtyard, gridWorkerId = $"grid-worker-full-time-{Demo.Grid}",
        }, user: gridWorker);
        Assert.That(child.GetProperty("visitEveryDays").GetInt32(), Is.EqualTo(14));
        Assert.That(child.GetProperty("visitDueAt").GetDateTimeOffset(), Is.EqualTo(child.GetProperty("registeredAt").GetDateTimeOffset().AddDays(14)));
    }

    [Test]
    public async Task A_courtyard_where_care_subjects_live_cannot_be_retired()
    {
        var (_, _, courtyard, _, _) = await NewSubjectAsync();
        Assert.That((await PostAsync($"/grids/units/{courtyard}/retire", new { })).Status, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task A_visit_is_recorded_by_a_grid_worker_or_courtyard_lead_of_the_subjects_grid_and_no_one_else()
    {
        var (_, grid, courtyard, worker, subject) = await NewSubjectAsync();
        var author = SignedIn.GridWorker(worker, grid);
        var lead = NewCode("l");
        await MustPostAsync("/grids/staff", new { id = lead, name = "院落长", role = "courtyard-lead", unitCode = courtyard });
        var colleague = await NewGridWorkerAsync(grid);
        var elsewhere = await NewGridWorkerAsync((await NewVillageAsync()).Grid);
        var leaver = await NewGridWorkerAsync(grid);
        await MustPostAsync($"/grids/staff/{leaver}/leave", new { }, HttpStatusCode.OK);

        // Another township's dispatcher, a worker of another grid, someone who left, nobody at all: 400 naming visitedBy.
        foreach (var visitor in new[] { "township-dispatcher-500101002000", elsewhere, leaver, "no-such-person" })
        {
            var (status, problem) = await PostAsync($"/grids/care/subjects/{subject}/visits", new { findings = "走访", visitedBy = visitor }, author);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), $"{visitor}: {problem}");
            Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "visitedBy" }), visitor);
        }
        Assert.That((await GetAsync($"/grids/care/subjects/{subject}")).GetProperty("visits").GetArrayLength(), Is.Zero, "nothing recorded");

        // The courtyard's lead, a colleague of the grid, the caller himself (named or left out).
        foreach (var visitor in new[] { lead, colleague, worker, null })
        {
            var visit = await MustPostAsync($"/grids/care/subjects/{subject}/visits", new { findings = "走访", visitedBy = visitor }, user: author);
            Assert.That(visit.GetProperty("visitedBy").GetString(), Is.EqualTo(visitor ?? worker));
        }
    }
}
