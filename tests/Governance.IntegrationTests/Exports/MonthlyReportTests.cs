using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;
using static Governance.IntegrationTests.Exports.ExportFiles;

namespace Governance.IntegrationTests.Exports;

/// <summary>
/// 统计报表 for a small month worked out by hand (standalone host, SQLite, fake clock): five cases, three of them in one
/// village accepted after 3, 20 and 120 minutes and two resolved 53 and 180 minutes after filing. The report's
/// median and p90 are the upper bounds of the histogram buckets (5, 10, 15, 30, 60, 120, 240 … minutes) holding
/// the nearest-rank case. The file (XLSX and CSV) is read back and compared with the JSON line by line, and the
/// dashboard's durations and summary views with their exports.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MonthlyReportTests : StandaloneFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));

    private const string Township1 = "500101001000", Village1 = "500101001001", Village2 = "500101001002", Township2 = "500101002000";

    private static System.Net.Http.Headers.AuthenticationHeaderValue PlaceGridWorker =>
        TestTokens.Bearer("resident", Roles.GridWorkerFullTime, Demo.County);

    protected override TimeProvider Time => _time;

    [OneTimeSetUp]
    public async Task FileAndWorkCasesAsync()
    {
        var c1 = await FileRoutedAsync(Host, Demo.Courtyard, "environment");
        var c2 = await FileRoutedAsync(Host, Demo.Courtyard, "environment");
        var c3 = await FileRoutedAsync(Host, Demo.Courtyard, "environment");
        await FileRoutedAsync(Host, "500101001002001001", "environment");   // another village of township 1, left waiting
        await FileRoutedAsync(Host, "500101002001001001", "environment");   // township 2, left waiting
        await At(3, () => Act(c1, "accept"));
        await At(20, () => Act(c2, "accept"));
        await At(53, async () => { await Act(c1, "resolve", new { note = "办结" }); await VerifyAsync(c1, "satisfied"); });
        await At(120, () => Act(c3, "accept"));
        await At(180, async () => { await Act(c2, "resolve", new { note = "办结" }); await VerifyAsync(c2, "dissatisfied"); });
    }

    private readonly DateTimeOffset _filedAt = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    private async Task At(int minutesAfterFiling, Func<Task> step)
    {
        _time.Advance(_filedAt.AddMinutes(minutesAfterFiling) - _time.GetUtcNow());
        await step();
    }

    private async Task Act(Guid id, string action, object? body = null)
    {
        var response = await Http.PostAsJsonAsync($"/incidents/{id}/{action}", body, "handler");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private async Task VerifyAsync(Guid id, string satisfaction)
    {
        var verified = await Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction }, PlaceGridWorker);
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), await verified.Content.ReadAsStringAsync());
    }

    private static JsonElement Line(JsonElement report, string unit) =>
        report.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("unitCode").GetString() == unit);

    private static double? Number(JsonElement line, string name) =>
        line.GetProperty(name).ValueKind == JsonValueKind.Null ? null : line.GetProperty(name).GetDouble();

    [Test]
    public async Task The_months_lines_hold_the_hand_counted_figures()
    {
        var report = await GetJsonAsync(Http, "/incidents/reports/monthly?month=2026-11");
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        Assert.That(lines[0].GetProperty("unitCode").GetString(), Is.EqualTo(Demo.County), "the county first");
        foreach (var (unit, filed) in new[] { (Demo.County, 5), (Township1, 4), (Village1, 3) })
        {
            var line = Line(report, unit);
            Assert.Multiple(() =>
            {
                Assert.That(line.GetProperty("filed").GetInt64(), Is.EqualTo(filed), unit);
                Assert.That(line.GetProperty("closed").GetInt64(), Is.EqualTo(2), unit);
                Assert.That(line.GetProperty("closedOnTime").GetInt64(), Is.EqualTo(2), unit);
                Assert.That(Number(line, "onTimeRate"), Is.EqualTo(1.0), unit);
                Assert.That(Number(line, "villageContainmentRate"), Is.EqualTo(1.0), unit);
                Assert.That(Number(line, "townshipContainmentRate"), Is.EqualTo(1.0), unit);
                Assert.That(Number(line, "staffSatisfactionRate"), Is.EqualTo(0.5), "one satisfied of two answers");
                Assert.That(Number(line, "residentSatisfactionRate"), Is.Null, "no resident answered");
                Assert.That(line.GetProperty("escalations").GetInt64(), Is.Zero);
                // Accepted after 3, 20, 120 min: buckets ≤5, ≤30, ≤120. Median rank ⌈1.5⌉ = 2 → 30 min; p90 rank ⌈2.7⌉ = 3 → 120 min.
                Assert.That(Number(line, "acceptMedianHours"), Is.EqualTo(0.5), unit);
                Assert.That(Number(line, "acceptP90Hours"), Is.EqualTo(2.0), unit);
                // Resolved 53 and 180 min after filing: buckets ≤60, ≤240. Median rank 1 → 60 min; p90 rank ⌈1.8⌉ = 2 → 240 min.
                Assert.That(Number(line, "resolveMedianHours"), Is.EqualTo(1.0), unit);
                Assert.That(Number(line, "resolveP90Hours"), Is.EqualTo(4.0), unit);
                Assert.That(line.GetProperty("closedLate").GetInt64(), Is.Zero);
                Assert.That(line.GetProperty("overdueNow").GetInt64(), Is.Zero);
            });
        }
        var village2 = Line(report, Village2);
        Assert.That(village2.GetProperty("filed").GetInt64(), Is.EqualTo(1));
        Assert.That(Number(village2, "acceptMedianHours"), Is.Null, "nothing accepted there");
        Assert.That(Line(report, Township2).GetProperty("filed").GetInt64(), Is.EqualTo(1));
        Assert.That(Line(report, Village1).GetProperty("parentCode").GetString(), Is.EqualTo(Township1));
        var october = await GetJsonAsync(Http, "/incidents/reports/monthly?month=2026-10");
        Assert.That(Line(october, Demo.County).GetProperty("filed").GetInt64(), Is.Zero, "another month is another month");
    }

    [TestCase("xlsx")]
    [TestCase("csv")]
    public async Task The_file_holds_the_JSON_line_for_line_and_cell_for_cell(string format)
    {
        var report = await GetJsonAsync(Http, $"/incidents/reports/monthly?month=2026-11&unitCode={Township1}");
        var file = await GetAsync(Http, $"/incidents/reports/monthly/export?month=2026-11&unitCode={Township1}&format={format}");
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        Assert.That(file.Rows, Has.Count.EqualTo(lines.Count));
        Assert.That(lines.Select(l => l.GetProperty("unitCode").GetString()).Take(2), Is.EqualTo(new[] { Township1, Village1 }),
            "the township, then its villages");
        string Cell(double? v) => v is { } x ? x.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        for (var i = 0; i < lines.Count; i++)
        {
            var (row, line) = (file.Rows[i], lines[i]);
            Assert.Multiple(() =>
            {
                Assert.That(row.Text("单位代码 Unit code"), Is.EqualTo(line.GetProperty("unitCode").GetString()));
                Assert.That(row.Text("受理 Filed"), Is.EqualTo(line.GetProperty("filed").GetInt64().ToString()));
                Assert.That(row.Text("办结 Closed"), Is.EqualTo(line.GetProperty("closed").GetInt64().ToString()));
                Assert.That(row.Text("按期办结 Closed on time"), Is.EqualTo(line.GetProperty("closedOnTime").GetInt64().ToString()));
                Assert.That(row.Text("按期办结率 On-time rate"), Is.EqualTo(Cell(Number(line, "onTimeRate"))));
                Assert.That(row.Text("小事不出村率 Closed in village"), Is.EqualTo(Cell(Number(line, "villageContainmentRate"))));
                Assert.That(row.Text("大事不出镇率 Closed in township"), Is.EqualTo(Cell(Number(line, "townshipContainmentRate"))));
                Assert.That(row.Text("核查满意率 Staff-recorded satisfied"), Is.EqualTo(Cell(Number(line, "staffSatisfactionRate"))));
                Assert.That(row.Text("群众满意率 Residents satisfied"), Is.EqualTo(Cell(Number(line, "residentSatisfactionRate"))));
                Assert.That(row.Text("签收时长中位数(时) Accept median h"), Is.EqualTo(Cell(Number(line, "acceptMedianHours"))));
                Assert.That(row.Text("签收时长P90(时) Accept p90 h"), Is.EqualTo(Cell(Number(line, "acceptP90Hours"))));
                Assert.That(row.Text("办结时长中位数(时) Resolve median h"), Is.EqualTo(Cell(Number(line, "resolveMedianHours"))));
                Assert.That(row.Text("办结时长P90(时) Resolve p90 h"), Is.EqualTo(Cell(Number(line, "resolveP90Hours"))));
                Assert.That(row.Text("上移 Escalations"), Is.EqualTo(line.GetProperty("escalations").GetInt64().ToString()));
                Assert.That(row.Text("超期办结 Closed late"), Is.EqualTo(line.GetProperty("closedLate").GetInt64().ToString()));
                Assert.That(row.Text("当前超期 Overdue now"), Is.EqualTo(line.GetProperty("overdueNow").GetInt64().ToString()));
            });
        }
        // And by hand, the township's own row.
        Assert.That(file.Rows[0].Text("受理 Filed"), Is.EqualTo("4"));
        Assert.That(file.Rows[0].Text("签收时长P90(时) Accept p90 h"), Is.EqualTo("2"));
        Assert.That(file.Rows[0].Text("层级 Level"), Is.EqualTo("乡镇/街道"));
    }

    [TestCase("xlsx")]
    [TestCase("csv")]
    public async Task The_dashboards_durations_and_summary_export_as_their_JSON(string format)
    {
        const string period = $"unitCode={Village1}&from=2026-11-01&to=2026-11-30";
        var durations = await GetJsonAsync(Http, $"/incidents/dashboard/durations?{period}");
        Assert.That(durations.GetProperty("accept").GetProperty("cases").GetInt64(), Is.EqualTo(3));
        Assert.That(durations.GetProperty("accept").GetProperty("medianHours").GetDouble(), Is.EqualTo(0.5));
        Assert.That(durations.GetProperty("resolve").GetProperty("p90Hours").GetDouble(), Is.EqualTo(4.0));
        var file = await GetAsync(Http, $"/incidents/dashboard/durations/export?{period}&format={format}");
        // Per measure, one row per bucket; the non-empty ones by hand: accept ≤5, ≤30, ≤120 min; resolve ≤60, ≤240 min.
        var nonEmpty = file.Rows.Where(r => r.Text("件数 Cases") != "0")
            .Select(r => $"{r.Text("指标 Measure")} {r.Text("上限(分钟) Up to minutes")} {r.Text("件数 Cases")}").ToList();
        Assert.That(nonEmpty, Is.EqualTo(new[] { "accept 5 1", "accept 30 1", "accept 120 1", "resolve 60 1", "resolve 240 1" }));
        Assert.That(file.Rows, Has.Count.EqualTo(2 * durations.GetProperty("accept").GetProperty("buckets").GetArrayLength()));

        var summary = await GetJsonAsync(Http, $"/incidents/dashboard/summary?{period}");
        var row = (await GetAsync(Http, $"/incidents/dashboard/summary/export?{period}&format={format}")).Rows.Single();
        Assert.That(row.Text("受理 Filed"), Is.EqualTo(summary.GetProperty("filed").GetInt64().ToString()).And.EqualTo("3"));
        Assert.That(row.Text("办结 Closed"), Is.EqualTo("2"));
        Assert.That(row.Text("在办:村 Open village"), Is.EqualTo(summary.GetProperty("open").GetProperty("village").GetInt64().ToString()).And.EqualTo("1"));
        Assert.That(row.Text("核查满意率 Staff-recorded satisfied"), Is.EqualTo("0.5"));
    }

    [TestCase("month=2026-13", "month")]
    [TestCase("month=", "month")]
    [TestCase("month=2026-11&unitCode=nope", "unitCode")]
    public async Task Bad_input_is_a_problem_naming_the_field(string query, string field)
    {
        var (status, body) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/reports/monthly/export?{query}", TestTokens.Bearer());
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body.GetProperty("errors").TryGetProperty(field, out _), Is.True, body.ToString());
    }

    [Test]
    public async Task A_township_outside_the_callers_units_is_refused()
    {
        var villageHandler = TestTokens.Bearer("village-handler", Roles.VillageHandler, Village2);
        var (status, _) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/reports/monthly/export?month=2026-11&unitCode={Village1}", villageHandler);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
