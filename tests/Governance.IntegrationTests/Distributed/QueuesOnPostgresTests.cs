using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Distributed;

/// <summary>
/// The triage queue and the command-centre board on PostgreSQL (the standalone tests run them on SQLite): the pages
/// follow on with their totals, and of two placements of one call at once the row lock lets exactly one win, the
/// other hearing "already placed" and where.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class QueuesOnPostgresTests
{
    private static readonly AuthenticationHeaderValue Dispatcher = TestTokens.Bearer("cd-pg-1", Roles.CountyDispatcher, Demo.County);
    private static readonly AuthenticationHeaderValue Colleague = TestTokens.Bearer("cd-pg-2", Roles.CountyDispatcher, Demo.County);

    private TwoHosts _hosts = null!; // Grids and Incidents in the first, Dispatch in the second

    [OneTimeSetUp]
    public async Task StartAsync() => _hosts = await TwoHosts.StartAsync("queues", "grids,incidents", "dispatch");

    [OneTimeTearDown]
    public async Task StopAsync() => await _hosts.DisposeAsync();

    private static async Task<List<T>> WalkAsync<T>(HttpClient http, string first, Func<JsonElement, T> key, long expectedPages)
    {
        var shown = new List<T>();
        string? next = first;
        long? total = null;
        for (var round = 0; next is not null && round <= expectedPages; round++)
        {
            var (status, page) = await http.SendJsonAsync(HttpMethod.Get, next, Dispatcher);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            total ??= page.GetProperty("total").GetInt64();
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(total));
            Assert.That(page.GetProperty("offset").GetInt32(), Is.EqualTo(shown.Count));
            shown.AddRange(page.GetProperty("items").EnumerateArray().Select(key));
            next = page.GetProperty("next").GetString();
        }
        Assert.That(next, Is.Null, "the last page names no next");
        Assert.That(shown, Has.Count.EqualTo(total));
        return shown;
    }

    [Test]
    public async Task Two_placements_at_once_one_wins_the_other_hears_already_placed_and_the_queue_pages_follow_on()
    {
        var http = _hosts.First.Http;
        var calls = new List<Guid>();
        for (var i = 0; i < 5; i++) calls.Add(await http.CallAsync(("description", $"来电未说明地点 {i}")));
        var waiting = await WalkAsync(http, "/incidents/triage?limit=2", i => i.GetProperty("case").GetProperty("id").GetGuid(), 10);
        Assert.That(waiting, Is.Unique.And.SupersetOf(calls));

        foreach (var id in calls.Take(3))
        {
            var answers = await Task.WhenAll(
                http.SendJsonAsync(HttpMethod.Post, $"/incidents/{id}/place", Dispatcher, new { unitCode = Demo.Courtyard }),
                http.SendJsonAsync(HttpMethod.Post, $"/incidents/{id}/place", Colleague, new { unitCode = Demo.Grid }));
            Assert.That(answers.Count(a => a.Status == HttpStatusCode.OK), Is.EqualTo(1), string.Join(" | ", answers.Select(a => $"{a.Status} {a.Body}")));
            var (status, problem) = answers.Single(a => a.Status != HttpStatusCode.OK);
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), problem.ToString());
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("already-placed"));
            Assert.That(problem.GetProperty("unitCode").GetString(),
                Is.EqualTo(answers.Single(a => a.Status == HttpStatusCode.OK).Body.GetProperty("unitCode").GetString()));
        }
    }

    [Test]
    public async Task The_boards_pages_follow_on_in_the_boards_own_order()
    {
        var filed = new List<Guid>();
        foreach (var grade in new[] { "IV", "II", "IV", "III" }) filed.Add((await _hosts.First.FileAsync(Demo.Courtyard, "petition", grade)).Id);
        foreach (var id in filed)
            await Eventually.GetAsync(() => _hosts.First.IncidentAsync(id), i => i?.Tier == "township", TimeSpan.FromSeconds(60), "routing");
        var dispatch = _hosts.Second!.Http;
        var board = $"/dispatch/command-centres/{Demo.Township}/queue";
        var (_, whole) = await dispatch.SendJsonAsync(HttpMethod.Get, $"{board}?limit=500", Dispatcher);
        var inOnePage = whole.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("incidentId").GetGuid()).ToList();
        Assert.That(inOnePage, Is.SupersetOf(filed));
        var paged = await WalkAsync(dispatch, $"{board}?limit=3", q => q.GetProperty("incidentId").GetGuid(), inOnePage.Count / 3 + 1);
        Assert.That(paged, Is.EqualTo(inOnePage));

        // Narrowed by grade and acceptance (the board's filters' SQL on PostgreSQL), the pages still follow on.
        var grave = await WalkAsync(dispatch, $"{board}?limit=1&category=petition&grade=II&accepted=false", q => q.GetProperty("grade").GetString(), 10);
        Assert.That(grave, Is.Not.Empty.And.All.EqualTo("II"));
        var (_, none) = await dispatch.SendJsonAsync(HttpMethod.Get, $"{board}?category=petition&accepted=true", Dispatcher);
        Assert.That(none.GetProperty("items").EnumerateArray().Select(q => q.GetProperty("incidentId").GetGuid()).Intersect(filed), Is.Empty,
            "none of them was accepted");
    }
}
