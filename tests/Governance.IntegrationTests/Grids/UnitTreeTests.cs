using System.Net;
using Dapper;
using Governance.Dispatch.Data;
using Governance.Incidents.Data;
using Governance.Infrastructure.UnitCopy;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>The unit tree: create, rename, move (re-gridding), split and merge, retire; history and versions.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class UnitTreeTests(Provider provider) : GridsFixture(provider)
{
    [Test]
    public async Task Renaming_and_moving_a_courtyard_bump_its_version_per_change_and_keep_the_history_with_who_and_when()
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1);
        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0);
        var courtyard = courtyards[0];

        var (status, renamed) = await PatchAsync($"/grids/units/{courtyard}", new { name = "银杏院落" }, user: "gw-li");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), renamed.ToString());
        Assert.That((renamed.GetProperty("name").GetString(), renamed.GetProperty("version").GetInt64()), Is.EqualTo(("银杏院落", 2L)));

        Time.Advance(TimeSpan.FromMinutes(5));
        var (moveStatus, moved) = await PatchAsync($"/grids/units/{courtyard}", new { parentCode = otherGrid }, user: "township-admin");
        Assert.That(moveStatus, Is.EqualTo(HttpStatusCode.OK), moved.ToString());
        Assert.That((moved.GetProperty("parentCode").GetString(), moved.GetProperty("version").GetInt64()), Is.EqualTo((otherGrid, 3L)));

        var history = (await GetAsync($"/grids/units/{courtyard}/history")).EnumerateArray().ToList();
        Assert.That(history.Select(h => h.GetProperty("change").GetString()), Is.EqualTo(new[] { "created", "renamed", "moved" }));
        var move = history[2];
        Assert.Multiple(() =>
        {
            Assert.That(move.GetProperty("from").GetString(), Is.EqualTo(grid));
            Assert.That(move.GetProperty("to").GetString(), Is.EqualTo(otherGrid));
            Assert.That(move.GetProperty("changedBy").GetString(), Is.EqualTo("township-admin"));
            Assert.That(move.GetProperty("version").GetInt64(), Is.EqualTo(3));
            Assert.That(move.GetProperty("changedAt").GetDateTimeOffset(), Is.EqualTo(history[1].GetProperty("changedAt").GetDateTimeOffset() + TimeSpan.FromMinutes(5)));
            Assert.That(history[1].GetProperty("from").GetString(), Is.EqualTo("测试院落1"));
        });
        var path = await GetAsync($"/grids/units/{courtyard}/path");
        Assert.That(Codes(path)[1], Is.EqualTo(otherGrid));
    }

    [Test]
    public async Task A_rename_and_a_move_in_one_request_are_two_changes_and_two_versions()
    {
        var (_, _, courtyards) = await NewVillageAsync(courtyards: 1);
        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0);
        var (status, body) = await PatchAsync($"/grids/units/{courtyards[0]}", new { name = "新名", parentCode = otherGrid });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("version").GetInt64(), Is.EqualTo(3));
        var history = await GetAsync($"/grids/units/{courtyards[0]}/history");
        Assert.That(history.EnumerateArray().Select(h => h.GetProperty("version").GetInt64()), Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    private static IEnumerable<TestCaseData> InconsistentMoves()
    {
        yield return new TestCaseData("courtyard", Demo.Village, "belongs under a grid").SetArgDisplayNames("courtyard under a village");
        yield return new TestCaseData("courtyard", Demo.Courtyard, "belongs under a grid").SetArgDisplayNames("courtyard under a courtyard");
        yield return new TestCaseData("grid", Demo.Grid, "belongs under a village").SetArgDisplayNames("grid under a grid");
        yield return new TestCaseData("grid", Demo.Township, "belongs under a village").SetArgDisplayNames("grid under a township");
        yield return new TestCaseData("courtyard", "no-such-unit", "not a known unit").SetArgDisplayNames("unknown parent");
    }

    [TestCaseSource(nameof(InconsistentMoves))]
    public async Task A_move_that_breaks_the_levels_is_refused_naming_parentCode(string level, string parentCode, string why)
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1);
        var code = level == "grid" ? grid : courtyards[0];
        var (status, problem) = await PatchAsync($"/grids/units/{code}", new { parentCode });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "parentCode" }));
        Assert.That(problem.ToString(), Does.Contain(why));
        Assert.That((await GetAsync($"/grids/units/{code}")).GetProperty("version").GetInt64(), Is.EqualTo(1), "nothing changed");
    }

    [Test]
    public async Task Creating_checks_code_name_level_and_the_parents_level_and_refuses_a_taken_code()
    {
        var (status, problem) = await PostAsync("/grids/units", new { code = "bad code!", name = "", level = "hamlet", parentCode = Demo.Village });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(ErrorFields(problem), Is.EquivalentTo(new[] { "code", "name", "level" }));

        var (wrongParent, body) = await PostAsync("/grids/units", new { code = NewCode("c"), name = "院", level = "courtyard", parentCode = Demo.Township });
        Assert.That(wrongParent, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());

        var (taken, conflict) = await PostAsync("/grids/units", new { code = Demo.Courtyard, name = "重复", level = "courtyard", parentCode = Demo.Grid });
        Assert.That(taken, Is.EqualTo(HttpStatusCode.Conflict), conflict.ToString());
    }

    [Test]
    public async Task Splitting_a_grid_moves_courtyards_into_a_new_grid_and_merging_retires_the_emptied_one_which_stays_readable()
    {
        var (village, gridA, courtyards) = await NewVillageAsync(courtyards: 2);
        var gridB = NewCode("g");
        await MustPostAsync("/grids/units", new { code = gridB, name = "第二网格", level = "grid", parentCode = village });
        // Split: one courtyard to the new grid.
        Assert.That((await PatchAsync($"/grids/units/{courtyards[1]}", new { parentCode = gridB })).Status, Is.EqualTo(HttpStatusCode.OK));

        // Merge B back into A... the other way round: A's last courtyard to B, then A retires.
        var (refused, why) = await PostAsync($"/grids/units/{gridA}/retire", new { });
        Assert.That(refused, Is.EqualTo(HttpStatusCode.Conflict), "a grid with courtyards cannot retire");
        Assert.That(why.GetProperty("detail").GetString(), Does.Contain("1 unit(s) under it"));
        Assert.That((await PatchAsync($"/grids/units/{courtyards[0]}", new { parentCode = gridB })).Status, Is.EqualTo(HttpStatusCode.OK));
        var retired = await MustPostAsync($"/grids/units/{gridA}/retire", new { }, HttpStatusCode.OK, user: "county-admin");
        Assert.That(retired.GetProperty("retired").GetBoolean(), Is.True);

        var read = await GetAsync($"/grids/units/{gridA}");
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("retiredAt").GetDateTimeOffset(), Is.EqualTo(Time.GetUtcNow()).Within(TimeSpan.FromSeconds(1)));
            Assert.That(read.GetProperty("version").GetInt64(), Is.EqualTo(2));
        });
        Assert.That(Codes(await GetAsync($"/grids/units?parentCode={village}")), Is.EqualTo(new[] { gridB }), "retired units are left out by default");
        Assert.That(Codes(await GetAsync($"/grids/units?parentCode={village}&includeRetired=true")), Is.EquivalentTo(new[] { gridA, gridB }));
        var history = await GetAsync($"/grids/units/{gridA}/history");
        Assert.That(history.EnumerateArray().Last().GetProperty("change").GetString(), Is.EqualTo("retired"));

        Assert.That((await PatchAsync($"/grids/units/{gridA}", new { name = "复活" })).Status, Is.EqualTo(HttpStatusCode.Conflict));
        var (underRetired, problem) = await PostAsync("/grids/units", new { code = NewCode("c"), name = "院", level = "courtyard", parentCode = gridA });
        Assert.That(underRetired, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.ToString(), Does.Contain("retired"));
    }

    [Test]
    public async Task Every_change_reaches_the_unit_copies_of_Incidents_and_Dispatch_with_its_version_and_retired_flag()
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1);
        var (_, otherGrid, _) = await NewVillageAsync(courtyards: 0);
        await PatchAsync($"/grids/units/{courtyards[0]}", new { parentCode = otherGrid });
        Assert.That((await PostAsync($"/grids/units/{grid}/retire", new { })).Status, Is.EqualTo(HttpStatusCode.OK));

        foreach (var database in new Infrastructure.Data.Database[] { Host.Get<IncidentsDatabase>(), Host.Get<DispatchDatabase>() })
        {
            await Eventually.GetAsync(async () =>
            {
                await using var c = await database.OpenReadAsync();
                var moved = await UnitCopyStore.FindAsync(c, courtyards[0]);
                var retired = await UnitCopyStore.FindAsync(c, grid);
                return moved?.ParentCode == otherGrid && retired?.Retired == true ? "current" : null;
            }, _ => true, TimeSpan.FromSeconds(30), $"{database.ServiceName}'s copy to follow the move and the retirement");
            await using var connection = await database.OpenAsync();
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT version FROM unit_copy WHERE code = @grid", new { grid }), Is.EqualTo(2));
        }
    }
}
