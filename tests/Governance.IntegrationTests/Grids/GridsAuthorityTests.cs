using System.Net;
using System.Text.Json;
using Dapper;
using Governance.Grids.Data;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// Grids' writes inside the permission model (DOMAIN "Who may do what"): the unit tree is the county
/// administrator's; staff and duty his, or a township dispatcher's below his township and inside it;
/// care the grid workers', courtyard leads' and village handlers' inside their subtree. Every refusal
/// is a 403 problem and changes nothing (every Grids table's rows and versions, before and after).
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class GridsAuthorityTests(Provider provider) : GridsFixture(provider)
{
    private const string Township2 = "500101002000";

    private static readonly string[] Tables =
        ["units", "unit_history", "unit_boundaries", "staff", "duty_assignments", "departments", "department_categories", "care_subjects", "visits"];

    private static SignedIn Dispatcher1 => new("dispatcher-1", Roles.TownshipDispatcher, Demo.Township);

    /// <summary>Rows and versions of every Grids table: a refused request leaves them as they were.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var c = await Host.Get<GridsDatabase>().OpenAsync();
        var parts = new List<string>();
        foreach (var table in Tables) parts.Add($"{table}:{await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}")}");
        foreach (var table in new[] { "units", "staff", "care_subjects" })
            parts.Add($"{table}.version:{await c.ExecuteScalarAsync<long>($"SELECT COALESCE(SUM(version), 0) FROM {table}")}");
        return string.Join(", ", parts);
    }

    /// <summary>Sends, insists on a 403 problem (or the status given), and that nothing changed.</summary>
    private async Task<JsonElement> RefusedAsync(Func<Task<(HttpStatusCode Status, JsonElement Body)>> send, HttpStatusCode expected = HttpStatusCode.Forbidden)
    {
        var before = await SnapshotAsync();
        var (status, body) = await send();
        Assert.That(status, Is.EqualTo(expected), body.ToString());
        if (expected == HttpStatusCode.Forbidden)
            Assert.That((body.GetProperty("status").GetInt32(), body.GetProperty("title").GetString()), Is.EqualTo((403, "Not yours to do")), "a problem document");
        Assert.That(await SnapshotAsync(), Is.EqualTo(before), "a refused request changes nothing");
        return body;
    }


    [Test]
    public async Task A_grid_worker_may_not_create_a_township_rename_one_or_register_a_county_administrator()
    {
        var (_, _, worker) = await NewGridWithWorkerAsync();
        await RefusedAsync(() => PostAsync("/grids/units", new { code = NewCode("t"), name = "自封镇", level = "township", parentCode = Demo.County }, worker));

        var before = await GetAsync($"/grids/units/{Township2}");
        await RefusedAsync(() => PatchAsync($"/grids/units/{Township2}", new { name = "改名镇" }, worker));
        var after = await GetAsync($"/grids/units/{Township2}");
        Assert.That((after.GetProperty("name").GetString(), after.GetProperty("version").GetInt64()),
            Is.EqualTo((before.GetProperty("name").GetString(), before.GetProperty("version").GetInt64())));

        await RefusedAsync(() => PostAsync("/grids/staff", new { id = NewCode("a"), name = "假管理员", role = "county-administrator", unitCode = Demo.County }, worker));
        await RefusedAsync(() => PostAsync($"/grids/units/{Township2}/retire", new { }, worker));
    }

    [Test]
    public async Task A_grid_worker_may_not_move_another_townships_courtyard_under_his_grid()
    {
        var (grid, _, worker) = await NewGridWithWorkerAsync();
        var (_, _, courtyards) = await NewVillageAsync(courtyards: 1, township: Township2);

        await RefusedAsync(() => PatchAsync($"/grids/units/{courtyards[0]}", new { parentCode = grid }, worker));
        var courtyard = await GetAsync($"/grids/units/{courtyards[0]}");
        Assert.That(courtyard.GetProperty("parentCode").GetString(), Is.Not.EqualTo(grid));
        Assert.That((await GetAsync($"/grids/units/{courtyards[0]}/path")).EnumerateArray().Select(u => u.GetProperty("code").GetString()),
            Does.Contain(Township2), "still in township 2");
    }

    [Test]
    public async Task A_grid_worker_may_not_start_or_end_duty_not_even_his_own()
    {
        var (grid, _, worker) = await NewGridWithWorkerAsync();
        await RefusedAsync(() => PostAsync($"/grids/units/{grid}/duty", new { staffId = worker.User }, worker));
        var duty = (await GetAsync($"/grids/units/{grid}/duty")).EnumerateArray().Single().GetProperty("id").GetGuid();
        await RefusedAsync(() => PostAsync($"/grids/duty/{duty}/end", new { }, worker));
        await RefusedAsync(() => PatchAsync($"/grids/staff/{worker.User}", new { phone = "13900009999" }, worker));
        await RefusedAsync(() => PostAsync($"/grids/staff/{worker.User}/leave", new { }, worker));
    }

    [Test]
    public async Task A_township_dispatcher_registers_a_grid_worker_in_his_township_but_not_in_another()
    {
        var (_, ownGrid, _) = await NewVillageAsync(courtyards: 0);
        var registered = await MustPostAsync("/grids/staff", new { name = "本镇网格员", role = "grid-worker-full-time", unitCode = ownGrid }, user: Dispatcher1);
        Assert.That(registered.GetProperty("unitCode").GetString(), Is.EqualTo(ownGrid));

        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0, township: Township2);
        var refused = await RefusedAsync(() => PostAsync("/grids/staff", new { name = "外镇网格员", role = "grid-worker-full-time", unitCode = otherGrid }, Dispatcher1));
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("change-staff"));
    }

    [Test]
    public async Task A_township_dispatcher_may_not_register_township_or_county_roles()
    {
        var department = (await GetAsync($"/grids/departments?unitCode={Demo.Township}"))[0].GetProperty("id").GetGuid();
        await RefusedAsync(() => PostAsync("/grids/staff", new { name = "再一个调度员", role = "township-dispatcher", unitCode = Demo.Township }, Dispatcher1));
        await RefusedAsync(() => PostAsync("/grids/staff",
            new { name = "站所承办人", role = "department-handler", unitCode = Demo.Township, departmentId = department }, Dispatcher1));
        await RefusedAsync(() => PostAsync("/grids/staff", new { name = "县督查员", role = "county-supervisor", unitCode = Demo.County }, Dispatcher1));
        await RefusedAsync(() => PostAsync("/grids/staff", new { name = "县管理员", role = "county-administrator", unitCode = Demo.County }, Dispatcher1));
    }

    [Test]
    public async Task A_township_dispatcher_moves_people_only_inside_his_township()
    {
        var (_, gridA, _) = await NewVillageAsync(courtyards: 0);
        var (_, gridB, _) = await NewVillageAsync(courtyards: 0);
        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0, township: Township2);
        var ours = await NewGridWorkerAsync(gridA);
        var theirs = await NewGridWorkerAsync(otherGrid);

        // Out to another township: the new unit is out of reach.
        await RefusedAsync(() => PostAsync($"/grids/units/{otherGrid}/duty", new { staffId = ours }, Dispatcher1));
        // In from another township: the person's home unit is out of reach.
        await RefusedAsync(() => PostAsync($"/grids/units/{gridB}/duty", new { staffId = theirs }, Dispatcher1));
        var theirDuty = (await GetAsync($"/grids/units/{otherGrid}/duty")).EnumerateArray().Single().GetProperty("id").GetGuid();
        await RefusedAsync(() => PostAsync($"/grids/duty/{theirDuty}/end", new { }, Dispatcher1));

        // Inside his township: allowed.
        var moved = await MustPostAsync($"/grids/units/{gridB}/duty", new { staffId = ours }, user: Dispatcher1);
        Assert.That(moved.GetProperty("unitCode").GetString(), Is.EqualTo(gridB));
        var ourDuty = (await GetAsync($"/grids/units/{gridA}/duty")).EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.That((await PostAsync($"/grids/duty/{ourDuty}/end", new { }, Dispatcher1)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_township_dispatcher_changes_and_retires_only_people_of_his_township()
    {
        var (_, ownGrid, _) = await NewVillageAsync(courtyards: 0);
        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0, township: Township2);
        var ours = await NewGridWorkerAsync(ownGrid);
        var theirs = await NewGridWorkerAsync(otherGrid);

        await RefusedAsync(() => PatchAsync($"/grids/staff/{theirs}", new { phone = "13900008888" }, Dispatcher1));
        await RefusedAsync(() => PostAsync($"/grids/staff/{theirs}/leave", new { }, Dispatcher1));
        await RefusedAsync(() => PatchAsync($"/grids/staff/{Dispatcher1.User}-nobody", new { phone = "13900008888" }, Dispatcher1), HttpStatusCode.NotFound);
        await RefusedAsync(() => PatchAsync($"/grids/staff/township-dispatcher-{Township2}", new { name = "改名" }, Dispatcher1));

        var (status, changed) = await PatchAsync($"/grids/staff/{ours}", new { phone = "13900008888" }, Dispatcher1);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That((await PostAsync($"/grids/staff/{ours}/leave", new { }, Dispatcher1)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_staff_file_with_one_row_outside_the_dispatchers_township_is_refused_whole_naming_the_row()
    {
        var (_, ownGrid, _) = await NewVillageAsync(courtyards: 0);
        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0, township: Township2);
        var rows = new[] { $"甲,grid-worker-full-time,{ownGrid}", $"乙,grid-worker-part-time,{otherGrid}", $"丙,grid-worker-part-time,{ownGrid}" };
        var csv = "name,role,unitCode\n" + string.Join("\n", rows);

        var refused = await RefusedAsync(() => PostTextAsync("/grids/import/staff", csv, "text/csv", Dispatcher1));
        Assert.That(refused.GetProperty("rows").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "rows[1].unitCode" }));
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain(otherGrid).And.Contain("Nothing was imported"));

        var (status, result) = await PostTextAsync("/grids/import/staff", "name,role,unitCode\n" + rows[0] + "\n" + rows[2], "text/csv", Dispatcher1);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), result.ToString());
        Assert.That(result.GetProperty("created").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_grid_worker_registers_and_visits_care_subjects_in_his_grid_only()
    {
        var (_, courtyard, worker) = await NewGridWithWorkerAsync();
        var (_, otherCourtyard, otherWorker) = await NewGridWithWorkerAsync();
        var subject = await MustPostAsync("/grids/care/subjects",
            new { kind = "elderly-alone", name = "本网格老人", courtyardCode = courtyard, gridWorkerId = worker.User }, user: worker);

        await RefusedAsync(() => PostAsync("/grids/care/subjects",
            new { kind = "elderly-alone", name = "别网格老人", courtyardCode = otherCourtyard, gridWorkerId = otherWorker.User }, worker));
        var id = subject.GetProperty("id").GetGuid();
        await RefusedAsync(() => PostAsync($"/grids/care/subjects/{id}/visits", new { findings = "不是我的" }, otherWorker));
        await MustPostAsync($"/grids/care/subjects/{id}/visits", new { findings = "身体尚好" }, user: worker);

        var csv = $"kind,name,courtyardCode,gridWorkerId\nelderly-alone,甲,{courtyard},{worker.User}\nelderly-alone,乙,{otherCourtyard},{otherWorker.User}\n";
        var refused = await RefusedAsync(() => PostTextAsync("/grids/import/care-subjects", csv, "text/csv", worker));
        Assert.That(refused.GetProperty("rows").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "rows[1].courtyardCode" }));
    }

    [Test]
    public async Task The_county_administrator_does_no_care_work_and_a_dispatcher_no_tree_or_department_work()
    {
        var (_, courtyard, worker) = await NewGridWithWorkerAsync();
        await RefusedAsync(() => PostAsync("/grids/care/subjects",
            new { kind = "orphan", name = "某", courtyardCode = courtyard, gridWorkerId = worker.User }, "county-admin"));
        await RefusedAsync(() => PostAsync("/grids/departments",
            new { unitCode = Demo.Township, nameZh = "自设办公室", nameEn = "Own Office", categories = new[] { "other" } }, Dispatcher1));
        await RefusedAsync(() => PostTextAsync("/grids/import/units", $"code,name,level,parentCode\n{NewCode("v")},自设村,village,{Demo.Township}\n", "text/csv", Dispatcher1));
        await RefusedAsync(() => PostTextAsync("/grids/import/boundaries", """{"type":"FeatureCollection","features":[]}""", "application/geo+json", Dispatcher1));
        await RefusedAsync(() => PostAsync("/grids/staff", new { name = "热线代招", role = "grid-worker-full-time", unitCode = Demo.Grid },
            new SignedIn("hotline-1", Roles.HotlineOperator, Demo.County)));
    }

    [Test]
    public void Every_Grids_endpoint_that_changes_anything_declares_its_action()
    {
        var undeclared = Host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/grids/") || route.StartsWith("/auth/")))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Where(e => e.Metadata.GetMetadata<DeclaredAction>() is null)
            .Select(e => e.DisplayName).ToList();
        Assert.That(undeclared, Is.Empty);
    }
}
