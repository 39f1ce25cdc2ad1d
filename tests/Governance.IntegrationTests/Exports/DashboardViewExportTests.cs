using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Grids;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using static Governance.IntegrationTests.Exports.ExportFiles;

namespace Governance.IntegrationTests.Exports;

/// <summary>
/// The dashboard's trend, escalations, children, hotspots and in-hand (包案) views as files (standalone on SQLite,
/// distributed on PostgreSQL; fake clock): each file, XLSX and CSV, opened with a reader and compared cell by cell with
/// the same view's JSON, and the JSON checked against figures counted here by hand. And the reach of an export: a
/// township's dispatcher's files hold none of another township's cases, and a view's file is refused where its JSON is.
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
[NonParallelizable]
public sealed class DashboardViewExportTests(Provider provider)
{
    private ProviderHost _servers = null!;
    private InProcessHost _host = null!;
    // 02:00 UTC = 10:00 in China: every case is filed and closed on 2026-11-26.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
    private HttpClient Http => _host.Http;

    private const string Township1 = Demo.Township, Township2 = "500101002000";
    private const string Village2Courtyard = "500101001002001001", Township2Courtyard = "500101002001001001";
    private const string Village2Grid = "500101001002001", Township2Grid = "500101002001001";
    private const string Period = "from=2026-11-01&to=2026-11-30";

    private static readonly AuthenticationHeaderValue Supervisor = TestTokens.Verifier("supervisor-in-hand");
    private static readonly AuthenticationHeaderValue Dispatcher1 = TestTokens.Bearer("dispatcher-t1", Roles.TownshipDispatcher, Township1);
    private static readonly AuthenticationHeaderValue Dispatcher2 = TestTokens.Bearer("dispatcher-t2", Roles.TownshipDispatcher, Township2);

    private readonly Dictionary<string, Guid> _cases = [];

    [OneTimeSetUp]
    public async Task StartAndFileAsync()
    {
        _servers = await ProviderHost.StartAsync(provider, "view_exports", _time);
        _host = _servers.Host;

        // Township 1, the demo courtyard: "closed" closed at the village; "pulled" pulled up by the county; three taken in hand
        // by a county supervisor — "signed" signed off, "awaiting" verified and waiting for him, "working" still worked on.
        foreach (var name in new[] { "closed", "pulled", "signed", "awaiting", "working" })
            _cases[name] = await FileRoutedAsync(_host, Demo.Courtyard, "environment");
        // Township 1, another village: moved up twice (village → township → county) by its holders.
        _cases["climbed"] = await FileRoutedAsync(_host, Village2Courtyard, "environment");
        // Township 2: moved up once by its own dispatcher, who stands above the village.
        _cases["township2"] = await FileRoutedAsync(_host, Township2Courtyard, "environment");

        await CloseAsync(_cases["closed"]);
        await PostOkAsync($"/dispatch/assignments/{_cases["pulled"]}/pull-up", new { reason = "提级办理" }, TestTokens.Bearer("county-supervisor"));
        await WaitAsync(_cases["pulled"], i => i.Tier == "county", "the pull-up");
        await PostOkAsync($"/dispatch/assignments/{_cases["climbed"]}/escalate", new { reason = "涉及多村" }, TestTokens.Bearer("township-dispatcher"));
        await WaitAsync(_cases["climbed"], i => i.Tier == "township", "the first move up");
        await PostOkAsync($"/dispatch/assignments/{_cases["climbed"]}/escalate", new { reason = "涉及多镇" }, TestTokens.Bearer("township-dispatcher"));
        await WaitAsync(_cases["climbed"], i => i.Tier == "county", "the second move up");
        await PostOkAsync($"/dispatch/assignments/{_cases["township2"]}/escalate", new { reason = "村级无力处置" }, Dispatcher2);
        await WaitAsync(_cases["township2"], i => i.Tier == "township", "the township's move up");

        foreach (var name in new[] { "signed", "awaiting", "working" })
            await PostOkAsync($"/incidents/{_cases[name]}/in-hand", new { instructions = "限期化解" }, Supervisor);
        foreach (var name in new[] { "signed", "awaiting" })
            await CloseAsync(_cases[name]);
        await PostOkAsync($"/incidents/{_cases["signed"]}/sign-off", new { note = "同意办结" }, Supervisor);
        await WaitAsync(_cases["signed"], i => i.Status == "closed", "the sign-off");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_servers is not null) await _servers.DisposeAsync();
    }

    private Task<IncidentJson> WaitAsync(Guid id, Func<IncidentJson, bool> done, string what) =>
        Eventually.GetAsync(() => _host.IncidentAsync(id), done, TimeSpan.FromSeconds(30), what);

    private Task PostOkAsync(string url, object body, AuthenticationHeaderValue token) => ExportFiles.PostOkAsync(Http, url, body, token);

    private Task CloseAsync(Guid id) => ExportFiles.CloseAsync(Http, id, "satisfied");

    private static IEnumerable<TestCaseData> Formats() => [new("xlsx"), new("csv")];

    [TestCaseSource(nameof(Formats))]
    public async Task The_trend_file_is_its_JSON_day_for_day(string format)
    {
        var trend = (await GetJsonAsync(Http, $"/incidents/dashboard/trend?{Period}")).EnumerateArray().ToList();
        var file = await GetAsync(Http, $"/incidents/dashboard/trend/export?{Period}&format={format}");
        Assert.That(file.Header, Is.EqualTo(new[] { "日期 Day", "受理 Filed", "办结 Closed" }));
        AssertRowsAre(file, trend, ("日期 Day", "day"), ("受理 Filed", "filed"), ("办结 Closed", "closed"));
        // By hand: thirty days; seven filed on the 26th, two closed (one at the village, one signed off by its leader).
        Assert.That(file.Rows, Has.Count.EqualTo(30));
        Assert.That(file.Rows.Where(r => r.Text("受理 Filed") != "0" || r.Text("办结 Closed") != "0")
            .Select(r => $"{r.Text("日期 Day")} {r.Text("受理 Filed")} {r.Text("办结 Closed")}"), Is.EqualTo(new[] { "2026-11-26 7 2" }));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task The_escalations_file_is_its_JSON_by_reason_then_by_township(string format)
    {
        var escalations = await GetJsonAsync(Http, $"/incidents/dashboard/escalations?{Period}");
        var file = await GetAsync(Http, $"/incidents/dashboard/escalations/export?{Period}&format={format}");
        var byReason = escalations.GetProperty("byReason").EnumerateArray().ToList();
        var byTownship = escalations.GetProperty("byTownship").EnumerateArray().ToList();
        Assert.That(file.Rows, Has.Count.EqualTo(byReason.Count + byTownship.Count));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < byReason.Count; i++)
            {
                var row = file.Rows[i];
                Assert.That((row.Text("维度 By"), row.Text("代码 Code"), row.Text("名称 Name"), row.Text("上移 Escalations")),
                    Is.EqualTo(("reason", Cell(byReason[i].GetProperty("reason")), "", Cell(byReason[i].GetProperty("count")))));
            }
            for (var i = 0; i < byTownship.Count; i++)
            {
                var (row, township) = (file.Rows[byReason.Count + i], byTownship[i]);
                Assert.That((row.Text("维度 By"), row.Text("代码 Code"), row.Text("名称 Name"), row.Text("上移 Escalations")),
                    Is.EqualTo(("township", Cell(township.GetProperty("unitCode")), Cell(township.GetProperty("name")), Cell(township.GetProperty("count")))));
            }
        });
        // By hand: three moves up asked for by holders or those above (two of one case, one of township 2's), one pulled up
        // by the county; township 1 had three of them (its name from the unit tree), township 2 one.
        Assert.That(file.Rows.Select(r => $"{r.Text("维度 By")} {r.Text("代码 Code")} {r.Text("上移 Escalations")}"), Is.EqualTo(new[]
        {
            "reason handler-requested 3", "reason county-pulled-up 1", $"township {Township1} 3", $"township {Township2} 1",
        }));
        Assert.That(file.Rows[2].Text("名称 Name"), Is.Not.Empty);
    }

    [TestCaseSource(nameof(Formats))]
    public async Task The_children_file_is_its_JSON_unit_for_unit(string format)
    {
        var children = (await GetJsonAsync(Http, $"/incidents/dashboard/children?{Period}")).EnumerateArray().ToList();
        var file = await GetAsync(Http, $"/incidents/dashboard/children/export?{Period}&format={format}");
        AssertRowsAre(file, children, ("单位代码 Unit code", "unitCode"), ("单位 Unit", "name"), ("受理 Filed", "filed"), ("办结 Closed", "closed"),
            ("小事不出村率 Closed in village", "villageContainmentRate"), ("大事不出镇率 Closed in township", "townshipContainmentRate"),
            ("在办 Open", "open"), ("超期 Overdue", "overdue"));
        // By hand: township 1 filed six and closed two, both at the village; four remain open (two at the county, one
        // verified and waiting for its leader, one in hand; none overdue). Township 2: one filed, open at the township.
        string[] columns = ["受理 Filed", "办结 Closed", "小事不出村率 Closed in village", "大事不出镇率 Closed in township", "在办 Open", "超期 Overdue"];
        string Line(string code) => string.Join(" ", columns.Select(file.Rows.Single(r => r.Text("单位代码 Unit code") == code).Text));
        Assert.That(Line(Township1), Is.EqualTo("6 2 1 1 4 0"));
        Assert.That(Line(Township2), Is.EqualTo("1 0   1 0"));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task The_hotspots_file_is_its_JSON_grid_for_grid(string format)
    {
        var hotspots = (await GetJsonAsync(Http, $"/incidents/dashboard/hotspots?{Period}")).EnumerateArray().ToList();
        var file = await GetAsync(Http, $"/incidents/dashboard/hotspots/export?{Period}&format={format}");
        AssertRowsAre(file, hotspots, ("网格代码 Grid code", "gridCode"), ("受理 Filed", "filed"));
        // By hand: five at the demo grid first, then one at each of the two others.
        Assert.That(file.Rows[0].Text("网格代码 Grid code") + " " + file.Rows[0].Text("受理 Filed"), Is.EqualTo($"{Demo.Grid} 5"));
        Assert.That(file.Rows.Skip(1).Select(r => $"{r.Text("网格代码 Grid code")} {r.Text("受理 Filed")}"),
            Is.EquivalentTo(new[] { $"{Village2Grid} 1", $"{Township2Grid} 1" }));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task The_in_hand_file_is_its_JSON(string format)
    {
        var figures = await GetJsonAsync(Http, $"/incidents/dashboard/in-hand?{Period}");
        var file = await GetAsync(Http, $"/incidents/dashboard/in-hand/export?{Period}&format={format}");
        Assert.That(file.Header, Is.EqualTo(new[]
        {
            "包案 Taken", "办理中 Working", "待签字 Awaiting sign-off", "已签字 Signed off", "签字且满意 Signed off satisfied", "已合并 Merged",
        }));
        AssertRowsAre(file, [figures], ("包案 Taken", "taken"), ("办理中 Working", "working"), ("待签字 Awaiting sign-off", "awaitingSignOff"),
            ("已签字 Signed off", "signedOff"), ("签字且满意 Signed off satisfied", "signedOffSatisfied"), ("已合并 Merged", "merged"));
        // By hand: three taken in hand in the period; one worked on, one waiting for the sign-off, one signed off (satisfied).
        Assert.That(file.Header.Select(h => file.Rows[0].Text(h)), Is.EqualTo(new[] { "3", "1", "1", "1", "1", "0" }));
        if (format == "xlsx") Assert.That(file.Sheets, Is.EqualTo(new[] { "包案" }));
    }

    [Test]
    public async Task The_in_hand_file_reaches_as_far_as_its_view()
    {
        // A township's dispatcher: his own township by default, refused another's — the file as the JSON.
        var own = await GetAsync(Http, $"/incidents/dashboard/in-hand/export?{Period}&format=csv", Dispatcher2);
        Assert.That(own.Header.Select(h => own.Rows.Single().Text(h)), Is.EqualTo(new[] { "0", "0", "0", "0", "0", "0" }),
            "nothing was taken in hand in township 2");
        foreach (var path in new[] { "/incidents/dashboard/in-hand", "/incidents/dashboard/in-hand/export" })
        {
            var (status, _) = await Http.SendJsonAsync(HttpMethod.Get, $"{path}?unitCode={Township1}&{Period}", Dispatcher2);
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), path);
        }
        var (bad, problem) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/dashboard/in-hand/export?{Period}&format=pdf", TestTokens.Bearer());
        Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty("format", out _), Is.True, problem.ToString());
    }

    [TestCase("/incidents/export")]
    [TestCase("/incidents/work/export")]
    public async Task A_township_dispatchers_export_holds_none_of_another_townships_cases(string path)
    {
        var township1 = _cases.Where(c => c.Key != "township2").Select(c => c.Value.ToString()).ToList();
        var one = (await GetAsync(Http, $"{path}?format=csv", Dispatcher1)).Rows.Select(r => r.Text("编号 ID")).ToList();
        var two = (await GetAsync(Http, $"{path}?format=xlsx", Dispatcher2)).Rows.Select(r => r.Text("编号 ID")).ToList();
        Assert.That(one, Does.Not.Contain(_cases["township2"].ToString()), "township 2's case is not township 1's to export");
        Assert.That(two, Is.Not.Empty.And.All.EqualTo(_cases["township2"].ToString()), "township 2's dispatcher: his township's case only");
        if (path == "/incidents/export")
        {
            // Exactly what the list shows him: every case of township 1 (those moved to the county stay at its place).
            var (status, listed) = await Http.SendJsonAsync(HttpMethod.Get, "/incidents", Dispatcher1);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(one, Is.EquivalentTo(listed.EnumerateArray().Select(i => i.GetProperty("id").GetGuid().ToString())));
            Assert.That(one, Is.EquivalentTo(township1));
        }
    }
}
