using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Governance.Incidents.Data;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// The county's triage queue as its dispatchers work it (issue #14, found trying it from outside): it comes a page at
/// a time with its total and the next page, as the work lists do (it stopped at 100 with no word of more); why a call
/// waits is given as codes the zh-CN page renders (and in English, also for rows from before the codes); a call
/// placed already answers 409 "already placed" naming its unit, also to the loser of two placements at once.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TriageQueueTests : StandaloneFixture
{
    private static readonly AuthenticationHeaderValue Dispatcher = TestTokens.Bearer("cd-queue", Roles.CountyDispatcher, Demo.County);
    private static readonly AuthenticationHeaderValue Colleague = TestTokens.Bearer("cd-queue-2", Roles.CountyDispatcher, Demo.County);

    private Task<Guid> CallAsync(params (string Field, string Value)[] fields) => Http.CallAsync(fields);

    private Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpMethod method, string url, AuthenticationHeaderValue token, object? body = null) =>
        Http.SendJsonAsync(method, url, token, body);

    private async Task<JsonElement> PageAsync(string url)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, url, Dispatcher);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    private async Task<JsonElement> WaitingAsync(Guid id)
    {
        var all = await PageAsync("/incidents/triage?limit=500");
        return all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("case").GetProperty("id").GetGuid() == id);
    }

    [Test]
    public async Task The_queue_comes_a_page_at_a_time_with_its_total_and_the_next_page_until_every_call_was_shown()
    {
        var mine = new List<Guid>();
        for (var i = 0; i < 5; i++) mine.Add(await CallAsync(("description", $"来电未说明地点 {i}")));

        var shown = new List<Guid>();
        var first = await PageAsync("/incidents/triage?limit=2");
        var total = first.GetProperty("total").GetInt64();
        Assert.That(total, Is.GreaterThanOrEqualTo(5));
        var page = first;
        for (var round = 0; round < 10; round++) // total ≤ 8 here: at most 4 pages of 2
        {
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(total));
            Assert.That(page.GetProperty("offset").GetInt32(), Is.EqualTo(shown.Count));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("case").GetProperty("id").GetGuid()).ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2).And.Count.GreaterThan(0));
            shown.AddRange(items);
            if (page.GetProperty("next").GetString() is not { } next) break;
            page = await PageAsync(next);
        }
        Assert.That(page.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null), "the last page names no next");
        Assert.That(shown, Is.Unique);
        Assert.That(shown, Has.Count.EqualTo(total));
        Assert.That(shown, Is.SupersetOf(mine));
        Assert.That(shown.IndexOf(mine[0]), Is.LessThan(shown.IndexOf(mine[4])), "the oldest call first");
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("offset=-1", "offset")]
    public async Task A_page_size_or_offset_out_of_bounds_answers_400_naming_it(string query, string field)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/incidents/triage?{query}", Dispatcher);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Test]
    public async Task Why_a_call_waits_is_given_as_codes_with_the_values_they_name_and_in_English()
    {
        var id = await CallAsync(("lat", "31.5"), ("long", "109.5"), ("address_string", "外县某村"), ("description", "桥面塌陷"));
        var waiting = await WaitingAsync(id);
        var code = waiting.GetProperty("whyCode");
        Assert.Multiple(() =>
        {
            Assert.That(code.GetProperty("code").GetString(), Is.EqualTo("triage"));
            var parts = code.GetProperty("parts").EnumerateArray().ToList();
            Assert.That(parts.Select(p => p.GetProperty("code").GetString()), Is.EqualTo(new[] { "outside-grids", "alias-unknown" }));
            Assert.That(parts[1].GetProperty("field").GetString(), Is.EqualTo("address_string"));
            Assert.That(parts[1].GetProperty("value").GetString(), Is.EqualTo("外县某村"));
            Assert.That(waiting.GetProperty("why").GetString(), Does.Contain("outside every grid").And.Contain("外县某村"));
        });
        var (_, incident) = await SendAsync(HttpMethod.Get, $"/incidents/{id}", Dispatcher);
        var entry = incident.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "triage");
        Assert.That(entry.GetProperty("reasonCode").GetProperty("code").GetString(), Is.EqualTo("triage"));
        Assert.That(entry.GetProperty("reason").GetString(), Does.StartWith("waits for a county dispatcher"));
    }

    [Test]
    public async Task A_call_taken_in_before_the_codes_still_shows_its_English_reason()
    {
        var id = await CallAsync(("description", "旧数据：来电未说明地点"));
        const string old = "waits for a county dispatcher (待分拨): it came without a location (lat/long, address_string or address_id)";
        await using (var c = await Host.Get<IncidentsDatabase>().OpenAsync())
            await c.ExecuteAsync("UPDATE timeline SET reason = @old WHERE incident_id = @id AND action = 'triage'", new { old, id });
        var waiting = await WaitingAsync(id);
        Assert.That(waiting.GetProperty("why").GetString(), Is.EqualTo(old));
        Assert.That(waiting.GetProperty("whyCode").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var (_, incident) = await SendAsync(HttpMethod.Get, $"/incidents/{id}", Dispatcher);
        var entry = incident.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "triage");
        Assert.That(entry.GetProperty("reason").GetString(), Is.EqualTo(old));
    }

    [Test]
    public async Task A_call_placed_by_its_location_says_so_in_codes()
    {
        var id = await CallAsync(("lat", "30.52"), ("long", "108.07"), ("description", "路灯不亮"));
        var (_, incident) = await SendAsync(HttpMethod.Get, $"/incidents/{id}", Dispatcher);
        var entry = incident.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "placed");
        Assert.That(entry.GetProperty("reasonCode").GetProperty("code").GetString(), Is.EqualTo("placed-by-location"));
        Assert.That(entry.GetProperty("reason").GetString(), Does.StartWith("placed by its location ("));
    }

    [Test]
    public async Task Placing_a_call_placed_already_answers_409_already_placed_naming_its_unit()
    {
        var id = await CallAsync(("description", "来电反映井盖缺失"));
        var (placed, _) = await SendAsync(HttpMethod.Post, $"/incidents/{id}/place", Dispatcher, new { unitCode = Demo.Courtyard });
        Assert.That(placed, Is.EqualTo(HttpStatusCode.OK));
        var (again, problem) = await SendAsync(HttpMethod.Post, $"/incidents/{id}/place", Colleague, new { unitCode = Demo.Grid });
        AssertAlreadyPlaced(again, problem, Demo.Courtyard);
    }

    [Test]
    public async Task Of_two_placements_at_once_exactly_one_wins_and_the_other_hears_where_the_call_went()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await CallAsync(("description", $"来电反映路面塌陷 {round}"));
            var answers = await Task.WhenAll(
                SendAsync(HttpMethod.Post, $"/incidents/{id}/place", Dispatcher, new { unitCode = Demo.Courtyard }),
                SendAsync(HttpMethod.Post, $"/incidents/{id}/place", Colleague, new { unitCode = Demo.Grid }));
            var winners = answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
            Assert.That(winners, Has.Count.EqualTo(1), $"round {round}: {string.Join(" | ", answers.Select(a => $"{a.Status} {a.Body}"))}");
            var loser = answers.Single(a => a.Status != HttpStatusCode.OK);
            AssertAlreadyPlaced(loser.Status, loser.Body, winners[0].Body.GetProperty("unitCode").GetString()!);
            var (_, incident) = await SendAsync(HttpMethod.Get, $"/incidents/{id}", Dispatcher);
            Assert.That(incident.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("action").GetString() == "placed"), Is.EqualTo(1));
        }
    }

    private static void AssertAlreadyPlaced(HttpStatusCode status, JsonElement problem, string unitCode)
    {
        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), problem.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("already-placed"));
            Assert.That(problem.GetProperty("unitCode").GetString(), Is.EqualTo(unitCode));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("placed already").And.Contain("已分拨").And.Contain(unitCode));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Not.Contain("moved"));
        });
    }
}
