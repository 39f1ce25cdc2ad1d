using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.Open311;

/// <summary>
/// 接诉即办 (issue #14): every call is taken. What cannot be placed — outside every grid, an unknown address, no
/// location at all — is stored and waits in the county's triage queue (待分拨) unrouted, until a county
/// dispatcher places it on a grid or courtyard; then it is routed like any case. Only county dispatchers list
/// the queue and place (place-triage, docs/permissions.md): a grid worker's queue answer is 403 and the call
/// does not exist for him (404); a county supervisor reads the call but may not place it (403).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TriageTests : StandaloneFixture
{
    private static readonly AuthenticationHeaderValue Dispatcher = TestTokens.Bearer("cd-triage", Roles.CountyDispatcher, Demo.County);
    private static readonly AuthenticationHeaderValue Supervisor = TestTokens.Bearer("cs-triage", Roles.CountySupervisor, Demo.County);
    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("gw-triage", Roles.GridWorkerFullTime, Demo.Grid);

    private Task<Guid> CallAsync(params (string Field, string Value)[] fields) => Http.CallAsync(fields);

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string url, AuthenticationHeaderValue token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = token;
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> QueueAsync()
    {
        var (status, body) = await SendAsync(HttpMethod.Get, "/incidents/triage", Dispatcher);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        var page = JsonDocument.Parse(body).RootElement;
        Assert.That(page.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null), "the fixture's calls fit one page");
        return page.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static string Place(Guid id) => $"/incidents/{id}/place";

    [Test]
    public async Task A_call_outside_every_grid_waits_in_triage_until_a_county_dispatcher_places_it_and_is_then_routed()
    {
        // Outside the demo county (lat 30.5–31.1, lng 108.0–108.8), with an address nobody registered.
        var id = await CallAsync(("lat", "31.5"), ("long", "109.5"), ("address_string", "外县某村"), ("description", "桥面塌陷，车辆无法通行"),
            ("attribute[grade]", "III"));

        var waiting = (await QueueAsync()).Single(i => i.GetProperty("case").GetProperty("id").GetGuid() == id);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.GetProperty("case").GetProperty("status").GetString(), Is.EqualTo("triage"));
            Assert.That(waiting.GetProperty("case").GetProperty("unitCode").GetString(), Is.EqualTo(Demo.County));
            Assert.That(waiting.GetProperty("case").GetProperty("tier").ValueKind, Is.EqualTo(JsonValueKind.Null), "not routed");
            Assert.That(waiting.GetProperty("case").GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Has.Member("place-triage"));
            Assert.That(waiting.GetProperty("why").GetString(), Does.Contain("outside every grid").And.Contain("外县某村"));
        });
        var (_, asSupervisor) = await SendAsync(HttpMethod.Get, $"/incidents/{id}", Supervisor);
        Assert.That(JsonDocument.Parse(asSupervisor).RootElement.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()),
            Has.No.Member("place-triage"), "placing is the county dispatchers' alone");

        var (placed, body) = await SendAsync(HttpMethod.Post, Place(id), Dispatcher, new { unitCode = Demo.Courtyard });
        Assert.That(placed, Is.EqualTo(HttpStatusCode.OK), body);
        var routed = await Eventually.GetAsync(() => Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}"),
            i => i.GetProperty("status").GetString() == "assigned", TimeSpan.FromSeconds(30), "the placed call routed");
        Assert.Multiple(() =>
        {
            Assert.That(routed.GetProperty("unitCode").GetString(), Is.EqualTo(Demo.Courtyard));
            // facilities III starts on the village tier (the default routing policy).
            Assert.That(routed.GetProperty("tier").GetString(), Is.EqualTo("village"));
            Assert.That(routed.GetProperty("handlingUnitCode").GetString(), Is.EqualTo(Demo.Village));
            var entry = routed.GetProperty("timeline").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "placed");
            Assert.That(entry.GetProperty("actor").GetString(), Is.EqualTo("cd-triage"));
        });
        Assert.That((await QueueAsync()).Select(i => i.GetProperty("case").GetProperty("id").GetGuid()), Has.No.Member(id));
        var (again, _) = await SendAsync(HttpMethod.Post, Place(id), Dispatcher, new { unitCode = Demo.Courtyard });
        Assert.That(again, Is.EqualTo(HttpStatusCode.Conflict), "placed once: it has its unit");
    }

    [Test]
    public async Task A_call_without_any_location_is_taken_into_triage()
    {
        var id = await CallAsync(("description", "来电反映停水两天，未说明地点"));
        var waiting = (await QueueAsync()).Single(i => i.GetProperty("case").GetProperty("id").GetGuid() == id);
        Assert.That(waiting.GetProperty("why").GetString(), Does.Contain("without a location"));
        Assert.That(waiting.GetProperty("case").GetProperty("grade").GetString(), Is.EqualTo("IV"));
    }

    [Test]
    public async Task A_grid_worker_neither_lists_the_queue_nor_finds_a_call_in_it_and_a_supervisor_may_not_place()
    {
        var id = await CallAsync(("lat", "20.0"), ("long", "110.0"), ("description", "道路积水"));
        Assert.That((await SendAsync(HttpMethod.Get, "/incidents/triage", GridWorker)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await SendAsync(HttpMethod.Post, Place(id), GridWorker, new { unitCode = Demo.Courtyard })).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await SendAsync(HttpMethod.Get, $"/incidents/{id}", GridWorker)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await SendAsync(HttpMethod.Get, "/incidents/triage", Supervisor)).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await SendAsync(HttpMethod.Post, Place(id), Supervisor, new { unitCode = Demo.Courtyard })).Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}")).GetProperty("status").GetString(), Is.EqualTo("triage"));
    }

    [TestCase("999", TestName = "An unknown unit code")]
    [TestCase(Demo.Village, TestName = "A village's code")]
    [TestCase(null, TestName = "No unit code")]
    public async Task Placing_on_what_is_no_grid_or_courtyard_answers_400_naming_unitCode(string? unitCode)
    {
        var id = await CallAsync(("lat", "20.0"), ("long", "110.0"), ("description", "井盖缺失"));
        var (status, body) = await SendAsync(HttpMethod.Post, Place(id), Dispatcher, new { unitCode });
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("unitCode", out _), body);
        Assert.That((await Http.GetFromJsonAsync<JsonElement>($"/incidents/{id}")).GetProperty("status").GetString(), Is.EqualTo("triage"));
    }
}
