using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using static Governance.IntegrationTests.Exports.ExportFiles;

namespace Governance.IntegrationTests.WorkLists;

/// <summary>
/// The work list filtered by the fields it shows (the case list's filters) and exported with them
/// (GET /incidents/work/export), issue #15: every bucket narrowed, totals and next pages of the narrowed
/// bucket, and the file holding exactly the cases the list answers — a grid worker's only his own grid's,
/// numbers masked. Run on SQLite and on PostgreSQL, since the buckets are SQL.
/// </summary>
public abstract partial class WorkListFilterTests
{
    private const string OtherCourtyard = "500101001002001001";   // another village's grid
    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("wlf-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);

    protected abstract InProcessHost Host { get; }

    private readonly List<Guid> _environment = [];
    private Guid _other;
    private Guid _elsewhere;

    protected async Task FileCasesAsync()
    {
        _environment.Add(await FileAsync(Demo.Courtyard, "environment", "=HYPERLINK(\"http://evil.example\",\"点我\")", "联系人13812345678，门口垃圾堆积"));
        _environment.Add(await FileAsync(Demo.Courtyard, "environment", "楼道堆物", "杂物堵塞通道"));
        _other = await FileAsync(Demo.Courtyard, "other", "井盖松动", "行人易绊倒");
        _elsewhere = await FileAsync(OtherCourtyard, "environment", "路灯不亮", "3盏");
        // Titles for the title search (q): SQL's wildcards and quote, and letters in both cases (WorkListFilterTests.Title.cs).
        foreach (var title in TitleSearchTitles) _byTitle[title] = await FileAsync(Demo.Courtyard, "facilities", title, "d");
    }

    private async Task<Guid> FileAsync(string courtyard, string category, string title, string description)
    {
        var response = await Host.Http.PostAsJsonAsync("/incidents", new { unitCode = courtyard, category, grade = "IV", title, description });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        return id;
    }

    private async Task<(HttpStatusCode Status, string Body)> AskAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = GridWorker;
        using var response = await Host.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement?> BucketAsync(string url)
    {
        var (status, body) = await AskAsync(url);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("buckets").EnumerateArray()
            .Where(b => b.GetProperty("bucket").GetString() == "to-accept").Select(b => (JsonElement?)b).SingleOrDefault();
    }

    private static List<Guid> Ids(JsonElement bucket) => bucket.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

    [Test]
    public async Task A_filter_narrows_the_bucket_its_total_and_its_next_page()
    {
        var all = (await BucketAsync("/incidents/work"))!.Value;
        Assert.That(Ids(all), Is.SupersetOf(_environment.Append(_other)));

        var first = (await BucketAsync("/incidents/work?category=environment&limit=1"))!.Value;
        Assert.That(first.GetProperty("total").GetInt64(), Is.EqualTo(2), "his two environment cases, not the other one nor another grid's");
        var next = first.GetProperty("next").GetString()!;
        Assert.That(next, Does.Contain("category=environment"), "the next page is of the same narrowed bucket");
        var second = (await BucketAsync(next))!.Value;
        Assert.That(Ids(first).Concat(Ids(second)), Is.EquivalentTo(_environment));
        Assert.That(second.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));

        Assert.That(Ids((await BucketAsync("/incidents/work?category=other&grade=IV&overdue=false&status=assigned"))!.Value), Is.EqualTo(new[] { _other }));
        Assert.That(Ids((await BucketAsync($"/incidents/work?unitCode={Demo.Courtyard}&category=environment"))!.Value), Is.EquivalentTo(_environment));
        Assert.That(await BucketAsync("/incidents/work?overdue=true"), Is.Null, "nothing of his is late");
        Assert.That(await BucketAsync("/incidents/work?status=resolved"), Is.Null);
        Assert.That(await BucketAsync("/incidents/work?from=2000-01-01&to=2000-01-02"), Is.Null, "none filed then");
    }

    [Test]
    public async Task A_filter_that_cannot_be_read_is_refused_by_name()
    {
        foreach (var url in new[] { "/incidents/work?category=everything&from=yesterday", "/incidents/work/export?category=everything&from=yesterday&format=xlsx" })
        {
            var (status, body) = await AskAsync(url);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(body, Does.Contain("\"category\"").And.Contain("\"from\""), url);
        }
        var (pdf, problem) = await AskAsync("/incidents/work/export?bucket=everything&format=pdf");
        Assert.That(pdf, Is.EqualTo(HttpStatusCode.BadRequest), problem);
        Assert.That(problem, Does.Contain("\"bucket\"").And.Contain("\"format\""));
    }

    [TestCase("xlsx")]
    [TestCase("csv")]
    public async Task The_export_holds_what_the_filtered_list_shows_and_only_what_the_grid_worker_may_act_on(string format)
    {
        var listed = Ids((await BucketAsync("/incidents/work?bucket=to-accept&category=environment"))!.Value);
        var file = await GetAsync(Host.Http, $"/incidents/work/export?bucket=to-accept&category=environment&format={format}", GridWorker);
        Assert.That(file.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(listed.Select(i => i.ToString())), "the list's cases in the list's order");
        Assert.That(listed, Is.EquivalentTo(_environment));

        // The county lists the other grid's environment case; the grid worker's file leaves it out.
        var countyWide = (await Host.Http.GetFromJsonAsync<List<JsonElement>>("/incidents?category=environment&limit=1000"))!
            .Select(i => i.GetProperty("id").GetGuid());
        Assert.That(countyWide, Does.Contain(_elsewhere));
        var everything = await GetAsync(Host.Http, $"/incidents/work/export?format={format}", GridWorker);
        Assert.That(everything.Rows.Select(r => r.Text("编号 ID")), Does.Not.Contain(_elsewhere.ToString()).And.Contain(_other.ToString()));

        var formula = file.Rows.Single(r => r.Text("编号 ID") == _environment[0].ToString());
        Assert.Multiple(() =>
        {
            Assert.That(formula.Text("标题 Title"), Is.EqualTo("'=HYPERLINK(\"http://evil.example\",\"点我\")"), "a formula is text");
            Assert.That(formula.Text("描述 Description"), Is.EqualTo("联系人138****5678，门口垃圾堆积"), "the mobile number masked");
            Assert.That(formula.Text("类别 Category"), Is.EqualTo("环境卫生"));
            Assert.That(formula.Text("状态 Status"), Is.EqualTo("待签收"));
        });
    }
}

[TestFixture]
[NonParallelizable]
public sealed class SqliteWorkListFilterTests : WorkListFilterTests
{
    private StandaloneEnvironment _environment = null!;

    protected override InProcessHost Host => _environment.Host;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _environment = await StandaloneEnvironment.StartAsync();
        await FileCasesAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _environment.DisposeAsync();
}

[TestFixture]
[NonParallelizable]
public sealed class PostgresWorkListFilterTests : WorkListFilterTests
{
    private PostgresRabbitEnvironment _servers = null!;
    private InProcessHost _host = null!;

    protected override InProcessHost Host => _host;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _servers = await PostgresRabbitEnvironment.CreateAsync("worklistfilter");
        _host = await InProcessHost.StartAsync(_servers.Settings());
        await _host.WaitForDemoCountyAsync(TimeSpan.FromSeconds(60));
        await FileCasesAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _servers.DisposeAsync();
    }
}
