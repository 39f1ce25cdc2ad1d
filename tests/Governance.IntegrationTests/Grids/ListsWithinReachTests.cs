using System.Net;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// Lists of people and care subjects are cut into pages from what the caller may see: a township
/// dispatcher asking for three people gets three of his township, not the first three of the county
/// with the others' left out afterwards (found probing from outside: he got none).
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class ListsWithinReachTests(Provider provider) : GridsFixture(provider)
{
    private const string Township2 = "500101002000";

    private async Task<List<string>> PageAsync(string url, string key, SignedIn user)
    {
        var (status, page) = await SendAsync(HttpMethod.Get, url, user: user);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), $"{url}: {page}");
        return page.EnumerateArray().Select(e => e.GetProperty(key).GetString()!).ToList();
    }

    [Test]
    public async Task A_township_dispatcher_pages_over_the_staff_of_his_own_township()
    {
        // Staff are ordered by unit code: the county's people come first, and township 1's before his.
        var dispatcher = new SignedIn("dispatcher-2", Roles.TownshipDispatcher, Township2);
        var first = await PageAsync("/grids/staff?limit=3", "id", dispatcher);
        var second = await PageAsync("/grids/staff?limit=3&offset=3", "id", dispatcher);
        var units = await PageAsync("/grids/staff?limit=6", "unitCode", dispatcher);

        Assert.That(first, Has.Count.EqualTo(3));
        Assert.That(second, Has.Count.EqualTo(3));
        Assert.That(first.Intersect(second), Is.Empty, "the second page follows the first");
        Assert.That(units, Has.All.StartsWith("500101002"), "only his township's people");
    }

    [Test]
    public async Task A_grid_worker_pages_over_the_care_subjects_of_his_grid()
    {
        var (_, grid, courtyards) = await NewVillageAsync(courtyards: 1, township: Township2);
        var worker = await NewGridWorkerAsync(grid);
        var user = SignedIn.GridWorker(worker, grid);
        var registered = new List<string>();
        foreach (var name in new[] { "甲", "乙", "丙" })
            registered.Add((await MustPostAsync("/grids/care/subjects", new
            {
                kind = "elderly-alone", name, courtyardCode = courtyards[0], gridWorkerId = worker,
            }, user: user)).GetProperty("id").GetString()!);

        var first = await PageAsync("/grids/care/subjects?limit=2", "id", user);
        var rest = await PageAsync("/grids/care/subjects?limit=2&offset=2", "id", user);
        Assert.That(first.Concat(rest), Is.EquivalentTo(registered), "the three subjects of his grid, in two pages");
    }
}
