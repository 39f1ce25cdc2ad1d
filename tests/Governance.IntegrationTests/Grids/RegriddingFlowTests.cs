using System.Net;
using System.Net.Http.Json;
using Governance.Dispatch.Data;
using Governance.Incidents.Data;
using Governance.Infrastructure.UnitCopy;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>Re-gridding as the other services see it: through UnitsUpserted into their copies.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class RegriddingFlowTests(Provider provider) : GridsFixture(provider)
{
    private Task<IncidentJson> WaitForAsync(Guid id, Func<IncidentJson, bool> done, string what) =>
        Eventually.GetAsync(() => Host.IncidentAsync(id), done, TimeSpan.FromSeconds(30), what);

    private async Task WaitForCopiesAsync(string code, Func<CopiedUnit, bool> current, string what)
    {
        foreach (var database in new Infrastructure.Data.Database[] { Host.Get<IncidentsDatabase>(), Host.Get<DispatchDatabase>() })
            await Eventually.GetAsync(async () =>
            {
                await using var c = await database.OpenReadAsync();
                return await UnitCopyStore.FindAsync(c, code) is { } unit && current(unit) ? unit : null;
            }, _ => true, TimeSpan.FromSeconds(30), $"{database.ServiceName}: {what}");
    }

    [Test]
    public async Task A_courtyard_moved_to_a_grid_in_another_village_routes_new_cases_to_its_new_village_while_an_old_case_keeps_its_filed_unit()
    {
        var (oldVillage, _, courtyards) = await NewVillageAsync(courtyards: 1);
        var courtyard = courtyards[0];
        await WaitForCopiesAsync(courtyard, _ => true, "the new courtyard");

        // A dispute (IV) starts at village mediation: the village above the courtyard.
        var before = await Host.FileAsync(courtyard, "dispute", "IV", "搬迁前的纠纷");
        var routedBefore = await WaitForAsync(before.Id, i => i.Status == "assigned", "routing before the move");
        Assert.That((routedBefore.Tier, routedBefore.HandlingUnitCode), Is.EqualTo(("village", oldVillage)));

        // Re-gridding: the courtyard now belongs to a grid of another village (in another township, too).
        var newVillage = "500101002001";
        var newGrid = "500101002001001";
        var (status, moved) = await PatchAsync($"/grids/units/{courtyard}", new { parentCode = newGrid }, user: "county-admin");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), moved.ToString());
        await WaitForCopiesAsync(courtyard, u => u.ParentCode == newGrid, "the courtyard under its new grid");

        var after = await Host.FileAsync(courtyard, "dispute", "IV", "搬迁后的纠纷");
        var routedAfter = await WaitForAsync(after.Id, i => i.Status == "assigned", "routing after the move");
        Assert.That((routedAfter.Tier, routedAfter.HandlingUnitCode), Is.EqualTo(("village", newVillage)));

        var old = (await Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/incidents/{before.Id}"));
        Assert.Multiple(() =>
        {
            Assert.That(old.GetProperty("unitCode").GetString(), Is.EqualTo(courtyard), "the old case keeps the unit it was filed at");
            Assert.That(old.GetProperty("handlingUnitCode").GetString(), Is.EqualTo(oldVillage), "and the village that took it");
        });
    }

    [Test]
    public async Task A_retired_courtyard_takes_no_new_case_but_a_case_filed_there_before_still_reads_with_it()
    {
        var (_, _, courtyards) = await NewVillageAsync(courtyards: 1);
        var courtyard = courtyards[0];
        await WaitForCopiesAsync(courtyard, _ => true, "the new courtyard");
        var earlier = await Host.FileAsync(courtyard, "facilities", "IV", "路灯不亮");

        Assert.That((await PostAsync($"/grids/units/{courtyard}/retire", new { })).Status, Is.EqualTo(HttpStatusCode.OK));
        await WaitForCopiesAsync(courtyard, u => u.Retired, "the retirement");

        var (refused, problem) = await PostAsync("/incidents", new { unitCode = courtyard, category = "facilities", grade = "IV", title = "又坏了", description = "路灯" });
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").GetProperty("unitCode")[0].GetString(), Does.Contain("retired"));

        var old = await Host.IncidentAsync(earlier.Id);
        Assert.That(old!.Timeline.First().UnitCode, Is.EqualTo(courtyard));
        Assert.That((await GetAsync($"/grids/units/{courtyard}")).GetProperty("retired").GetBoolean(), Is.True);
    }
}
