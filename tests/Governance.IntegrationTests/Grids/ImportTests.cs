using System.Net;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>CSV imports of units, staff and care subjects: all or nothing, errors by row and field.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class ImportTests(Provider provider) : GridsFixture(provider)
{
    [Test]
    public async Task A_units_file_creates_a_village_with_grids_and_courtyards_in_any_order_and_re_grids_an_existing_courtyard()
    {
        var (_, _, existing) = await NewVillageAsync(courtyards: 1);
        var (village, gridA, gridB, courtyard) = (NewCode("v"), NewCode("g"), NewCode("g"), NewCode("c"));
        // Children before their parents, a quoted name with a comma, and a move of an existing courtyard.
        var csv = $"""
            code,name,level,parentCode
            {courtyard},"李家院子,东",courtyard,{gridA}
            {gridA},第1网格,grid,{village}
            {gridB},第2网格,grid,{village}
            {village},新建村,village,{Demo.Township}
            {existing[0]},测试院落1,courtyard,{gridB}
            """;
        var (status, result) = await PostTextAsync("/grids/import/units", csv, "text/csv", user: "importer");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That((result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("unchanged").GetInt32()),
            Is.EqualTo((4, 1, 0)));

        Assert.That((await GetAsync($"/grids/units/{courtyard}")).GetProperty("name").GetString(), Is.EqualTo("李家院子,东"));
        Assert.That(Codes(await GetAsync($"/grids/units/{courtyard}/path")), Is.EqualTo(new[] { courtyard, gridA, village, Demo.Township, Demo.County }));
        var move = (await GetAsync($"/grids/units/{existing[0]}/history")).EnumerateArray().Last();
        Assert.That((move.GetProperty("change").GetString(), move.GetProperty("to").GetString(), move.GetProperty("changedBy").GetString()),
            Is.EqualTo(("moved", gridB, "importer")));

        // The same file again changes nothing.
        var (again, second) = await PostTextAsync("/grids/import/units", csv, "text/csv");
        Assert.That(again, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.GetProperty("unchanged").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public async Task A_units_file_saved_by_Chinese_Excel_in_GBK_is_read_and_one_in_neither_encoding_names_its_row_and_changes_nothing()
    {
        // "李家村" in GBK, written out by hand: C0 EE BC D2 B4 E5.
        byte[] liJiaCun = [0xC0, 0xEE, 0xBC, 0xD2, 0xB4, 0xE5];
        var village = NewCode("v");
        var gbk = Bytes($"code,name,level,parentCode\r\n{village},", liJiaCun, $",village,{Demo.Township}\r\n");
        var (status, result) = await PostBytesAsync("/grids/import/units", gbk, "text/csv");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That((await GetAsync($"/grids/units/{village}")).GetProperty("name").GetString(), Is.EqualTo("李家村"));

        // Row 1 holds a byte (0xFF) that neither UTF-8 nor GB18030 has: named, and row 0 is not written either.
        var (good, broken) = (NewCode("v"), NewCode("v"));
        var mixed = Bytes($"code,name,level,parentCode\n{good},", liJiaCun, $",village,{Demo.Township}\n{broken},", new byte[] { 0xFF },
            $",village,{Demo.Township}\n");
        var (refused, problem) = await PostBytesAsync("/grids/import/units", mixed, "text/csv");
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "rows[1]" }));
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/units/{good}")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static byte[] Bytes(params object[] parts) =>
        parts.SelectMany(p => p is string s ? System.Text.Encoding.ASCII.GetBytes(s) : (byte[])p).ToArray();

    [Test]
    public async Task A_units_file_with_one_bad_row_changes_nothing_and_names_the_row_and_field()
    {
        var (good, grid, badParent) = (NewCode("v"), NewCode("g"), NewCode("c"));
        var csv = $"""
            code,name,level,parentCode
            {good},好村,village,{Demo.Township}
            {grid},第1网格,grid,{good}
            {badParent},错层院落,courtyard,{Demo.Village}
            {NewCode("c")},,courtyard,{grid}
            {good},重复,village,{Demo.Township}
            """;
        var (status, problem) = await PostTextAsync("/grids/import/units", csv, "text/csv");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "rows[2].parentCode", "rows[3].name", "rows[4].code" }));
        Assert.That(problem.GetProperty("errors").GetProperty("rows[2].parentCode")[0].GetString(), Does.Contain("belongs under a grid"));
        var (missing, _) = await SendAsync(HttpMethod.Get, $"/grids/units/{good}");
        Assert.That(missing, Is.EqualTo(HttpStatusCode.NotFound), "the good rows were not written either");
    }

    [Test]
    public async Task A_file_with_a_missing_column_or_sent_as_something_else_is_refused()
    {
        var (status, problem) = await PostTextAsync("/grids/import/units", "code,name\nx,y\n", "text/csv");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "header" }));

        var (wrongType, _) = await PostTextAsync("/grids/import/units", "{}", "application/json");
        Assert.That(wrongType, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }

    [Test]
    public async Task A_staff_file_registers_everyone_on_duty_at_their_units_or_nobody_if_a_row_is_wrong()
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1);
        var (worker, lead) = (NewCode("w"), NewCode("w"));
        var bad = $"""
            id,name,role,unitCode,phone
            {worker},张志强,grid-worker-full-time,{grid},13900005555
            {lead},李秀英,courtyard-lead,{grid},
            """;
        var (refused, problem) = await PostTextAsync("/grids/import/staff", bad, "text/csv");
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "rows[1].unitCode" }));
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/staff/{worker}")).Status, Is.EqualTo(HttpStatusCode.NotFound));

        var good = bad.Replace($"courtyard-lead,{grid}", $"courtyard-lead,{courtyards[0]}");
        var (status, result) = await PostTextAsync("/grids/import/staff", good, "text/csv");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(2));
        var onDuty = await GetAsync($"/grids/units/{grid}/duty");
        Assert.That(onDuty.EnumerateArray().Select(d => d.GetProperty("staffName").GetString()), Is.EqualTo(new[] { "张志强" }));
    }

    [Test]
    public async Task A_care_subjects_file_registers_them_with_their_frequencies_or_none_if_a_row_is_wrong()
    {
        var (village, grid, courtyards) = await NewVillageAsync(courtyards: 1);
        var worker = await NewGridWorkerAsync(grid);
        var csv = $"""
            kind,name,idNumber,phone,courtyardCode,gridWorkerId,visitEveryDays,notes
            elderly-alone,周德华,500101194001010011,13900006666,{courtyards[0]},{worker},3,"独居, 腿脚不便"
            left-behind-child,周小燕,,,{courtyards[0]},{worker},,父母在外务工
            disabled,周军,,,{courtyards[0]},{worker},0,
            """;
        var (refused, problem) = await PostTextAsync("/grids/import/care-subjects", csv, "text/csv", SignedIn.GridWorker(worker, grid));
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "rows[2].visitEveryDays" }));
        Assert.That((await GetAsync($"/grids/care/subjects?villageCode={village}")).GetArrayLength(), Is.Zero);

        var (status, result) = await PostTextAsync("/grids/import/care-subjects", csv.Replace(",0,", ",30,"), "text/csv", SignedIn.GridWorker(worker, grid));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        var subjects = await GetAsync($"/grids/care/subjects?villageCode={village}");
        Assert.That(subjects.EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("visitEveryDays").GetInt32())),
            Is.EquivalentTo(new[] { ("周德华", 3), ("周小燕", 14), ("周军", 30) }));

        Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var overdue = await GetAsync($"/grids/care/overdue?gridWorkerId={worker}");
        Assert.That(overdue.EnumerateArray().Select(o => o.GetProperty("subject").GetProperty("name").GetString()), Is.EqualTo(new[] { "周德华" }));
    }
}
