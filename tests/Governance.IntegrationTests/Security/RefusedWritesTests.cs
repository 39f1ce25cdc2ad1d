using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Security;

/// <summary>
/// Well-formed writes the services refuse — not his to do (403), not his to know (404), wrong (400) — in
/// Grids, Incidents and Dispatch, each answered as expected, and together they change no row of any
/// table of the three databases: data, outbox, inbox, read models. (Malformed input to every endpoint:
/// BadInputCorpusTests; Grids' refusals on PostgreSQL too: GridsAuthorityTests.)
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RefusedWritesTests : StandaloneFixture
{
    private const string Township2 = "500101002000";
    private const string GridWorker = "grid-worker-full-time-" + Demo.Grid;

    private Guid _case;
    private string _subject = null!;

    private static readonly AuthenticationHeaderValue Worker = TestTokens.Bearer(GridWorker, Roles.GridWorkerFullTime, Demo.Grid);
    private static readonly AuthenticationHeaderValue OtherDispatcher = TestTokens.Bearer("township-dispatcher-" + Township2, Roles.TownshipDispatcher, Township2);
    private static readonly AuthenticationHeaderValue Administrator = TestTokens.Bearer("county-administrator-" + Demo.County, Roles.CountyAdministrator);

    [OneTimeSetUp]
    public async Task FileACaseAndASubjectAsync()
    {
        var filed = await Host.FileAsync(Demo.Courtyard, "other", "IV");
        _case = filed.Id;
        await Eventually.GetAsync(() => Host.IncidentAsync(_case), i => i.Status == "assigned", TimeSpan.FromSeconds(30), "routing");
        var subject = await Http.PostAsJsonAsync("/grids/care/subjects",
            new { kind = "elderly-alone", name = "谭桂兰", courtyardCode = Demo.Courtyard, gridWorkerId = GridWorker }, Worker);
        Assert.That(subject.StatusCode, Is.EqualTo(HttpStatusCode.Created), await subject.Content.ReadAsStringAsync());
        _subject = (await subject.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private IEnumerable<(string What, HttpMethod Method, string Path, AuthenticationHeaderValue Who, object Body, HttpStatusCode Status)> Refusals() =>
    [
        ("grids: a grid worker renames his township", HttpMethod.Patch, $"/grids/units/{Demo.Township}", Worker, new { name = "改名镇" }, HttpStatusCode.Forbidden),
        ("grids: nobody of that id", HttpMethod.Patch, "/grids/staff/no-such-person", Administrator, new { name = "某人" }, HttpStatusCode.NotFound),
        ("grids: a role changed by PATCH", HttpMethod.Patch, $"/grids/staff/{GridWorker}", Administrator, new { role = "county-administrator" }, HttpStatusCode.BadRequest),
        ("grids: a visit in another township's dispatcher's name", HttpMethod.Post, $"/grids/care/subjects/{_subject}/visits", Worker,
            new { findings = "走访", visitedBy = "township-dispatcher-" + Township2 }, HttpStatusCode.BadRequest),
        ("incidents: another township's dispatcher accepts", HttpMethod.Post, $"/incidents/{_case}/accept", OtherDispatcher, new { }, HttpStatusCode.NotFound),
        ("incidents: the county administrator (no handler) accepts", HttpMethod.Post, $"/incidents/{_case}/accept", Administrator, new { }, HttpStatusCode.Forbidden),
        ("incidents: a filing without a title", HttpMethod.Post, "/incidents", Worker,
            new { unitCode = Demo.Courtyard, category = "other", grade = "IV", title = "", description = "d" }, HttpStatusCode.BadRequest),
        ("dispatch: a grid worker changes the routing policy", HttpMethod.Put, "/dispatch/policy", Worker, new { }, HttpStatusCode.Forbidden),
        ("dispatch: another township's dispatcher urges", HttpMethod.Post, $"/dispatch/assignments/{_case}/urge", OtherDispatcher, new { note = "快办" }, HttpStatusCode.NotFound),
        ("dispatch: a notice rule without a name", HttpMethod.Post, "/dispatch/notices/subscriptions", Administrator,
            new { name = "", events = new[] { "routed" }, channel = "webhook", url = "https://notice.example.cn/hook" }, HttpStatusCode.BadRequest),
    ];

    [Test]
    public async Task Refused_writes_in_all_three_services_are_answered_as_refusals_and_change_no_row()
    {
        var before = await ServiceTables.SnapshotAsync(Environment.DataFolder);
        using var http = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }.InEnglish();
        foreach (var (what, method, path, who, body, status) in Refusals())
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = who;
            using var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(status), $"{what}: {await response.Content.ReadAsStringAsync()}");
        }
        Assert.That(ServiceTables.Changes(before, await ServiceTables.SnapshotAsync(Environment.DataFolder)), Is.Empty);
    }
}
