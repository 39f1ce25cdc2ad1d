using System.Globalization;
using System.Net;
using System.Text.Json;
using Governance.Grids.Data;
using Governance.Grids.Model;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>A patrol forgotten open (docs/assessment.md, "A patrol forgotten open"): with no sign of life for
/// Grids:Patrols:IdleEnd (4 hours) it is over, ended at its last sign of life by the system; what its worker
/// does later is not linked to it, and he starts a new one. A patrol that still hears from him stays open.</summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class IdlePatrolTests(Provider provider) : GridsFixture(provider)
{
    private static readonly TimeSpan IdleEnd = new PatrolOptions().IdleEnd;

    private static string At(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);

    private async Task<JsonElement> StartAsync(SignedIn worker) => await MustPostAsync("/grids/patrols", new { }, user: worker);

    private Task<JsonElement> PointAsync(Guid patrol, DateTimeOffset at, SignedIn worker) =>
        MustPostAsync($"/grids/patrols/{patrol}/points", new { points = new[] { new { lat = 29.5630, lng = 106.5510, at = At(at) } } }, HttpStatusCode.OK, worker);

    private async Task<JsonElement> PatrolAsync(Guid id, SignedIn worker)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/grids/patrols/{id}", user: worker);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body.GetProperty("visit");
    }

    /// <summary>The patrol's row as stored (not as a read shows it): its end and who ended it.</summary>
    private async Task<(long? EndedAtMs, string? EndedBy)> StoredAsync(Guid id)
    {
        await using var session = await Host.Get<GridsDatabase>().OpenReadAsync();
        var visit = await VisitStore.FindAsync(session, id);
        return (visit!.EndedAt?.ToUnixTimeMilliseconds(), visit.EndedBy);
    }

    private async Task<long> CasesFoundAsync(string personId)
    {
        await using var session = await Host.Get<GridsDatabase>().OpenReadAsync();
        return await session.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(value), 0) FROM assessment_months WHERE subject = @personId AND metric = 'cases-found'", new { personId });
    }

    [Test]
    public async Task An_idle_patrol_ends_at_its_last_point_takes_nothing_later_and_a_new_one_starts()
    {
        var (_, courtyard, worker) = await NewGridWithWorkerAsync();
        var subject = (await MustPostAsync("/grids/care/subjects", new
        {
            kind = "elderly-alone", name = "罗素珍", courtyardCode = courtyard, gridWorkerId = worker.User, visitEveryDays = 7,
        }, user: worker)).GetProperty("id").GetGuid();
        var patrol = await StartAsync(worker);
        var id = patrol.GetProperty("id").GetGuid();
        Time.Advance(TimeSpan.FromMinutes(10));
        var lastPoint = DateTimeOffset.FromUnixTimeMilliseconds(Time.GetUtcNow().ToUnixTimeMilliseconds());
        await PointAsync(id, lastPoint, worker);

        // He never pressed end; the next morning nothing has been heard of the patrol for far longer than the limit.
        Time.Advance(IdleEnd + TimeSpan.FromHours(12));
        Assert.That((await SendAsync(HttpMethod.Get, "/grids/patrols/current", user: worker)).Status, Is.EqualTo(HttpStatusCode.NoContent),
            "no patrol going on: the page offers to start one");
        var read = await PatrolAsync(id, worker);
        Assert.Multiple(() =>
        {
            Assert.That(read.GetProperty("endedAt").GetDateTimeOffset(), Is.EqualTo(lastPoint), "ended at its last point, not now");
            Assert.That(read.GetProperty("endedAutomatically").GetBoolean(), Is.True);
            Assert.That(read.GetProperty("endedBy").GetString(), Is.EqualTo(PatrolIdleEnd.Actor));
        });

        // What he does today is not the old patrol's.
        var visit = (await MustPostAsync($"/grids/care/subjects/{subject}/visits", new { findings = "老人精神好" }, user: worker)).GetProperty("id").GetGuid();
        var found = await CasesFoundAsync(worker.User);
        await FileAsync(courtyard, worker);
        await Eventually.GetAsync(() => CasesFoundAsync(worker.User), n => n == found + 1, TimeSpan.FromSeconds(30), "Grids to hear of the case");
        var (status, detail) = await SendAsync(HttpMethod.Get, $"/grids/patrols/{id}", user: worker);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(detail.GetProperty("links").GetArrayLength(), Is.Zero, $"nothing linked to the old patrol (care visit {visit}): {detail}");
        Assert.That(await StoredAsync(id), Is.EqualTo(((long?)lastPoint.ToUnixTimeMilliseconds(), (string?)PatrolIdleEnd.Actor)),
            "the end is written by the first thing that looked for his patrol");

        // He starts a new patrol (no 409), and what he does during it is linked to it.
        var next = (await StartAsync(worker)).GetProperty("id").GetGuid();
        var later = (await MustPostAsync($"/grids/care/subjects/{subject}/visits", new { findings = "再访" }, user: worker)).GetProperty("id").GetGuid();
        var links = (await SendAsync(HttpMethod.Get, $"/grids/patrols/{next}", user: worker)).Body.GetProperty("links");
        Assert.That(links.EnumerateArray().Select(l => l.GetProperty("id").GetGuid()), Is.EqualTo(new[] { later }));
    }

    [Test]
    public async Task A_patrol_started_and_forgotten_ends_at_its_start_and_a_late_end_says_so()
    {
        var (_, _, worker) = await NewGridWithWorkerAsync();
        var patrol = await StartAsync(worker);
        var id = patrol.GetProperty("id").GetGuid();
        var started = patrol.GetProperty("startedAt").GetDateTimeOffset();
        Time.Advance(IdleEnd + TimeSpan.FromMinutes(1));

        // He presses end at last: the patrol ends at its start (nothing was heard since), not now.
        var ended = await MustPostAsync($"/grids/patrols/{id}/end", new { }, HttpStatusCode.OK, worker);
        Assert.Multiple(() =>
        {
            Assert.That(ended.GetProperty("endedAt").GetDateTimeOffset(), Is.EqualTo(started));
            Assert.That(ended.GetProperty("endedAutomatically").GetBoolean(), Is.True);
        });
        var (status, problem) = await PostAsync($"/grids/patrols/{id}/points", new { points = new[] { new { lat = 29.56, lng = 106.55, at = At(Time.GetUtcNow()) } } }, worker);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), problem.ToString());
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("automatically"));
    }

    [Test]
    public async Task A_patrol_that_still_hears_from_its_worker_stays_open()
    {
        var (_, _, worker) = await NewGridWithWorkerAsync();
        var id = (await StartAsync(worker)).GetProperty("id").GetGuid();
        // Points keep coming, each within the limit of the last, for longer than the limit in all.
        for (var i = 0; i < 3; i++)
        {
            Time.Advance(IdleEnd - TimeSpan.FromMinutes(30));
            await PointAsync(id, Time.GetUtcNow(), worker);
        }
        Time.Advance(IdleEnd - TimeSpan.FromMinutes(1));

        var current = await SendAsync(HttpMethod.Get, "/grids/patrols/current", user: worker);
        Assert.That(current.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(current.Body.GetProperty("visit").GetProperty("id").GetGuid(), Is.EqualTo(id));
        Assert.That((await PatrolAsync(id, worker)).GetProperty("endedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await PostAsync("/grids/patrols", new { }, worker)).Status, Is.EqualTo(HttpStatusCode.Conflict), "one patrol at a time");
        Assert.That(await StoredAsync(id), Is.EqualTo(((long?)null, (string?)null)));
    }
}
