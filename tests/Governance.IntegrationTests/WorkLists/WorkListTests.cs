using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.WorkLists;

/// <summary>
/// "What is mine to do now" (GET /incidents/work) is complete: each bucket is counted and paged, so a
/// unit with more cases than a page reaches every one of them, the newest included (probe 2, P3: the list
/// was the newest 1000 open cases, cut to 200, with nothing saying more existed). Run on SQLite
/// (standalone) and on PostgreSQL, since the buckets are SQL.
/// </summary>
public abstract class WorkListTests
{
    private const int Filed = 7;
    private const int Page = 3;
    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("wl-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
    private static readonly AuthenticationHeaderValue VillageHandler = TestTokens.Bearer("wl-village-handler", Roles.VillageHandler, Demo.Village);

    protected abstract InProcessHost Host { get; }

    private async Task<JsonElement> WorkAsync(AuthenticationHeaderValue who, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/work{query}");
        request.Headers.Authorization = who;
        using var response = await Host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static JsonElement? Bucket(JsonElement work, string name) =>
        work.GetProperty("buckets").EnumerateArray().Where(b => b.GetProperty("bucket").GetString() == name).Select(b => (JsonElement?)b).SingleOrDefault();

    private static List<Guid> Ids(JsonElement bucket) => bucket.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    private async Task PostAsync(string url, object body, AuthenticationHeaderValue who)
    {
        var response = await Host.Http.PostAsJsonAsync(url, body, who);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Every_case_of_a_bucket_is_reached_by_paging_counted_and_moved_between_buckets()
    {
        var cases = new List<IncidentJson>();
        for (var n = 0; n < Filed; n++)
        {
            var filed = await Host.FileAsync(Demo.Courtyard, "other", "IV", $"工作清单 {n}");
            cases.Add(await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing"));
        }
        Assert.That(cases.Select(c => c.Tier), Is.All.EqualTo("courtyard"), "the grid worker holds these cases");
        // None is late: the bucket's order is the deadline's, and the filing order where deadlines tie.
        var expected = cases.Select((c, n) => (c, n)).OrderBy(x => x.c.DueAt).ThenBy(x => x.n).Select(x => x.c.Id).ToList();

        var first = Bucket(await WorkAsync(GridWorker, $"?limit={Page}"), "to-accept")!.Value;
        Assert.That(first.GetProperty("total").GetInt64(), Is.EqualTo(Filed));
        Assert.That(Ids(first), Is.EqualTo(expected.Take(Page)));
        var seen = Ids(first);
        var next = first.GetProperty("next").GetString();
        for (var pages = 0; next is not null && pages < 5; pages++)
        {
            var page = Bucket(await WorkAsync(GridWorker, next["/incidents/work".Length..]), "to-accept")!.Value;
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(Filed));
            seen.AddRange(Ids(page));
            next = page.GetProperty("next").GetString();
        }
        Assert.That(next, Is.Null, "the last page names no next one");
        Assert.That(seen, Is.EqualTo(expected), "every case once, in the bucket's order");
        Assert.That(seen, Does.Contain(cases[^1].Id), "the newest case is on the list");

        // 签收 two: they move to 办理中; one of them is resolved, so the village (above) is asked to verify it.
        await PostAsync($"/incidents/{expected[0]}/accept", new { }, GridWorker);
        await PostAsync($"/incidents/{expected[1]}/accept", new { }, GridWorker);
        await PostAsync($"/incidents/{expected[1]}/resolve", new { note = "已处理" }, GridWorker);
        // 提请上级 on a third: the village, the tier directly above, decides.
        await PostAsync($"/incidents/{expected[2]}/accept", new { }, GridWorker);
        await PostAsync($"/incidents/{expected[2]}/escalation-requests", new { reason = "需要村里协调" }, GridWorker);

        var worker = await WorkAsync(GridWorker, "?limit=50");
        Assert.That(Bucket(worker, "to-accept")!.Value.GetProperty("total").GetInt64(), Is.EqualTo(Filed - 3));
        Assert.That(Ids(Bucket(worker, "in-progress")!.Value), Is.EquivalentTo(new[] { expected[0], expected[2] }));
        Assert.That(Bucket(worker, "to-verify"), Is.Null, "who resolved it does not verify it");

        var village = await WorkAsync(VillageHandler, "?limit=50");
        Assert.That(Ids(Bucket(village, "to-verify")!.Value), Is.EqualTo(new[] { expected[1] }));
        Assert.That(Ids(Bucket(village, "move-up-requests")!.Value), Is.EqualTo(new[] { expected[2] }));
        Assert.That(Bucket(village, "to-accept"), Is.Null, "the courtyard's cases are not the village's to accept");

        var one = await WorkAsync(VillageHandler, "?bucket=to-verify&limit=1");
        Assert.That(one.GetProperty("buckets").GetArrayLength(), Is.EqualTo(1));
        Assert.That(Bucket(one, "to-verify")!.Value.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_bucket_that_is_not_one_is_refused_by_name()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/incidents/work?bucket=everything&offset=-1");
        request.Headers.Authorization = GridWorker;
        using var response = await Host.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("\"bucket\"").And.Contain("\"offset\""));
    }

    [Test]
    public async Task The_case_list_pages_with_a_next_link_until_every_case_was_read()
    {
        for (var n = 0; n < 3; n++) await Host.FileAsync(Demo.Courtyard, "other", "IV", $"列表 {n}");
        var all = (await Host.Http.GetFromJsonAsync<List<JsonElement>>($"/incidents?unitCode={Demo.Courtyard}&limit=1000"))!
            .Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.That(all, Has.Count.GreaterThanOrEqualTo(3));
        var seen = new List<Guid>();
        string? next = $"/incidents?unitCode={Demo.Courtyard}&limit=2";
        for (var pages = 0; next is not null && pages < 50; pages++)
        {
            using var response = await Host.Http.GetAsync(next);
            seen.AddRange((await response.Content.ReadFromJsonAsync<List<JsonElement>>())!.Select(i => i.GetProperty("id").GetGuid()));
            next = response.Headers.TryGetValues("Link", out var links) ? links.Single().Split(';')[0].Trim('<', '>') : null;
        }
        Assert.That(seen, Is.EqualTo(all), "paging reads the same cases, newest first, each once");
    }

    [Test]
    public async Task The_county_as_the_unit_lists_every_case_below_it()
    {
        // A case records its township, village and grid, not its county: the county's code matched only the cases the
        // county itself held, and a county export "of the county" left out every case below it.
        var filed = await Host.FileAsync(Demo.Courtyard, "other", "IV", "县级筛选");
        var listed = (await Host.Http.GetFromJsonAsync<List<JsonElement>>($"/incidents?unitCode={Demo.County}&limit=1000"))!
            .Select(i => i.GetProperty("id").GetGuid());
        Assert.That(listed, Does.Contain(filed.Id));
    }
}

[TestFixture]
[NonParallelizable]
public sealed class SqliteWorkListTests : WorkListTests
{
    private StandaloneEnvironment _environment = null!;

    protected override InProcessHost Host => _environment.Host;

    [OneTimeSetUp]
    public async Task StartAsync() => _environment = await StandaloneEnvironment.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();
}

[TestFixture]
[NonParallelizable]
public sealed class PostgresWorkListTests : WorkListTests
{
    private PostgresRabbitEnvironment _servers = null!;
    private InProcessHost _host = null!;

    protected override InProcessHost Host => _host;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _servers = await PostgresRabbitEnvironment.CreateAsync("worklist");
        _host = await InProcessHost.StartAsync(_servers.Settings());
        await _host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
