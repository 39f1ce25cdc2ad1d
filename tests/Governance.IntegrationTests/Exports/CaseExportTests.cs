using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Dispatch.Deadlines;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using static Governance.IntegrationTests.Exports.ExportFiles;

namespace Governance.IntegrationTests.Exports;

/// <summary>
/// Case lists and 问题清单 as files (standalone host, SQLite, fake clock), opened with a reader and checked cell
/// by cell against the list the API answers and against values written here by hand: the filters applied, only
/// the caller's cases, formula cells neutralised, personal numbers masked, a full sheet going on on the next.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CaseExportTests : StandaloneFixture
{
    // 02:00 UTC = 10:00 in China.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
    private readonly List<Guid> _ids = [];

    private const string OtherCourtyard = "500101001002001001";   // another village's grid

    protected override TimeProvider Time => _time;

    // Two rows to a sheet, so that three cases go on on a second sheet.
    protected override IDictionary<string, string> ExtraSettings => new Dictionary<string, string> { ["Incidents:Exports:RowsPerSheet"] = "2" };

    [OneTimeSetUp]
    public async Task FileCasesAsync()
    {
        // The worker's grid: one typed as a formula, with a mobile number in it; one plain dispute.
        _ids.Add(await FileAsync(Demo.Courtyard, "environment", "=HYPERLINK(\"http://evil.example\",\"点我\")", "联系人13812345678，门口垃圾堆积"));
        _time.Advance(TimeSpan.FromMinutes(1));
        _ids.Add(await FileAsync(Demo.Courtyard, "dispute", "邻里纠纷", "@SUM(1+1) 噪音"));
        _time.Advance(TimeSpan.FromMinutes(1));
        // Another grid's.
        _ids.Add(await FileAsync(OtherCourtyard, "environment", "+路灯不亮", "-3盏"));
    }

    private async Task<Guid> FileAsync(string courtyard, string category, string title, string description)
    {
        var response = await Http.PostAsJsonAsync("/incidents", new { unitCode = courtyard, category, grade = "III", title, description });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        return id;
    }

    private async Task<List<JsonElement>> ListAsync(string query, System.Net.Http.Headers.AuthenticationHeaderValue? token = null)
    {
        var (status, body) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents?{query}", token ?? TestTokens.Bearer());
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.EnumerateArray().ToList();
    }

    [TestCase("xlsx")]
    [TestCase("csv")]
    public async Task A_filtered_list_exports_the_cases_the_list_shows_cell_by_cell(string format)
    {
        var listed = await ListAsync("category=environment");
        var file = await GetAsync(Http, $"/incidents/export?category=environment&format={format}");
        // Newest first, as the list: the other grid's case, then the formula one.
        Assert.That(listed.Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _ids[2], _ids[0] }));
        Assert.That(file.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { _ids[2].ToString(), _ids[0].ToString() }));
        Assert.That(file.Header, Is.EqualTo(new[]
        {
            "编号 ID", "标题 Title", "描述 Description", "类别 Category", "等级 Grade", "状态 Status", "层级 Tier", "办理单位 Handling unit",
            "地点 Place", "乡镇 Township", "村社区 Village", "上报时间 Filed", "期限 Due", "超期 Overdue", "办结时间 Resolved", "满意度 Satisfaction",
        }));

        var formula = file.Rows[1];
        Assert.Multiple(() =>
        {
            Assert.That(formula.Text("标题 Title"), Is.EqualTo("'=HYPERLINK(\"http://evil.example\",\"点我\")"), "a formula is text");
            Assert.That(formula.Text("描述 Description"), Is.EqualTo("联系人138****5678，门口垃圾堆积"), "the mobile number masked");
            Assert.That(formula.Text("类别 Category"), Is.EqualTo("环境卫生"));
            Assert.That(formula.Text("等级 Grade"), Is.EqualTo("较大（III级）"));
            Assert.That(formula.Text("状态 Status"), Is.EqualTo("待签收"));
            Assert.That(formula.Text("层级 Tier"), Is.EqualTo("村/社区"), "grade III goes to the village");
            Assert.That(formula.Text("上报时间 Filed"), Is.EqualTo("2026-11-26 10:00"), "China-local time");
            Assert.That(formula.Text("超期 Overdue"), Is.EqualTo("否"));
            Assert.That(formula.Text("办结时间 Resolved"), Is.EqualTo(""));
            Assert.That(file.Rows[0].Text("标题 Title"), Is.EqualTo("'+路灯不亮"));
            Assert.That(file.Rows[0].Text("描述 Description"), Is.EqualTo("'-3盏"));
            Assert.That(file.Rows[0].Text("上报时间 Filed"), Is.EqualTo("2026-11-26 10:02"));
        });
        // The list's own figures, row by row: place, holder and deadline as the API has them.
        for (var i = 0; i < listed.Count; i++)
        {
            var row = file.Rows[i];
            var due = listed[i].GetProperty("dueAt").GetDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm");
            Assert.That(row.Text("期限 Due"), Is.EqualTo(due));
            Assert.That(row.Text("办理单位 Handling unit"), Is.Not.Empty.And.Not.EqualTo(listed[i].GetProperty("handlingUnitCode").GetString()),
                "the holder by name");
        }
    }

    [Test]
    [DependsOnTest(nameof(A_filtered_list_exports_the_cases_the_list_shows_cell_by_cell), AllowFailure = true)]
    public async Task Three_cases_at_two_rows_a_sheet_go_on_on_a_second_sheet()
    {
        var file = await GetAsync(Http, "/incidents/export");
        Assert.That(file.Sheets, Is.EqualTo(new[] { "案件清单", "案件清单 (2)" }));
        Assert.That(file.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { _ids[2], _ids[1], _ids[0] }.Select(i => i.ToString())));
    }

    [TestCase("xlsx")]
    [TestCase("csv")]
    [DependsOnTest(nameof(Three_cases_at_two_rows_a_sheet_go_on_on_a_second_sheet), AllowFailure = true)]
    public async Task A_grid_worker_exports_only_his_own_grids_cases(string format)
    {
        var worker = TestTokens.Bearer("export-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
        var listed = await ListAsync("", worker);
        var file = await GetAsync(Http, $"/incidents/export?format={format}", worker);
        Assert.That(listed.Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _ids[1], _ids[0] }));
        Assert.That(file.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { _ids[1].ToString(), _ids[0].ToString() }));
        Assert.That(file.Rows[0].Text("描述 Description"), Is.EqualTo("'@SUM(1+1) 噪音"));
    }

    [TestCase("format=pdf", "format")]
    [TestCase("category=nope", "category")]
    [TestCase("from=2026-13-01", "from")]
    [TestCase("overdue=maybe", "overdue")]
    [DependsOnTest(nameof(A_grid_worker_exports_only_his_own_grids_cases), AllowFailure = true)]
    public async Task Bad_input_is_a_problem_naming_the_field(string query, string field)
    {
        var (status, body) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/export?{query}", TestTokens.Bearer());
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("errors").TryGetProperty(field, out _), Is.True, body.ToString());
    }

    /// <summary>Last (it moves the clock and resolves a case): the tests above run one after another, whether
    /// each passed or not (DependsOnTest with AllowFailure), and this one after them.</summary>
    [Test]
    [DependsOnTest(nameof(Bad_input_is_a_problem_naming_the_field), AllowFailure = true)]
    public async Task The_problem_list_holds_the_open_overdue_cases_with_days_late_and_supervision()
    {
        // The formula case resolved: not open. The two others pass their deadline, then two more days.
        var resolve = await Http.PostAsJsonAsync($"/incidents/{_ids[0]}/resolve", new { note = "已清理" }, "handler");
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolve.Content.ReadAsStringAsync());
        var due = (await Host.IncidentAsync(_ids[1]))!.DueAt!.Value;
        _time.Advance(due - _time.GetUtcNow() + TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        await Host.Get<DeadlineSweeper>().SweepAsync();
        foreach (var id in new[] { _ids[1], _ids[2] })
            await Eventually.GetAsync(() => Host.IncidentAsync(id), i => i.FlaggedOverdueAt is not null, TimeSpan.FromSeconds(30), "the red card");

        var listed = await ListAsync("open=true&overdue=true");
        var file = await GetAsync(Http, "/incidents/problems/export?format=csv");
        Assert.That(listed.Select(i => i.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { _ids[1], _ids[2] }));
        Assert.That(file.Rows.Select(r => r.Text("编号 ID")), Is.EquivalentTo(new[] { _ids[1].ToString(), _ids[2].ToString() }));
        foreach (var row in file.Rows)
            Assert.Multiple(() =>
            {
                Assert.That(row.Text("超期天数 Days overdue"), Is.EqualTo("2"));
                Assert.That(row.Text("督办 Supervision"), Is.EqualTo("未督办"));
                Assert.That(row.Text("承办层级 Holder tier"), Is.EqualTo("村/社区"));
            });
        // The worker's own: only his grid's late case.
        var worker = TestTokens.Bearer("export-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
        var his = await GetAsync(Http, "/incidents/problems/export", worker);
        Assert.That(his.Rows.Select(r => r.Text("编号 ID")), Is.EqualTo(new[] { _ids[1].ToString() }));
    }
}
