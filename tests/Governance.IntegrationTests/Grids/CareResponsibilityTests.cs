using System.Net;
using System.Text.Json;
using Governance.Grids.Data;
using Governance.Infrastructure.Data;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Grids;

/// <summary>
/// Who answers for a care subject, and in which order a care request is answered. The grid worker named
/// for a subject must be one posted at its grid (or courtyard): a worker elsewhere can neither read the
/// subject nor see its visits fall due (probe P11). A caller outside his reach is refused (403) before
/// anything is said about what he sent (400): docs/permissions.md orders 404, 403, 409, then 400 (P12).
/// </summary>
[TestFixture(Provider.Sqlite)]
[TestFixture(Provider.Postgres)]
public sealed class CareResponsibilityTests(Provider provider) : GridsFixture(provider)
{
    private const string Township2 = "500101002000";

    private async Task<(long Subjects, long Visits)> CountsAsync()
    {
        await using var session = await Host.Get<GridsDatabase>().OpenReadAsync();
        return (await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM care_subjects"),
            await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM visits WHERE kind = 'care'"));
    }

    private static object Subject(string courtyard, string gridWorkerId) =>
        new { kind = "elderly-alone", name = "谭桂兰", courtyardCode = courtyard, gridWorkerId };

    [Test]
    public async Task A_subject_is_given_only_to_a_grid_worker_posted_at_its_grid()
    {
        var (_, courtyard, worker) = await NewGridWithWorkerAsync();
        var (_, _, neighbour) = await NewGridWithWorkerAsync();
        var (_, _, elsewhere) = await NewGridWithWorkerAsync(Township2);
        var before = await CountsAsync();

        // The probe's request (the demo county's worker of another township), a worker of a grid next door, one of
        // another township: 400 naming gridWorkerId, whoever sends it.
        var probe = await PostAsync("/grids/care/subjects", Subject(Demo.Courtyard, "grid-worker-full-time-500101002001001"),
            SignedIn.GridWorker($"grid-worker-full-time-{Demo.Grid}", Demo.Grid));
        Assert.That(probe.Status, Is.EqualTo(HttpStatusCode.BadRequest), probe.Body.ToString());
        Assert.That(ErrorFields(probe.Body), Is.EqualTo(new[] { "gridWorkerId" }));
        foreach (var other in new[] { neighbour.User, elsewhere.User })
        {
            var (status, problem) = await PostAsync("/grids/care/subjects", Subject(courtyard, other), worker);
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), $"{other}: {problem}");
            Assert.That(ErrorFields(problem), Is.EqualTo(new[] { "gridWorkerId" }), other);
        }
        // The import registers as the API does: one such row and the file is refused.
        var csv = $"kind,name,courtyardCode,gridWorkerId\nelderly-alone,甲,{courtyard},{worker.User}\nelderly-alone,乙,{courtyard},{elsewhere.User}\n";
        var (refused, importProblem) = await PostTextAsync("/grids/import/care-subjects", csv, "text/csv", worker);
        Assert.That(refused, Is.EqualTo(HttpStatusCode.BadRequest), importProblem.ToString());
        Assert.That(ErrorFields(importProblem), Is.EqualTo(new[] { "rows[1].gridWorkerId" }));
        Assert.That(await CountsAsync(), Is.EqualTo(before), "nothing registered");

        // The worker of the courtyard's grid: registered, and he reads the subject.
        var id = (await MustPostAsync("/grids/care/subjects", Subject(courtyard, worker.User), user: worker)).GetProperty("id").GetGuid();
        Assert.That((await SendAsync(HttpMethod.Get, $"/grids/care/subjects/{id}", user: worker)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_caller_outside_his_reach_is_refused_before_what_he_sent_is_judged()
    {
        var (_, courtyard, worker) = await NewGridWithWorkerAsync();
        var (_, _, outsider) = await NewGridWithWorkerAsync(Township2);
        var subject = (await MustPostAsync("/grids/care/subjects", Subject(courtyard, worker.User), user: worker)).GetProperty("id").GetGuid();
        var before = await CountsAsync();

        // Wrong field by field (visitEveryDays a word, not a number): inside his reach, 400 naming each field;
        // outside it, 403.
        var badSubject = new { kind = "lonely", name = "", courtyardCode = courtyard, gridWorkerId = outsider.User, visitEveryDays = "weekly" };
        var inside = await PostAsync("/grids/care/subjects", badSubject, worker);
        Assert.That(inside.Status, Is.EqualTo(HttpStatusCode.BadRequest), inside.Body.ToString());
        Assert.That(ErrorFields(inside.Body), Is.EquivalentTo(new[] { "kind", "name", "gridWorkerId", "visitEveryDays" }));
        AssertForbidden(await PostAsync("/grids/care/subjects", badSubject, outsider));

        // A visit with no body at all, or a wrong one: the same order.
        var badVisit = new { findings = "", visitedAt = "yesterday", incident = new { category = "livelihood", grade = "V" } };
        foreach (var body in new object?[] { null, badVisit })
        {
            var visit = await SendAsync(HttpMethod.Post, $"/grids/care/subjects/{subject}/visits", body, worker);
            Assert.That(visit.Status, Is.EqualTo(HttpStatusCode.BadRequest), visit.Body.ToString());
            Assert.That(ErrorFields(visit.Body), body is null ? Is.EqualTo(new[] { "body" }) : Does.Contain("findings"));
            AssertForbidden(await SendAsync(HttpMethod.Post, $"/grids/care/subjects/{subject}/visits", body, outsider));
        }

        // A file with a row that does not fit the header: the same order.
        var csv = $"kind,name,courtyardCode,gridWorkerId\nelderly-alone,甲,{courtyard},{worker.User}\nelderly-alone,乙\n";
        var inFile = await PostTextAsync("/grids/import/care-subjects", csv, "text/csv", worker);
        Assert.That(inFile.Status, Is.EqualTo(HttpStatusCode.BadRequest), inFile.Body.ToString());
        Assert.That(ErrorFields(inFile.Body), Is.EqualTo(new[] { "rows[1]" }));
        AssertForbidden(await PostTextAsync("/grids/import/care-subjects", csv, "text/csv", outsider));

        Assert.That(await CountsAsync(), Is.EqualTo(before), "nothing registered, no visit recorded");
    }

    private static void AssertForbidden((HttpStatusCode Status, JsonElement Body) answer)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden), answer.Body.ToString());
        Assert.That(answer.Body.GetProperty("title").GetString(), Is.EqualTo("Not yours to do"));
    }
}
