using System.Net;
using Dapper;
using Governance.Grids.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>People, roles and duty periods; the full-coverage check (网格全域覆盖).</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class StaffAndCoverageTests(Provider provider) : GridsFixture(provider)
{
    private async Task<(List<string> Villages, List<string> Grids, List<string> Courtyards)> GapsAsync()
    {
        var coverage = await GetAsync("/grids/coverage");
        return (Codes(coverage.GetProperty("villagesWithoutGrids")).ToList(), Codes(coverage.GetProperty("gridsWithoutGridWorker")).ToList(),
            Codes(coverage.GetProperty("courtyardsWithoutGrid")).ToList());
    }

    [Test]
    public async Task Names_of_accounts_give_name_and_role_only_leave_unknown_ids_out_and_refuse_an_empty_list()
    {
        var grid = (await NewVillageAsync()).Grid;
        var person = await MustPostAsync("/grids/staff", new { name = "时间线上的人", role = "grid-worker-full-time", unitCode = grid, phone = "13912345678" });
        var id = person.GetProperty("id").GetString()!;

        var names = await GetAsync($"/grids/staff/names?ids={id},no-such-account,{id}");
        Assert.That(names.GetArrayLength(), Is.EqualTo(1));
        Assert.That((names[0].GetProperty("id").GetString(), names[0].GetProperty("name").GetString(), names[0].GetProperty("role").GetString()),
            Is.EqualTo((id, "时间线上的人", "grid-worker-full-time")));
        Assert.That(names[0].TryGetProperty("phone", out _), Is.False, "no phone number in a name lookup");

        var (status, problem) = await SendAsync(HttpMethod.Get, "/grids/staff/names?ids=,");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "ids" }));
    }

    [Test]
    public async Task The_demo_county_has_no_gap_in_coverage()
    {
        var (villages, grids, courtyards) = await GapsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(villages.Where(c => c.StartsWith("500101")), Is.Empty);
            Assert.That(grids.Where(c => c.StartsWith("500101")), Is.Empty);
            Assert.That(courtyards.Where(c => c.StartsWith("500101")), Is.Empty);
        });
    }

    [Test]
    public async Task A_village_without_grids_then_a_grid_without_a_worker_show_as_gaps_until_a_worker_is_on_duty()
    {
        var village = NewCode("v");
        await MustPostAsync("/grids/units", new { code = village, name = "新村", level = "village", parentCode = Demo.Township });
        Assert.That((await GapsAsync()).Villages, Does.Contain(village));

        var grid = NewCode("g");
        await MustPostAsync("/grids/units", new { code = grid, name = "第1网格", level = "grid", parentCode = village });
        var gaps = await GapsAsync();
        Assert.That(gaps.Villages, Does.Not.Contain(village));
        Assert.That(gaps.Grids, Does.Contain(grid));

        // A courtyard lead is no grid worker.
        var courtyard = NewCode("c");
        await MustPostAsync("/grids/units", new { code = courtyard, name = "院落", level = "courtyard", parentCode = grid });
        await MustPostAsync("/grids/staff", new { name = "院落长", role = "courtyard-lead", unitCode = courtyard });
        Assert.That((await GapsAsync()).Grids, Does.Contain(grid));

        await MustPostAsync("/grids/staff", new { name = "兼职网格员", role = "grid-worker-part-time", unitCode = grid });
        Assert.That((await GapsAsync()).Grids, Does.Not.Contain(grid));
    }

    [Test]
    public async Task A_grid_whose_worker_goes_off_duty_is_a_gap_from_that_moment_and_duty_at_a_time_says_who_was_there()
    {
        var (_, grid, _) = await NewVillageAsync(courtyards: 1);
        var worker = await NewGridWorkerAsync(grid);
        var duty = (await GetAsync($"/grids/units/{grid}/duty")).EnumerateArray().Single();
        Assert.That(duty.GetProperty("staffId").GetString(), Is.EqualTo(worker));
        var dutyId = duty.GetProperty("id").GetGuid();
        var start = Time.GetUtcNow();

        var end = start.AddDays(2);
        var (ended, body) = await PostAsync($"/grids/duty/{dutyId}/end", new { at = end.ToString("O") });
        Assert.That(ended, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That((await GapsAsync()).Grids, Does.Not.Contain(grid), "still on duty until the end");

        Time.Advance(TimeSpan.FromDays(3));
        Assert.That((await GapsAsync()).Grids, Does.Contain(grid), "nobody on duty after the end");

        var at = Uri.EscapeDataString(start.AddDays(1).ToString("O"));
        Assert.That((await GetAsync($"/grids/units/{grid}/duty?at={at}")).EnumerateArray().Select(d => d.GetProperty("staffId").GetString()),
            Is.EqualTo(new[] { worker }), "on duty a day in");
        Assert.That((await GetAsync($"/grids/units/{grid}/duty")).GetArrayLength(), Is.Zero, "nobody now");
        var (bad, problem) = await SendAsync(HttpMethod.Get, $"/grids/units/{grid}/duty?at=yesterday");
        Assert.That(bad, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "at" }));

        // A second period starts: the grid is covered again.
        await MustPostAsync($"/grids/units/{grid}/duty", new { staffId = worker });
        Assert.That((await GapsAsync()).Grids, Does.Not.Contain(grid));
        var person = await GetAsync($"/grids/staff/{worker}");
        Assert.That(person.GetProperty("duties").GetArrayLength(), Is.EqualTo(2));
        Assert.That(person.GetProperty("person").GetProperty("version").GetInt64(), Is.EqualTo(3), "registered, period ended, period started");
    }

    [Test]
    public async Task Ending_a_duty_period_without_a_body_ends_it_now_and_ending_it_again_is_a_conflict()
    {
        var (_, grid, _) = await NewVillageAsync(courtyards: 0);
        await NewGridWorkerAsync(grid);
        var dutyId = (await GetAsync($"/grids/units/{grid}/duty")).EnumerateArray().Single().GetProperty("id").GetGuid();
        using (var response = await Http.PostAsync($"/grids/duty/{dutyId}/end", null))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await GapsAsync()).Grids, Does.Contain(grid));
        using var again = await Http.PostAsync($"/grids/duty/{dutyId}/end", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task A_worker_who_leaves_ends_every_duty_period_and_leaves_the_grid_uncovered()
    {
        var (_, grid, _) = await NewVillageAsync(courtyards: 1);
        var worker = await NewGridWorkerAsync(grid);
        await MustPostAsync($"/grids/staff/{worker}/leave", new { }, HttpStatusCode.OK);
        Assert.That((await GapsAsync()).Grids, Does.Contain(grid));
        var person = await GetAsync($"/grids/staff/{worker}");
        Assert.That(person.GetProperty("duties").EnumerateArray().All(d => d.GetProperty("until").ValueKind != System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task A_courtyard_left_without_a_grid_by_broken_data_shows_in_the_check()
    {
        var (village, _, courtyards) = await NewVillageAsync(courtyards: 1);
        // The API keeps levels consistent; data loaded before it (or edited by hand) may not be.
        await using (var c = await Host.Get<GridsDatabase>().OpenAsync())
            await c.ExecuteAsync("UPDATE units SET parent_code = @village WHERE code = @code", new { village, code = courtyards[0] });
        Assert.That((await GapsAsync()).Courtyards, Does.Contain(courtyards[0]));
    }

    [Test]
    public async Task The_first_releases_grid_worker_role_registers_a_full_time_worker_and_filters_both_kinds()
    {
        var (_, grid, _) = await NewVillageAsync(courtyards: 0);
        var full = await MustPostAsync("/grids/staff", new { name = "老网格员", role = "grid-worker", unitCode = grid });
        Assert.That(full.GetProperty("role").GetString(), Is.EqualTo("grid-worker-full-time"));
        await MustPostAsync("/grids/staff", new { name = "兼职", role = "grid-worker-part-time", unitCode = grid });
        var listed = await GetAsync($"/grids/staff?unitCode={grid}&role=grid-worker");
        Assert.That(listed.EnumerateArray().Select(s => s.GetProperty("role").GetString()),
            Is.EquivalentTo(new[] { "grid-worker-full-time", "grid-worker-part-time" }));
        var demo = await GetAsync($"/grids/staff?unitCode={Demo.Grid}&role=grid-worker-full-time");
        Assert.That(demo.GetArrayLength(), Is.EqualTo(1), "the demo's grid workers are full-time");
    }

    private static IEnumerable<TestCaseData> BadRegistrations()
    {
        yield return new TestCaseData(new { name = "甲", role = "grid-worker-full-time", unitCode = Demo.Village }, "unitCode").SetArgDisplayNames("grid worker at a village");
        yield return new TestCaseData(new { name = "乙", role = "village-chief", unitCode = Demo.Village }, "role").SetArgDisplayNames("unknown role");
        yield return new TestCaseData(new { name = "丙", role = "department-handler", unitCode = Demo.Township }, "departmentId").SetArgDisplayNames("handler without department");
        yield return new TestCaseData(new { name = "丁", role = "mediator", unitCode = Demo.Village, phone = "call me" }, "phone").SetArgDisplayNames("bad phone");
        yield return new TestCaseData(new { name = "戊", role = "mediator", unitCode = Demo.Village, idNumber = "12345" }, "idNumber").SetArgDisplayNames("bad id number");
        yield return new TestCaseData(new { name = "", role = "mediator", unitCode = Demo.Village }, "name").SetArgDisplayNames("no name");
    }

    [TestCaseSource(nameof(BadRegistrations))]
    public async Task A_bad_registration_names_the_field_and_registers_nobody(object body, string field)
    {
        var before = (await GetAsync($"/grids/staff?limit=5000")).GetArrayLength();
        var (status, problem) = await PostAsync("/grids/staff", body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { field }));
        Assert.That((await GetAsync($"/grids/staff?limit=5000")).GetArrayLength(), Is.EqualTo(before));
    }

    [Test]
    public async Task Personal_identifiers_are_stored_in_their_own_fields_and_returned_as_given_and_can_be_changed()
    {
        var id = NewCode("w");
        var registered = await MustPostAsync("/grids/staff", new
        {
            id, name = "冉春华", role = "village-handler", unitCode = Demo.Village, phone = "139 0000 2222", idNumber = "50010119800101001x",
        });
        Assert.That((registered.GetProperty("phone").GetString(), registered.GetProperty("idNumber").GetString()),
            Is.EqualTo(("139 0000 2222", "50010119800101001X")));
        var (status, changed) = await PatchAsync($"/grids/staff/{id}", new { phone = "13900003333" });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), changed.ToString());
        Assert.That((changed.GetProperty("phone").GetString(), changed.GetProperty("idNumber").GetString(), changed.GetProperty("version").GetInt64()),
            Is.EqualTo(("13900003333", "50010119800101001X", 2L)));
    }

    [Test]
    public async Task Every_change_to_a_person_is_announced_through_the_outbox_without_personal_identifiers()
    {
        var (_, grid, _) = await NewVillageAsync(courtyards: 0);
        var worker = await NewGridWorkerAsync(grid);
        await PatchAsync($"/grids/staff/{worker}", new { name = "Li Renamed" });
        await using var c = await Host.Get<GridsDatabase>().OpenAsync();
        var bodies = (await c.QueryAsync<string>("SELECT body FROM outbox_messages WHERE message_type = @type AND body LIKE @id",
            new { type = typeof(Contracts.StaffChanged).FullName, id = $"%\"{worker}\"%" })).ToList();
        Assert.That(bodies, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(bodies, Has.Some.Contains("Li Renamed"));
            Assert.That(bodies, Has.None.Contains("13900001111"), "the phone stays in Grids");
            Assert.That(bodies, Has.All.Contains("\"duties\":[{"));
        });
    }

    [Test]
    public async Task A_post_that_does_not_fit_or_a_field_that_cannot_change_is_refused_by_name_and_changes_nothing()
    {
        var (_, grid, _) = await NewVillageAsync(courtyards: 0);
        var worker = await NewGridWorkerAsync(grid);
        foreach (var (body, field, says) in new (object, string, string)[]
        {
            // A change of post is a PATCH too (it ends the person's sessions), but only to a post that fits the unit.
            (new { role = "county-administrator" }, "unitCode", "a county-administrator is on duty at a county"),
            (new { name = "改名", unitCode = Demo.County }, "unitCode", "is a county"),
            (new { name = "改名", leftAt = "2026-01-01T00:00:00Z" }, "leftAt", "POST /grids/staff/{id}/leave"),
            (new { phone = "13900007777", nickname = "小李" }, "nickname", "not a field of a person"),
        })
        {
            var (status, problem) = await PatchAsync($"/grids/staff/{worker}", body);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToString());
            Assert.That(ErrorFields(problem), Is.EqualTo(new[] { field }));
            Assert.That(problem.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(says));
        }
        var person = (await GetAsync($"/grids/staff/{worker}")).GetProperty("person");
        Assert.That((person.GetProperty("role").GetString(), person.GetProperty("unitCode").GetString(), person.GetProperty("name").GetString(),
            person.GetProperty("version").GetInt64()), Is.EqualTo(("grid-worker-full-time", grid, "测试网格员", 1L)), "nothing changed");
    }
}
