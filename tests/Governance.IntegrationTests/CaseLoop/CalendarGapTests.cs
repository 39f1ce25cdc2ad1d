using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// The calendar never guesses silently (#17 item 4): with next year's holidays not entered (the demo has 2025 and
/// 2026), a working-day deadline that runs into it is counted Monday to Friday, the case says so on its timeline,
/// routing does not fail, and the county administrator is told which year to enter.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CalendarGapTests : StandaloneFixture
{
    [Test]
    public async Task A_deadline_that_runs_into_a_year_without_its_calendar_is_marked_on_the_case()
    {
        var before = (await Http.GetFromJsonAsync<JsonObject>("/dispatch/policy"))!;
        var longDeadlines = before.DeepClone().AsObject();
        // 300 working days on the courtyard tier: from any day of the year, into the next one.
        longDeadlines["deadlines"]!["courtyard"] = "300d";
        longDeadlines["clock"] = "working"; // the demo counts natural time; a county that counts working days:
        await PolicyEdits.PutAsync(Http, longDeadlines);
        try
        {
            var filed = await Host.FileAsync(Demo.Courtyard, "facilities", "IV", "路灯不亮");
            var routed = await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id),
                i => i.Tier == "courtyard" && i.Timeline.Any(t => t.Action == "deadline-weekdays-only"), TimeSpan.FromSeconds(30), "routing, marked");
            var mark = routed.Timeline.Single(t => t.Action == "deadline-weekdays-only");
            var known = (await Http.GetFromJsonAsync<List<JsonElement>>("/dispatch/calendar"))!.Select(y => y.GetProperty("year").GetInt32()).ToHashSet();
            var firstMissing = Enumerable.Range(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year, 5).First(y => !known.Contains(y));
            Assert.That(mark.Reason, Is.EqualTo(firstMissing.ToString()), "the first year counted without its calendar");
        }
        finally
        {
            await PolicyEdits.PutAsync(Http, before);
        }

    }

    [Test]
    public async Task The_county_administrator_is_told_which_year_to_enter_and_a_grid_worker_may_not_read_it()
    {
        var admin = TestTokens.Bearer("calendar-admin", Roles.CountyAdministrator, Demo.County);
        var (status, coverage) = await Http.SendJsonAsync(HttpMethod.Get, "/dispatch/calendar/coverage", admin);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var known = coverage.GetProperty("knownYears").EnumerateArray().Select(y => y.GetInt32()).ToList();
        Assert.That(known, Does.Contain(2026));
        var worker = TestTokens.Bearer("calendar-gw", Roles.GridWorkerFullTime, Demo.Grid);
        Assert.That((await Http.SendJsonAsync(HttpMethod.Get, "/dispatch/calendar/coverage", worker)).Status, Is.EqualTo(HttpStatusCode.Forbidden));

        if (coverage.GetProperty("missingYear").ValueKind != JsonValueKind.Number) return; // nothing due on this date
        var missing = coverage.GetProperty("missingYear").GetInt32();
        Assert.That(known, Does.Not.Contain(missing));
        var (put, _) = await Http.SendJsonAsync(HttpMethod.Put, $"/dispatch/calendar/{missing}", admin,
            new { holidays = new[] { $"{missing}-01-01" }, workdays = Array.Empty<string>() });
        Assert.That(put, Is.EqualTo(HttpStatusCode.OK));
        var after = (await Http.SendJsonAsync(HttpMethod.Get, "/dispatch/calendar/coverage", admin)).Body;
        Assert.That(after.GetProperty("knownYears").EnumerateArray().Select(y => y.GetInt32()), Does.Contain(missing));
        Assert.That(after.GetProperty("missingYear").ValueKind == JsonValueKind.Number ? after.GetProperty("missingYear").GetInt32() : (int?)null,
            Is.Not.EqualTo(missing), "entered: no longer asked for");
    }
}
