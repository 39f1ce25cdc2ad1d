using System.Globalization;
using System.Net;
using System.Text.Json;
using Dapper;
using Governance.Contracts;
using Governance.Grids.Data;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using MassTransit;

namespace Governance.IntegrationTests.Grids;

/// <summary>The monthly assessment (考核): scores of a small data set computed by hand and compared;
/// the weights are the county administrator's; each person reads his own; bad input named.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class AssessmentTests(Provider provider) : GridsFixture(provider)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly object Weights = new
    {
        patrolDay = 3, careVisitOnTime = 2, caseFound = 1, settledOnSpot = 4, resolvedOnTime = 5, satisfied = 2, dissatisfied = 3, missedDeadline = 10,
    };

    /// <summary>Delivers a case event to Grids' queue alone (Incidents and Dispatch must not act on cases that do not exist).</summary>
    private async Task SendToGridsAsync(params object[] messages)
    {
        // To the queue's exchange, not "queue:": a send to a queue declares it, with classic arguments, and RabbitMQ refuses
        // that for the quorum queue the service declared (PRECONDITION_FAILED, retried by MassTransit without end).
        var endpoint = await Host.Get<IBus>().GetSendEndpoint(new Uri($"exchange:{BusSetup.QueueName("grids")}"));
        foreach (var m in messages) await endpoint.Send(m, m.GetType());
    }

    private async Task WaitForCasesAsync(string what, string where, params Guid[] ids)
    {
        var db = Host.Get<GridsDatabase>();
        await Eventually.GetAsync(async () =>
        {
            await using var c = await db.OpenAsync();
            var ps = new DynamicParameters();
            for (var i = 0; i < ids.Length; i++) ps.Add($"i{i}", ids[i]);
            return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM assessment_cases WHERE {where} AND incident_id IN ({string.Join(", ", ids.Select((_, i) => $"@i{i}"))})", ps);
        }, n => n == ids.Length, TimeSpan.FromSeconds(30), what);
    }

    [Test]
    public async Task Scores_of_a_small_month_are_the_ones_computed_by_hand()
    {
        // The 1st of a month at least a month ahead, 10:00 China time: all of it in one month.
        var now = Time.GetUtcNow().ToOffset(China);
        var d1 = new DateTimeOffset(now.Year, now.Month, 1, 10, 0, 0, China).AddMonths(2);
        Time.SetUtcNow(d1);
        var month = d1.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.That((await SendAsync(HttpMethod.Put, "/grids/assessment/weights", Weights)).Status, Is.EqualTo(HttpStatusCode.OK));

        var (village, g1, c1) = await NewVillageAsync(courtyards: 1);
        var g2 = NewCode("g");
        await MustPostAsync("/grids/units", new { code = g2, name = "二网格", level = "grid", parentCode = village });
        var c2 = NewCode("c");
        await MustPostAsync("/grids/units", new { code = c2, name = "二院落", level = "courtyard", parentCode = g2 });
        string a = await NewGridWorkerAsync(g1), b = await NewGridWorkerAsync(g1), c = await NewGridWorkerAsync(g2);
        SignedIn asA = SignedIn.GridWorker(a, g1), asC = SignedIn.GridWorker(c, g2);
        var s = (await MustPostAsync("/grids/care/subjects", new { kind = "elderly-alone", name = "甲", courtyardCode = c1[0], gridWorkerId = a, visitEveryDays = 7 }, user: asA)).GetProperty("id").GetGuid();
        var t = (await MustPostAsync("/grids/care/subjects", new { kind = "elderly-alone", name = "乙", courtyardCode = c2, gridWorkerId = c, visitEveryDays = 1 }, user: asC)).GetProperty("id").GetGuid();

        // Day 1: A patrols twice. Day 2: once, visiting S (due day 8: on time). Day 3: C visits T (due day 2: late).
        for (var i = 0; i < 2; i++) await PatrolAsync(asA);
        Time.Advance(TimeSpan.FromDays(1));
        var p3 = (await MustPostAsync("/grids/patrols", new { }, user: asA)).GetProperty("id").GetGuid();
        await MustPostAsync($"/grids/care/subjects/{s}/visits", new { findings = "好" }, user: asA);
        await MustPostAsync($"/grids/patrols/{p3}/end", new { }, HttpStatusCode.OK, asA);
        Time.Advance(TimeSpan.FromDays(1));
        await MustPostAsync($"/grids/care/subjects/{t}/visits", new { findings = "晚了" }, user: asC);

        // Cases, as Incidents and Dispatch announce them: A found two (one settled on the spot), C one.
        // B resolved A's first by its deadline (satisfied); C resolved his own after it (dissatisfied),
        // and a missed deadline under supervision counts against C's grid.
        var at = Time.GetUtcNow();
        Guid k1 = Guid.NewGuid(), k2 = Guid.NewGuid(), k3 = Guid.NewGuid();
        await SendToGridsAsync(
            new IncidentFiled(k1, c1[0], Category.Facilities, Grade.IV, "一", a, at),
            new IncidentFiled(k2, c1[0], Category.Facilities, Grade.IV, "二", a, at, ResolvedOnTheSpot: true),
            new IncidentFiled(k3, c2, Category.Facilities, Grade.IV, "三", c, at),
            new IncidentRouted(k1, 1, Tier.Courtyard, c1[0], at.AddDays(2), 1, at),
            new IncidentRouted(k3, 1, Tier.Courtyard, c2, at.AddMinutes(30), 1, at));
        await WaitForCasesAsync("the filings and routings", "filed_by IS NOT NULL AND due_at_ms IS NOT NULL", k1, k3);
        await SendToGridsAsync(new IncidentResolved(k1, b, "修好", at.AddHours(1)), new IncidentResolved(k3, c, "修好", at.AddHours(1)));
        await WaitForCasesAsync("the resolutions", "resolved_by IS NOT NULL", k1, k3);
        await SendToGridsAsync(
            new IncidentVerified(k1, a, VerificationResult.Solved, Satisfaction.Satisfied, null, 0, at.AddHours(2)),
            new IncidentVerified(k3, a, VerificationResult.Solved, Satisfaction.Dissatisfied, null, 0, at.AddHours(2)),
            new IncidentFlaggedOverdue(k3, Tier.Courtyard, c2, at.AddMinutes(31)));

        // By hand, with the weights above:
        //   A: 2 patrol days × 3 + 1 care visit on time × 2 + 2 found × 1 + 1 settled × 4 = 6 + 2 + 2 + 4 = 14
        //   B: 1 resolved on time × 5 + 1 satisfied × 2 = 7
        //   C: 1 found × 1 − 1 dissatisfied × 3 = −2 (his care visit was late: 0)
        //   grid 1: 14 + 7 = 21 for 2 people = 10.5; grid 2: −2 − 1 miss × 10 = −12 for 1; village: 9 for 3 = 3
        var table = await Eventually.GetAsync(async () => (await SendAsync(HttpMethod.Get, $"/grids/assessment/units/{village}?month={month}")).Body,
            v => v.ValueKind == JsonValueKind.Object && v.GetProperty("unit").GetProperty("score").GetInt32() == 9, TimeSpan.FromSeconds(30), "the village's score");
        Assert.Multiple(() =>
        {
            Assert.That(Rows(table.GetProperty("people"), "personId"), Is.EqualTo(new[] { (a, 14m), (b, 7m), (c, -2m) }));
            Assert.That(table.GetProperty("units").EnumerateArray().Select(u => (u.GetProperty("unitCode").GetString()!, u.GetProperty("score").GetInt32(),
                u.GetProperty("people").GetInt32(), u.GetProperty("perPerson").GetDecimal())), Is.EqualTo(new[] { (g1, 21, 2, 10.5m), (g2, -12, 1, -12m) }));
            Assert.That(table.GetProperty("unit").GetProperty("perPerson").GetDecimal(), Is.EqualTo(3m));
            var aFigures = table.GetProperty("people")[0].GetProperty("figures");
            Assert.That((aFigures.GetProperty("patrolDays").GetInt32(), aFigures.GetProperty("careVisitsOnTime").GetInt32(), aFigures.GetProperty("settledOnSpot").GetInt32()),
                Is.EqualTo((2, 1, 1)));
            var cFigures = table.GetProperty("people")[2].GetProperty("figures");
            Assert.That((cFigures.GetProperty("careVisits").GetInt32(), cFigures.GetProperty("careVisitsOnTime").GetInt32(), cFigures.GetProperty("resolved").GetInt32(),
                cFigures.GetProperty("resolvedOnTime").GetInt32()), Is.EqualTo((1, 0, 1, 0)));
        });

        var own = await SendAsync(HttpMethod.Get, $"/grids/assessment/people/{a}?month={month}", user: asA);
        Assert.That((own.Status, own.Body.GetProperty("person").GetProperty("score").GetInt32()), Is.EqualTo((HttpStatusCode.OK, 14)));
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/assessment/people/{a}?month={month}", user: asC)).Status, Is.EqualTo(HttpStatusCode.Forbidden),
            "another grid's worker");
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/assessment/units/{g1}?month={month}", user: asC)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private async Task PatrolAsync(SignedIn who)
    {
        var id = (await MustPostAsync("/grids/patrols", new { }, user: who)).GetProperty("id").GetGuid();
        await MustPostAsync($"/grids/patrols/{id}/end", new { }, HttpStatusCode.OK, who);
    }

    private static IEnumerable<(string, decimal)> Rows(JsonElement rows, string key) =>
        rows.EnumerateArray().Select(r => (r.GetProperty(key).GetString()!, (decimal)r.GetProperty("score").GetInt32()));

    [Test]
    public async Task Only_the_county_administrator_changes_the_weights_and_bad_weights_are_named()
    {
        var worker = new SignedIn("w", Roles.GridWorkerFullTime, Demo.Grid);
        Assert.That((await SendAsync(HttpMethod.Put, "/grids/assessment/weights", Weights, worker)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await SendAsync(HttpMethod.Put, "/grids/assessment/weights", Weights, new SignedIn("s", Roles.CountySupervisor))).Status,
            Is.EqualTo(HttpStatusCode.Forbidden), "supervisors read them, they do not change them");
        Assert.That((await SendAsync(HttpMethod.Get, "/grids/assessment/weights", user: new SignedIn("s", Roles.CountySupervisor))).Status, Is.EqualTo(HttpStatusCode.OK));

        var (status, problem) = await SendAsync(HttpMethod.Put, "/grids/assessment/weights", new
        {
            patrolDay = 3, careVisitOnTime = -1, caseFound = 1, settledOnSpot = 4, resolvedOnTime = 5, satisfied = 2, dissatisfied = 3,
        });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "careVisitOnTime", "missedDeadline" }));
        var month = await SendAsync(HttpMethod.Get, $"/grids/assessment/units/{Demo.Township}?month=March");
        Assert.That((month.Status, ErrorFields(month.Body)), Is.EqualTo((HttpStatusCode.BadRequest, (IReadOnlyList<string>)new[] { "month" })));
    }
}
