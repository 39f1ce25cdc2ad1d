using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// 合并 needs the same standing on both cases (who may resolve both, or stands above both), and never
/// lowers a case: found trying it from outside, a township dispatcher merged a grade II township case into
/// a courtyard's grade IV case, and a grid worker then closed it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MergeStandingTests : StandaloneFixture
{
    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("gw-merge", Roles.GridWorkerFullTime, Demo.Grid);
    private static readonly AuthenticationHeaderValue Township = TestTokens.Bearer("td-merge", Roles.TownshipDispatcher, Demo.Township);
    private static readonly AuthenticationHeaderValue County = TestTokens.Bearer("cs-merge", Roles.CountySupervisor, Demo.County);

    /// <summary>A case at the demo courtyard, once routed: "other" IV stays on the courtyard, "public-security" II goes to the township.</summary>
    private async Task<Guid> FileAsync(string category, string grade, string tier)
    {
        var filed = await Host.FileAsync(Demo.Courtyard, category, grade, "同一处积水");
        await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i?.Status == "assigned" && i.Tier == tier,
            TimeSpan.FromSeconds(30), $"the case routed to the {tier}");
        return filed.Id;
    }

    private async Task<(HttpStatusCode Status, string Body)> MergeAsync(Guid id, Guid into, AuthenticationHeaderValue who)
    {
        using var response = await Http.PostAsJsonAsync($"/incidents/{id}/merge", new { into }, who);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Holding_one_case_and_standing_above_the_other_is_not_enough_to_merge_them()
    {
        var (courtyard, township) = (await FileAsync("other", "IV", "courtyard"), await FileAsync("public-security", "II", "township"));
        Assert.That((await MergeAsync(township, courtyard, Township)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "holder of one, above the other");
        Assert.That((await MergeAsync(courtyard, township, Township)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "above one, holder of the other");
        Assert.That((await MergeAsync(courtyard, township, GridWorker)).Status, Is.EqualTo(HttpStatusCode.Forbidden), "holder of one, the place of the other");
        Assert.That((await Host.IncidentAsync(township))!.Status, Is.EqualTo("assigned"));
        Assert.That((await Host.IncidentAsync(courtyard))!.Status, Is.EqualTo("assigned"));
    }

    [Test]
    public async Task Above_both_the_lesser_case_merges_into_the_graver_one_and_never_the_other_way()
    {
        var (courtyard, township) = (await FileAsync("other", "IV", "courtyard"), await FileAsync("public-security", "II", "township"));
        var (down, problem) = await MergeAsync(township, courtyard, County);
        Assert.That(down, Is.EqualTo(HttpStatusCode.Conflict), problem);
        Assert.That(problem, Does.Contain("Merge the other way"));
        Assert.That((await Host.IncidentAsync(township))!.Status, Is.EqualTo("assigned"));

        var (up, merged) = await MergeAsync(courtyard, township, County);
        Assert.That(up, Is.EqualTo(HttpStatusCode.OK), merged);
        Assert.That(JsonDocument.Parse(merged).RootElement.GetProperty("mergedInto").GetGuid(), Is.EqualTo(township));
        var survivor = (await Host.IncidentAsync(township))!;
        Assert.That((survivor.Status, survivor.Tier), Is.EqualTo(("assigned", "township")));
    }
}
