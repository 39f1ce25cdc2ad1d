using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.ReturnVisits;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.InHand;

/// <summary>
/// 包案 (issue #16): a leader linked to the place (联系点) takes a case in hand; the case names him, it is in his own
/// queue, he reads every step; once verified solved it waits (status "verified") and closes only with his sign-off —
/// also when the resident's 回访 answer verified it; the dashboard counts the cases in hand and how they ended.
/// Leaders' tokens carry their linked units (leader-unit claims) as Grids will issue them.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class InHandTests
{
    private const string OtherTownship = "500101002000";
    private ReturnVisitHarness _h = null!;
    private HttpClient Http => _h.Http;

    // A township's leader (a post on top of his own role elsewhere), linked to the demo township: the place lies below it.
    private static readonly AuthenticationHeaderValue Leader =
        TestTokens.Bearer("leader-li", Roles.TownshipDispatcher, OtherTownship, leaderUnits: [Demo.Township]);
    private static readonly AuthenticationHeaderValue OtherLeader =
        TestTokens.Bearer("leader-wang", Roles.TownshipDispatcher, OtherTownship, leaderUnits: [Demo.Village]);
    private static readonly AuthenticationHeaderValue UnlinkedLeader =
        TestTokens.Bearer("leader-zhao", Roles.TownshipDispatcher, OtherTownship, leaderUnits: [OtherTownship]);
    private static readonly AuthenticationHeaderValue GridWorker = TestTokens.Bearer("gw-in-hand", Roles.GridWorker, Demo.Grid);
    private static readonly AuthenticationHeaderValue Supervisor = TestTokens.Verifier("supervisor-in-hand");

    [OneTimeSetUp]
    public async Task StartAsync() => _h = await ReturnVisitHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _h.DisposeAsync();

    private Task<HttpResponseMessage> TakeAsync(Guid id, AuthenticationHeaderValue who, string? instructions = null) =>
        Http.PostAsJsonAsync($"/incidents/{id}/in-hand", new { instructions }, who);

    private Task<HttpResponseMessage> SignOffAsync(Guid id, AuthenticationHeaderValue who, string? note = null) =>
        Http.PostAsJsonAsync($"/incidents/{id}/sign-off", new { note }, who);

    private async Task<JsonElement> ReadAsync(Guid id, AuthenticationHeaderValue who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/{id}") { Headers = { Authorization = who } };
        var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<Guid>> QueueAsync(AuthenticationHeaderValue who, bool open = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/incidents/in-hand?open={(open ? "true" : "false")}") { Headers = { Authorization = who } };
        var response = await Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!.Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    private async Task<JsonElement> FiguresAsync() =>
        await Http.GetFromJsonAsync<JsonElement>($"/incidents/dashboard/in-hand?unitCode={Demo.Township}");

    private static async Task AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status, string what) =>
        Assert.That(response.StatusCode, Is.EqualTo(status), $"{what}: {await response.Content.ReadAsStringAsync()}");

    private static IEnumerable<string> Actions(JsonElement view) =>
        view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!);

    [Test]
    public async Task A_case_in_hand_cannot_close_without_the_leader()
    {
        var before = await FiguresAsync();
        var id = await _h.FileAsync(phone: null);

        await AssertStatusAsync(await TakeAsync(id, GridWorker), HttpStatusCode.Forbidden, "a grid worker of the place");
        await AssertStatusAsync(await TakeAsync(id, UnlinkedLeader), HttpStatusCode.NotFound, "a leader linked elsewhere cannot read it");
        await AssertStatusAsync(await TakeAsync(id, Leader, new string('长', 1001)), HttpStatusCode.BadRequest, "instructions too long");
        Assert.That(Actions(await ReadAsync(id, Leader)), Does.Contain("take-in-hand").And.Not.Contain("sign-off"));

        var taken = await TakeAsync(id, Leader, "<b>三日内</b>化解，每日报进展");
        await AssertStatusAsync(taken, HttpStatusCode.OK, "the linked leader takes it in hand");
        var view = await taken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(view.GetProperty("inHand").GetProperty("leader").GetString(), Is.EqualTo("leader-li"));
        var entry = view.GetProperty("timeline").EnumerateArray().Last();
        Assert.That((entry.GetProperty("action").GetString(), entry.GetProperty("actor").GetString(), entry.GetProperty("reason").GetString()),
            Is.EqualTo(("taken-in-hand", "leader-li", "<b>三日内</b>化解，每日报进展")));
        Assert.That(Actions(view), Does.Not.Contain("take-in-hand"), "taken once");
        await AssertStatusAsync(await TakeAsync(id, Supervisor), HttpStatusCode.Conflict, "a second leader on the same case");
        Assert.That(await QueueAsync(Leader), Does.Contain(id), "in his own queue");
        Assert.That(await QueueAsync(OtherLeader), Does.Not.Contain(id), "not in another leader's");

        await AssertStatusAsync(await SignOffAsync(id, Leader), HttpStatusCode.Conflict, "sign-off before verification");
        await _h.ResolveAsync(id);
        await AssertStatusAsync(await SignOffAsync(id, Leader), HttpStatusCode.Conflict, "sign-off before verification (resolved)");
        var verified = await Http.PostAsJsonAsync($"/incidents/{id}/verification", new { result = "solved", satisfaction = "satisfied" }, TestTokens.Verifier());
        await AssertStatusAsync(verified, HttpStatusCode.OK, "verification");
        Assert.That((await verified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("verified"),
            "verified, not closed: it waits for the leader");
        Assert.That(Actions(await ReadAsync(id, Leader)), Does.Contain("sign-off"));
        Assert.That((await FiguresAsync()).GetProperty("awaitingSignOff").GetInt64() - before.GetProperty("awaitingSignOff").GetInt64(), Is.EqualTo(1));

        await AssertStatusAsync(await SignOffAsync(id, OtherLeader), HttpStatusCode.Forbidden, "another leader linked to the place");
        await AssertStatusAsync(await SignOffAsync(id, Supervisor), HttpStatusCode.Forbidden, "a county supervisor above");
        await AssertStatusAsync(await SignOffAsync(id, GridWorker), HttpStatusCode.Forbidden, "a grid worker");
        await AssertStatusAsync(await SignOffAsync(id, UnlinkedLeader), HttpStatusCode.NotFound, "a leader linked elsewhere");
        Assert.That((await _h.Environment.Host.IncidentAsync(id))!.Status, Is.EqualTo("verified"), "still waiting for him");

        var signed = await SignOffAsync(id, Leader, "同意办结");
        await AssertStatusAsync(signed, HttpStatusCode.OK, "the leader signs off");
        var closed = (await _h.Environment.Host.IncidentAsync(id))!;
        Assert.That(closed.Status, Is.EqualTo("closed"));
        Assert.That(closed.Timeline.Select(e => (e.Action, e.Actor)).TakeLast(2),
            Is.EqualTo(new[] { ("verified", "test-verifier"), ("signed-off", "leader-li") }));
        await AssertStatusAsync(await SignOffAsync(id, Leader), HttpStatusCode.Conflict, "signed off twice");

        Assert.That(await QueueAsync(Leader), Does.Not.Contain(id), "no longer open in his queue");
        Assert.That(await QueueAsync(Leader, open: false), Does.Contain(id), "but listed with the ended ones");
        var after = await FiguresAsync();
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("taken").GetInt64() - before.GetProperty("taken").GetInt64(), Is.EqualTo(1));
            Assert.That(after.GetProperty("signedOff").GetInt64() - before.GetProperty("signedOff").GetInt64(), Is.EqualTo(1));
            Assert.That(after.GetProperty("signedOffSatisfied").GetInt64() - before.GetProperty("signedOffSatisfied").GetInt64(), Is.EqualTo(1));
            Assert.That(after.GetProperty("awaitingSignOff").GetInt64(), Is.EqualTo(before.GetProperty("awaitingSignOff").GetInt64()));
        });
    }

    [Test]
    public async Task The_residents_satisfied_answer_waits_for_the_leaders_sign_off_too()
    {
        var id = await _h.FileAsync();
        await AssertStatusAsync(await TakeAsync(id, Supervisor), HttpStatusCode.OK, "a county supervisor takes it in hand");
        var texts = _h.Sms.Requests.Count;
        await _h.ResolveAsync(id);
        var (_, token) = await _h.TextAsync(texts, "the 回访 text");

        var answered = await _h.AnswerAsync(token, new { satisfaction = "satisfied" });
        await AssertStatusAsync(answered, HttpStatusCode.OK, "the resident's answer");
        Assert.That((await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseStatus").GetString(), Is.EqualTo("verified"));
        Assert.That((await _h.Environment.Host.IncidentAsync(id))!.Status, Is.EqualTo("verified"), "not closed by the resident's answer alone");

        await AssertStatusAsync(await SignOffAsync(id, Leader), HttpStatusCode.Forbidden, "a leader who did not take it in hand");
        await AssertStatusAsync(await SignOffAsync(id, Supervisor), HttpStatusCode.OK, "the supervisor who took it in hand");
        Assert.That((await _h.Environment.Host.IncidentAsync(id))!.Status, Is.EqualTo("closed"));
    }
}
