using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using static Governance.IntegrationTests.Exports.ExportFiles;

namespace Governance.IntegrationTests.Exports;

/// <summary>比学赶超 and repeat places (standalone host, SQLite, fake clock), with the county-editable threshold, each
/// as JSON and as its export; figures worked out by hand for five cases.</summary>
[TestFixture]
[NonParallelizable]
public sealed class RankingTests : StandaloneFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
    private const string OtherCourtyard = "500101001002001001", Township2Courtyard = "500101002001001001";
    private const string Period = "from=2026-11-01&to=2026-11-30";

    protected override TimeProvider Time => _time;

    [OneTimeSetUp]
    public async Task FileCasesAsync()
    {
        // Township 1: two environment cases at the demo courtyard (one closed on time), one dispute there, two
        // environment cases at another courtyard. Township 2: one environment case, left open.
        var closed = await FileRoutedAsync(Host, Demo.Courtyard, "environment");
        await FileRoutedAsync(Host, Demo.Courtyard, "environment");
        await FileRoutedAsync(Host, Demo.Courtyard, "dispute");
        await FileRoutedAsync(Host, OtherCourtyard, "environment");
        await FileRoutedAsync(Host, OtherCourtyard, "environment");
        await FileRoutedAsync(Host, Township2Courtyard, "environment");
        Assert.That((await Http.PostAsJsonAsync($"/incidents/{closed}/resolve", new { note = "办结" }, "handler")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var verified = await Http.PostAsJsonAsync($"/incidents/{closed}/verification", new { result = "solved", satisfaction = "satisfied" },
            TestTokens.Bearer("resident", Roles.GridWorkerFullTime, Demo.County));
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Townships_rank_by_on_time_rate_and_overdue()
    {
        var ranking = await GetJsonAsync(Http, $"/incidents/dashboard/rankings?{Period}");
        var units = ranking.GetProperty("units").EnumerateArray().ToList();
        Assert.That(units.Select(u => u.GetProperty("code").GetString()), Is.EqualTo(new[] { "500101001000", "500101002000" }),
            "township 1 closed its one case on time; township 2 has nothing closed and ranks after");
        Assert.That(units[0].GetProperty("onTimeRate").GetDouble(), Is.EqualTo(1.0));
        Assert.That(units[0].GetProperty("onTimeRank").GetInt32(), Is.EqualTo(1));
        Assert.That(units[1].GetProperty("onTimeRank").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(units.Select(u => u.GetProperty("overdueRank").GetInt32()), Is.EqualTo(new[] { 1, 1 }), "none overdue: equal");
        Assert.That(ranking.GetProperty("departments").GetArrayLength(), Is.Zero, "no department was called in");

        var file = await GetAsync(Http, $"/incidents/dashboard/rankings/export?{Period}&format=csv");
        Assert.That(file.Rows.Select(r => $"{r.Text("代码 Code")} {r.Text("按期办结率 On-time rate")} {r.Text("按期排名 On-time rank")}"),
            Is.EqualTo(new[] { "500101001000 1 1", "500101002000  " }));
    }

    [Test]
    [DependsOnTest(nameof(Townships_rank_by_on_time_rate_and_overdue), AllowFailure = true)]
    public async Task The_threshold_is_the_countys_to_set()
    {
        var worker = TestTokens.Bearer("ranking-worker", Roles.GridWorkerFullTime, Demo.Grid);
        var (status, _) = await Http.SendJsonAsync(HttpMethod.Put, "/incidents/settings/reports", worker, new { repeatPlaceThreshold = 2 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        var (bad, problem) = await Http.SendJsonAsync(HttpMethod.Put, "/incidents/settings/reports", TestTokens.Bearer(), new { repeatPlaceThreshold = 1 });
        Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty("repeatPlaceThreshold", out _), Is.True, problem.ToString());
        Assert.That((await GetJsonAsync(Http, "/incidents/settings/reports")).GetProperty("repeatPlaceThreshold").GetInt32(), Is.EqualTo(3), "the default");
    }

    [Test]
    [DependsOnTest(nameof(The_threshold_is_the_countys_to_set), AllowFailure = true)]
    public async Task Repeat_places_are_places_with_N_cases_of_one_category_in_90_days()
    {
        var atThree = await GetJsonAsync(Http, $"/incidents/dashboard/repeat-places?{Period}");
        Assert.That(atThree.GetProperty("threshold").GetInt32(), Is.EqualTo(3));
        Assert.That(atThree.GetProperty("places").GetArrayLength(), Is.Zero, "no place has three of one category");

        var (status, _) = await Http.SendJsonAsync(HttpMethod.Put, "/incidents/settings/reports", TestTokens.Bearer(), new { repeatPlaceThreshold = 2 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var atTwo = await GetJsonAsync(Http, $"/incidents/dashboard/repeat-places?{Period}");
        Assert.That(atTwo.GetProperty("places").EnumerateArray().Select(p => $"{p.GetProperty("unitCode").GetString()} {p.GetProperty("category").GetString()} {p.GetProperty("cases").GetInt64()}"),
            Is.EqualTo(new[] { $"{Demo.Courtyard} environment 2", $"{OtherCourtyard} environment 2" }));
        var file = await GetAsync(Http, $"/incidents/dashboard/repeat-places/export?{Period}&format=xlsx");
        Assert.That(file.Rows.Select(r => $"{r.Text("地点代码 Place code")} {r.Text("类别 Category")} {r.Text("件数 Cases")}"),
            Is.EqualTo(new[] { $"{Demo.Courtyard} 环境卫生 2", $"{OtherCourtyard} 环境卫生 2" }));
        var township2 = await GetJsonAsync(Http, $"/incidents/dashboard/repeat-places?unitCode=500101002000&{Period}");
        Assert.That(township2.GetProperty("places").GetArrayLength(), Is.Zero, "a township sees its own places");
    }

    /// <summary>Last (it files and closes a case in township 1): 吹哨报到 with a lead department and a co-handler, the case
    /// closed on time and verified. The lead answers for the case and is ranked; the co-handler did its own part only and
    /// is not (docs/reports.md).</summary>
    [Test]
    [DependsOnTest(nameof(Repeat_places_are_places_with_N_cases_of_one_category_in_90_days), AllowFailure = true)]
    public async Task Only_the_lead_department_is_ranked_not_the_co_handler()
    {
        var departments = (await Http.GetFromJsonAsync<List<JsonElement>>($"/grids/departments?unitCode={Demo.Township}"))!;
        string Id(string nameEn) => departments.Single(d => d.GetProperty("nameEn").GetString() == nameEn).GetProperty("id").GetString()!;
        var (police, justice) = (Id("Police Station"), Id("Justice Office"));
        var id = await FileRoutedAsync(Host, Demo.Courtyard, "petition"); // a petition starts at the township
        var call = await Http.PostAsJsonAsync($"/dispatch/assignments/{id}/departments",
            new { lead = police, coHandlers = new[] { new { department = justice, deadline = "1d" } } }, "township-dispatcher");
        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK), await call.Content.ReadAsStringAsync());
        await Eventually.GetAsync(() => Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"),
            i => i.GetProperty("leadDepartmentCode").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(30), "the lead department on the case");
        await CloseAsync(Http, id, "satisfied");

        foreach (var unit in new[] { Demo.County, Demo.Township })
        {
            var ranked = (await GetJsonAsync(Http, $"/incidents/dashboard/rankings?unitCode={unit}&{Period}")).GetProperty("departments").EnumerateArray().ToList();
            Assert.That(ranked.Select(d => d.GetProperty("code").GetString()!.ToLowerInvariant()), Is.EqualTo(new[] { police.ToLowerInvariant() }),
                $"{unit}: the lead department alone, not the co-handler {justice}");
            var lead = ranked.Single();
            Assert.Multiple(() =>
            {
                Assert.That(lead.GetProperty("closed").GetInt64(), Is.EqualTo(1));
                Assert.That(lead.GetProperty("onTimeRate").GetDouble(), Is.EqualTo(1.0));
                Assert.That(lead.GetProperty("overdueNow").GetInt64(), Is.Zero);
                Assert.That(lead.GetProperty("staffSatisfactionRate").GetDouble(), Is.EqualTo(1.0));
                Assert.That(lead.GetProperty("residentSatisfactionRate").ValueKind, Is.EqualTo(JsonValueKind.Null), "no resident answered");
                Assert.That((lead.GetProperty("onTimeRank").GetInt32(), lead.GetProperty("overdueRank").GetInt32()), Is.EqualTo((1, 1)));
            });
        }
        var file = await GetAsync(Http, $"/incidents/dashboard/rankings/export?{Period}&format=xlsx");
        Assert.That(file.Rows.Where(r => r.Text("类别 Kind") == "department")
                .Select(r => $"{r.Text("代码 Code").ToLowerInvariant()} {r.Text("办结 Closed")} {r.Text("按期办结率 On-time rate")} {r.Text("按期排名 On-time rank")}"),
            Is.EqualTo(new[] { $"{police.ToLowerInvariant()} 1 1 1" }));
    }
}
