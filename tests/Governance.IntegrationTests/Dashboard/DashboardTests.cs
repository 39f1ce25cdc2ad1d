using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Dispatch.Deadlines;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Governance.IntegrationTests.Dashboard;

/// <summary>
/// The county's figures come from a read model the case transactions keep current: containment,
/// on-time and satisfaction rates, open and overdue per tier, escalations by reason and township,
/// trend, drill-down and hot spots (standalone mode, fake clock).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DashboardTests
{
    private StandaloneEnvironment _environment = null!;
    private InProcessHost _host = null!;
    // 02:00 UTC = 10:00 in China: the China-local day is the UTC day.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    private const string Township3 = "500101003000";
    private const string Village = "500101003001";
    private const string Courtyard = "500101003001001001";
    private const string Grid = "500101003001001";
    private const string Period = "from=2026-11-01&to=2026-12-31";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await StandaloneEnvironment.StartAsync(_time);
        _host = _environment.Host;
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();

    private async Task<Guid> FileRoutedAsync(string category, string grade, string unitCode = Courtyard)
    {
        var filed = await _host.FileAsync(unitCode, category, grade);
        await Eventually.GetAsync(() => _host.IncidentAsync(filed.Id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        return filed.Id;
    }

    private async Task CloseAsync(Guid id, string satisfaction)
    {
        await _host.Http.PostAsJsonAsync($"/incidents/{id}/resolve", new { note = "办结" }, "handler");
        var verified = await _host.Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction }, "resident");
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
        // Eight days on the township's seven: the sweeper (it runs on the same clock) moves it to the
        // county, where it is closed late.
        _time.Advance(TimeSpan.FromDays(8));
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
