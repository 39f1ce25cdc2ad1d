using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Contracts;
using Governance.Dispatch.Deadlines;
using Governance.Incidents.Data;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Support;
using MassTransit;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Dashboard;

/// <summary>
/// The county's figures come from a read model the case transactions keep current: containment,
/// on-time and satisfaction rates, open and overdue per tier, escalations by reason and township,
/// trend, drill-down and hot spots (standalone mode and distributed on PostgreSQL, fake clock).
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class DashboardTests(Provider provider)
{
    private ProviderHost _servers = null!;
    private InProcessHost _host = null!;
    // 02:00 UTC = 10:00 in China: the China-local day is the UTC day.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    private const string Township3 = "500101003000";
    private const string Village = "500101003001";
    private const string Courtyard = "500101003001001001";
    private const string Grid = "500101003001001";
    private const string Period = "from=2026-11-01&to=2026-12-31";

    /// <summary>Verifies as a grid worker whose reach holds every place of these tests (the county): the
    /// place relation, and no holder of the village, township or county cases closed here (the county's
    /// supervisor would hold one closed on the county tier, and a holder may not verify).</summary>
    private static System.Net.Http.Headers.AuthenticationHeaderValue PlaceGridWorker =>
        TestTokens.Bearer("resident", Governance.Infrastructure.Security.Roles.GridWorkerFullTime, Demo.County);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _servers = await ProviderHost.StartAsync(provider, "dashboard", _time);
        _host = _servers.Host;
        // These figures follow cases that climb when late: every missed deadline escalates here.
        await PolicyEdits.EscalateOnMissedDeadlineAsync(_host.Http);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_servers is not null) await _servers.DisposeAsync();
    }

    private async Task<Guid> FileRoutedAsync(string category, string grade, string unitCode = Courtyard)
    {
        var filed = await _host.FileAsync(unitCode, category, grade);
        await Eventually.GetAsync(() => _host.IncidentAsync(filed.Id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        return filed.Id;
    }

    private async Task CloseAsync(Guid id, string satisfaction)
    {
        await _host.Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "办结" }, "handler");
        var verified = await _host.Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction }, PlaceGridWorker);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
    }

    private Task<JsonElement> GetAsync(string path) => _host.Http.GetFromJsonAsync<JsonElement>(path);

    [Test]
    public async Task The_headline_figures_follow_the_cases_of_the_period()
    {
        var filingDay = _time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        // In the village: two closed there (one satisfied, one dissatisfied), one on the spot.
        var a = await FileRoutedAsync("environment", "III");
        var b = await FileRoutedAsync("facilities", "III");
        await CloseAsync(a, "satisfied");
        await CloseAsync(b, "dissatisfied");
        var spot = await _host.Http.PostAsJsonAsync("/incidents", new
        {
            unitCode = Courtyard, category = "dispute", grade = "IV", title = "小纠纷", description = "d", resolution = "当场调解",
        }, "gw");
        Assert.That(spot.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        // One left the village for the township and closed there, late.
        var c = await FileRoutedAsync("livelihood", "III");
        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await _host.Get<DeadlineSweeper>().SweepAsync();
        await Eventually.GetAsync(() => _host.IncidentAsync(c), i => i.Tier == "township", TimeSpan.FromSeconds(30), "the climb");
        // Eight days on the township's seven: the sweeper moves it to the county, where it is closed late.
        // Swept here too: the background sweeper runs on the same clock, but if it was busy with the last
        // sweep when the clock moved, its next wait ends only when the clock moves again.
        _time.Advance(TimeSpan.FromDays(8));
        await _host.Get<DeadlineSweeper>().SweepAsync();
        await Eventually.GetAsync(() => _host.IncidentAsync(c), i => i.Tier == "county", TimeSpan.FromSeconds(30), "the second climb");
        await CloseAsync(c, "basically-satisfied");
        // One still open at the village.
        await FileRoutedAsync("other", "III");

        var summary = await GetAsync($"/incidents/dashboard/summary?unitCode={Village}&{Period}");
        Assert.That(summary.GetProperty("filed").GetInt64(), Is.EqualTo(5));
        Assert.That(summary.GetProperty("closed").GetInt64(), Is.EqualTo(4));
        Assert.That(summary.GetProperty("villageContainmentRate").GetDouble(), Is.EqualTo(0.75), "3 of 4 closed without leaving the village");
        Assert.That(summary.GetProperty("townshipContainmentRate").GetDouble(), Is.EqualTo(0.75), "one left the township too");
        Assert.That(summary.GetProperty("onTimeRate").GetDouble(), Is.EqualTo(0.75), "the county case closed after its deadline");
        Assert.That(summary.GetProperty("satisfactionRate").GetDouble(), Is.EqualTo(0.6667).Within(0.0001), "satisfied + basically of 3 answers");
        Assert.That(summary.GetProperty("open").GetProperty("village").GetInt64(), Is.EqualTo(1));
        Assert.That(summary.GetProperty("open").GetProperty("township").GetInt64(), Is.Zero);

        var trend = (await GetAsync($"/incidents/dashboard/trend?unitCode={Village}&{Period}")).EnumerateArray().ToList();
        Assert.That(trend, Has.Count.EqualTo(61), "every day of the period");
        Assert.That(trend.Sum(p => p.GetProperty("filed").GetInt64()), Is.EqualTo(5));
        Assert.That(trend.Single(p => p.GetProperty("day").GetString() == filingDay).GetProperty("filed").GetInt64(), Is.EqualTo(4));

        var escalations = await GetAsync($"/incidents/dashboard/escalations?unitCode={Township3}&{Period}");
        Assert.That(escalations.GetProperty("byReason")[0].GetProperty("reason").GetString(), Is.EqualTo("deadline-passed"));
        Assert.That(escalations.GetProperty("byReason")[0].GetProperty("count").GetInt64(), Is.EqualTo(2));
        Assert.That(escalations.GetProperty("byTownship")[0].GetProperty("unitCode").GetString(), Is.EqualTo(Township3));

        var children = (await GetAsync($"/incidents/dashboard/children?unitCode={Township3}&{Period}")).EnumerateArray().ToList();
        var village = children.Single(ch => ch.GetProperty("unitCode").GetString() == Village);
        Assert.That(village.GetProperty("filed").GetInt64(), Is.EqualTo(5));
        Assert.That(village.GetProperty("name").GetString(), Is.Not.Empty);

        var hotspots = (await GetAsync($"/incidents/dashboard/hotspots?unitCode={Village}&{Period}")).EnumerateArray().ToList();
        Assert.That(hotspots.Single(h => h.GetProperty("gridCode").GetString() == Grid).GetProperty("filed").GetInt64(), Is.EqualTo(5));

        var county = await GetAsync($"/incidents/dashboard/summary?{Period}");
        Assert.That(county.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.County));
        Assert.That(county.GetProperty("filed").GetInt64(), Is.GreaterThanOrEqualTo(5));
    }

    [Test]
    public async Task An_overdue_case_counts_as_overdue_on_its_tier_until_it_moves()
    {
        var id = await FileRoutedAsync("consultation", "I", "500101003002001001");  // grade I: county, 24 h
        _time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await _host.Get<DeadlineSweeper>().SweepAsync();
        await Eventually.GetAsync(() => _host.IncidentAsync(id), i => i.FlaggedOverdueAt is not null, TimeSpan.FromSeconds(30), "the county flag");
        var summary = await Eventually.GetAsync(() => GetAsync($"/incidents/dashboard/summary?unitCode=500101003002&{Period}"),
            s => s.GetProperty("overdue").GetProperty("county").GetInt64() == 1, TimeSpan.FromSeconds(30), "the overdue count");
        Assert.That(summary.GetProperty("open").GetProperty("county").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_case_that_climbed_for_a_missed_deadline_does_not_close_on_time_though_its_red_card_is_still_on_the_way()
    {
        // Dispatch sends the red card and the escalation on different queues, so the escalation may be
        // applied first and the case closed before the card arrives. Here the card never comes: the
        // escalation alone must say that a deadline was missed.
        // Township 2's last village: the other tests count township 3's escalations.
        const string township = "500101002000", village = "500101002004";
        var id = await FileRoutedAsync("environment", "III", village + "001001");
        var now = _time.GetUtcNow();
        await _host.Get<IBus>().Publish(new IncidentEscalated(id, Sequence: 1_000, Tier.Village, Tier.Township, township,
            DueAt: now.AddDays(7), EscalationReason.DeadlinePassed, Note: null, EscalatedAt: now));
        await Eventually.GetAsync(() => _host.IncidentAsync(id), i => i.Tier == "township", TimeSpan.FromSeconds(30), "the escalation");
        await CloseAsync(id, "satisfied");

        var summary = await Eventually.GetAsync(() => GetAsync($"/incidents/dashboard/summary?unitCode={village}&{Period}"),
            s => s.GetProperty("closed").GetInt64() == 1, TimeSpan.FromSeconds(30), "the closure to be counted");
        Assert.That(summary.GetProperty("onTimeRate").GetDouble(), Is.Zero, "closed well within the township's days, but the village's passed");
        Assert.That(summary.GetProperty("villageContainmentRate").GetDouble(), Is.Zero);
    }

    /// <summary>A row of the day × township × category figures, as either rollup gives it.</summary>
    public sealed record DailyFigures
    {
        public int Day { get; init; }
        public string Township { get; init; } = "";
        public string Category { get; init; } = "";
        public long Filed { get; init; }
        public long Closed { get; init; }
        public long InVillage { get; init; }
        public long InTownship { get; init; }
        public long OnTime { get; init; }
        public long Answers { get; init; }
        public long Satisfied { get; init; }
    }

    /// <summary>The China-local day as the rollups key it (yyyyMMdd).</summary>
    private static int ChinaDay(DateTimeOffset at) => int.Parse(at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd"));

    private const string FiguresColumns = """
        day AS Day, township_code AS Township, category AS Category, SUM(filed) AS Filed, SUM(closed) AS Closed,
        SUM(closed_in_village) AS InVillage, SUM(closed_in_township) AS InTownship, SUM(closed_on_time) AS OnTime,
        SUM(satisfaction_answers) AS Answers, SUM(satisfied) AS Satisfied
        """;

    [Test]
    public async Task County_township_and_village_figures_agree_after_filing_closing_and_escalating()
    {
        // Townships 1 and 2 (township 3 is the other tests'): two villages of township 1, one of township 2.
        string[] courtyards = ["500101001001001001", "500101001002001001", "500101002001001001"];
        var filingDay = ChinaDay(_time.GetUtcNow());
        var ids = new List<Guid>();
        for (var i = 0; i < courtyards.Length; i++)
        {
            ids.Add(await FileRoutedAsync("environment", "III", courtyards[i]));
            ids.Add(await FileRoutedAsync(i % 2 == 0 ? "dispute" : "environment", "III", courtyards[i]));
        }
        var spot = await _host.Http.PostAsJsonAsync("/incidents", new
        {
            unitCode = courtyards[1], category = "dispute", grade = "IV", title = "小纠纷", description = "d", resolution = "当场调解",
        }, "gw");
        Assert.That(spot.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await CloseAsync(ids[0], "satisfied");
        await CloseAsync(ids[3], "dissatisfied");
        // Its village's deadline passes: it climbs to the township and is closed there, days after it was filed.
        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await _host.Get<DeadlineSweeper>().SweepAsync();
        await Eventually.GetAsync(() => _host.IncidentAsync(ids[4]), i => i.Tier == "township", TimeSpan.FromSeconds(30), "the climb");
        await CloseAsync(ids[4], "basically-satisfied");
        var climbedClosingDay = ChinaDay(_time.GetUtcNow());

        // This test's rows, counted by hand: township 1 is this test's alone; of township 2, the
        // dispute row of the filing day and the day the climbed case closed (another test files an
        // environment case in township 2, so that row of the filing day may hold it too).
        const string t1 = "500101001000", t2 = "500101002000";
        DailyFigures[] expected =
        [
            // ids[1] and the spot case filed; the spot case closed in the village, on time, unanswered.
            new() { Day = filingDay, Township = t1, Category = "dispute", Filed = 2, Closed = 1, InVillage = 1, InTownship = 1, OnTime = 1 },
            // ids[0], ids[2], ids[3] filed; ids[0] (satisfied) and ids[3] (dissatisfied) closed in the village on time.
            new() { Day = filingDay, Township = t1, Category = "environment", Filed = 3, Closed = 2, InVillage = 2, InTownship = 2, OnTime = 2, Answers = 2, Satisfied = 1 },
            new() { Day = filingDay, Township = t2, Category = "dispute", Filed = 1 }, // ids[5], open
            // ids[4] closed at the township after its village deadline passed: late, basically satisfied.
            new() { Day = climbedClosingDay, Township = t2, Category = "environment", Closed = 1, InTownship = 1, Answers = 1, Satisfied = 1 },
        ];
        bool Ours(DailyFigures r) => r.Township == t1 || r.Township == t2 && (r.Category == "dispute" || r.Day > filingDay);

        // The township rollup holds exactly what the village rollup adds up to, row for row.
        await using (var c = await _host.Get<IncidentsDatabase>().OpenAsync())
        {
            var fromVillages = (await c.QueryAsync<DailyFigures>(
                $"SELECT {FiguresColumns} FROM rollup_village_daily GROUP BY day, township_code, category")).OrderBy(r => (r.Day, r.Township, r.Category)).ToList();
            var townships = (await c.QueryAsync<DailyFigures>(
                $"SELECT {FiguresColumns} FROM rollup_township_daily GROUP BY day, township_code, category")).OrderBy(r => (r.Day, r.Township, r.Category)).ToList();
            Assert.That(townships.Where(Ours), Is.EqualTo(expected), "the township rollup");
            Assert.That(fromVillages.Where(Ours), Is.EqualTo(expected), "the village rollup, summed per township");
            Assert.That(townships, Is.EqualTo(fromVillages), "every other row too");
        }

        // The county's answers (township rollup) agree with its townships' and their villages' (village rollup).
        var county = await GetAsync($"/incidents/dashboard/summary?{Period}");
        var townshipRows = (await GetAsync($"/incidents/dashboard/children?{Period}")).EnumerateArray().ToList();
        Assert.That(townshipRows.Sum(t => t.GetProperty("filed").GetInt64()), Is.EqualTo(county.GetProperty("filed").GetInt64()));
        Assert.That(townshipRows.Sum(t => t.GetProperty("closed").GetInt64()), Is.EqualTo(county.GetProperty("closed").GetInt64()));
        var villageCodes = new List<string>();
        foreach (var township in townshipRows.Where(t => t.GetProperty("filed").GetInt64() > 0))
        {
            var code = township.GetProperty("unitCode").GetString();
            var summary = await GetAsync($"/incidents/dashboard/summary?unitCode={code}&{Period}");
            var villages = (await GetAsync($"/incidents/dashboard/children?unitCode={code}&{Period}")).EnumerateArray().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(summary.GetProperty("filed").GetInt64(), Is.EqualTo(township.GetProperty("filed").GetInt64()), code);
                Assert.That(villages.Sum(v => v.GetProperty("filed").GetInt64()), Is.EqualTo(summary.GetProperty("filed").GetInt64()), code);
                Assert.That(villages.Sum(v => v.GetProperty("closed").GetInt64()), Is.EqualTo(summary.GetProperty("closed").GetInt64()), code);
            });
            villageCodes.AddRange(villages.Where(v => v.GetProperty("filed").GetInt64() + v.GetProperty("closed").GetInt64() > 0)
                .Select(v => v.GetProperty("unitCode").GetString()!));
        }
        var countyTrend = (await GetAsync($"/incidents/dashboard/trend?{Period}")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("day").GetString()!, p => (p.GetProperty("filed").GetInt64(), p.GetProperty("closed").GetInt64()));
        var villagesTrend = countyTrend.Keys.ToDictionary(day => day, _ => (0L, 0L));
        foreach (var village in villageCodes)
            foreach (var p in (await GetAsync($"/incidents/dashboard/trend?unitCode={village}&{Period}")).EnumerateArray())
            {
                var (filed, closed) = villagesTrend[p.GetProperty("day").GetString()!];
                villagesTrend[p.GetProperty("day").GetString()!] = (filed + p.GetProperty("filed").GetInt64(), closed + p.GetProperty("closed").GetInt64());
            }
        Assert.That(villagesTrend, Is.EqualTo(countyTrend), "the county's trend, day by day, is its villages' trends added up");
    }

    [TestCase("unitCode=500101003001001", "unitCode")]
    [TestCase("unitCode=nope", "unitCode")]
    [TestCase("from=2026-13-01", "from")]
    [TestCase("from=2026-11-30&to=2026-11-01", "from")]
    public async Task Bad_parameters_get_a_problem_naming_the_field(string query, string field)
    {
        var response = await _host.Http.GetAsync($"/incidents/dashboard/summary?{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty(field, out _), $"errors: {errors}");
    }
}
