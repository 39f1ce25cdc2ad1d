using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Settings;

/// <summary>
/// A unit's mediation sessions (#17 item 3): <c>GET /incidents/mediations?unitCode=</c> lists the sessions of the cases
/// at or below the unit, for its staff and those above it; another township is 403, an unknown unit 404, no unit 400.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class UnitMediationsTests : StandaloneFixture
{
    [Test]
    public async Task A_village_and_its_township_list_the_session_and_another_township_may_not()
    {
        var filed = await Host.FileAsync(Demo.Courtyard, "dispute", "III", "邻里漏水纠纷");
        await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Tier == "village", TimeSpan.FromSeconds(30), "routing to the village");
        var scheduled = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/mediations",
            new { mediators = new[] { "乡贤老王" }, parties = new[] { "张三", "李四" }, scheduledAt = DateTimeOffset.UtcNow.AddDays(2) });
        Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.Created), await scheduled.Content.ReadAsStringAsync());

        foreach (var (who, role, unit) in new[] { ("med-vh", Roles.VillageHandler, Demo.Village), ("med-td", Roles.TownshipDispatcher, Demo.Township) })
        {
            var (status, list) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/mediations?unitCode={unit}", TestTokens.Bearer(who, role, unit));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), list.ToString());
            var session = list.EnumerateArray().Single(s => s.GetProperty("incidentId").GetGuid() == filed.Id);
            Assert.That(session.GetProperty("title").GetString(), Is.EqualTo("邻里漏水纠纷"));
            Assert.That(session.GetProperty("mediators").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "乡贤老王" }));
        }

        const string otherTownship = "500101002000";
        var outsider = TestTokens.Bearer("med-other", Roles.TownshipDispatcher, otherTownship);
        Assert.That((await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/mediations?unitCode={Demo.Township}", outsider)).Status,
            Is.EqualTo(HttpStatusCode.Forbidden));
        var (own, ownList) = await Http.SendJsonAsync(HttpMethod.Get, $"/incidents/mediations?unitCode={otherTownship}", outsider);
        Assert.That(own, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ownList.EnumerateArray().Select(s => s.GetProperty("incidentId").GetGuid()), Does.Not.Contain(filed.Id), "not a case of his township");

        var village = TestTokens.Bearer("med-vh2", Roles.VillageHandler, Demo.Village);
        Assert.That((await Http.SendJsonAsync(HttpMethod.Get, "/incidents/mediations?unitCode=999999999999", village)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        var (missing, problem) = await Http.SendJsonAsync(HttpMethod.Get, "/incidents/mediations", village);
        Assert.That(missing, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem.GetProperty("errors").TryGetProperty("unitCode", out _), Is.True);
    }
}
