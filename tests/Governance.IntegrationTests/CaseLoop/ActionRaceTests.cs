using System.Net;
using System.Net.Http.Json;
using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Messaging;
using Governance.Infrastructure.Security;
using Governance.IntegrationTests.Support;

namespace Governance.IntegrationTests.CaseLoop;

/// <summary>
/// A person's action and a move of the case at the same moment (standalone mode). Found trying it from
/// outside: a grid worker's 办结 and a township's 提级 sent together left cases resolved by the grid
/// worker on the township tier. Two races: the case moves between the permission check and the action's
/// transaction (the action now answers 409), and Dispatch pulls up a case Incidents has just resolved
/// (the case stays resolved where its holder resolved it; the pull-up goes on its timeline as moved-after-resolution, not as 升级).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ActionRaceTests : StandaloneFixture
{
    private const int Rounds = 12;

    [Test]
    public async Task A_red_card_sent_before_Dispatch_heard_of_the_resolution_leaves_a_case_resolved_in_time_not_overdue()
    {
        // Found in CI: a case resolved just before its deadline was swept by Dispatch before the resolution reached
        // it (it travels through the outbox and the broker) and listed on the problem list as open and overdue.
        var gridWorker = TestTokens.Bearer("race-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
        var filed = await Host.FileAsync(Demo.Courtyard, "facilities", "IV");
        var routed = await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Tier == "courtyard", TimeSpan.FromSeconds(30), "routing");
        var resolve = await Http.PostAsJsonAsync($"/incidents/{filed.Id}/resolve", new { note = "已修复" }, gridWorker);
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The flag as the sweeper sends it for the assignment the case is on, once its deadline has passed.
        var flag = new IncidentFlaggedOverdue(filed.Id, Tier.Courtyard, Demo.Courtyard, routed.DueAt!.Value.AddMinutes(1),
            Tier.Village, Demo.Village, DeadlineKind.Resolution, Sequence: 1, By: "system:deadline-sweeper");
        await Host.Get<UnitOfWorkRunner<IncidentsDatabase>>().RunAsync(uow => AssignmentUpdates.FlaggedOverdueAsync(uow, flag));

        var incident = (await Host.IncidentAsync(filed.Id))!;
        Assert.That((incident.Status, incident.FlaggedOverdueAt), Is.EqualTo(("resolved", (DateTimeOffset?)null)), "resolved before its deadline");
        Assert.That(incident.Timeline.Select(t => t.Action), Does.Contain("flagged-overdue"), "the flag stays on the timeline");
        var (status, listed) = await Http.SendJsonAsync(HttpMethod.Get, "/incidents?open=true&overdue=true", TestTokens.Bearer());
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(listed.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Does.Not.Contain(filed.Id), "not on the problem list");
    }

    [Test]
    public async Task A_resolution_racing_a_pull_up_is_never_recorded_on_a_tier_its_author_does_not_hold()
    {
        var gridWorker = TestTokens.Bearer("race-grid-worker", Roles.GridWorkerFullTime, Demo.Grid);
        var township = TestTokens.Bearer("race-township", Roles.TownshipDispatcher, Demo.Township);
        var answers = new List<(HttpStatusCode Resolve, HttpStatusCode PullUp)>();
        for (var round = 0; round < Rounds; round++)
        {
            var filed = await Host.FileAsync(Demo.Courtyard, "facilities", "IV");
            await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id), i => i.Tier == "courtyard", TimeSpan.FromSeconds(30), "routing");
            var resolve = Http.PostAsJsonAsync($"/incidents/{filed.Id}/resolve", new { note = "已修复" }, gridWorker);
            var pullUp = Http.PostAsJsonAsync($"/dispatch/assignments/{filed.Id}/pull-up", new { reason = "提级办理" }, township);
            answers.Add(((await resolve).StatusCode, (await pullUp).StatusCode));
            Assert.That(answers[^1].Resolve, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Forbidden));
            Assert.That(answers[^1].PullUp, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict));

            // Both steps that were answered 200 have reached the case (the pull-up travels from Dispatch as a message).
            var (resolvedOk, pulledOk) = (answers[^1].Resolve == HttpStatusCode.OK, answers[^1].PullUp == HttpStatusCode.OK);
            var incident = await Eventually.GetAsync(() => Host.IncidentAsync(filed.Id),
                i => (!resolvedOk || i.Timeline.Any(t => t.Action == "resolved"))
                     && (!pulledOk || i.Timeline.Any(t => t.Action is "escalated" or "moved-after-resolution")),
                TimeSpan.FromSeconds(30), "both answered steps on the case");
            foreach (var resolved in incident.Timeline.Where(t => t.Action == "resolved"))
                Assert.That(resolved.Tier, Is.EqualTo("courtyard"), $"round {round}: the grid worker resolved it on the {resolved.Tier} tier");
            if (incident.Status == "resolved")
            {
                Assert.That((incident.Tier, incident.HandlingUnitCode), Is.EqualTo(("courtyard", (string?)Demo.Courtyard)),
                    $"round {round}: a case the grid worker resolved stays resolved where he held it");
                // Both answered 200: the pull-up reached a resolved case and reads as not applied, never as 升级 after 办结.
                if (pulledOk)
                    Assert.That(incident.Timeline.Select(t => t.Action), Has.Some.EqualTo("moved-after-resolution").And.None.EqualTo("escalated"),
                        $"round {round}");
            }
            else
                Assert.That((incident.Status, incident.Tier), Is.EqualTo(("assigned", "township")), $"round {round}: the pull-up won");
        }
        TestContext.Out.WriteLine($"resolve/pull-up answers: {string.Join(", ", answers.Select(a => $"{(int)a.Resolve}/{(int)a.PullUp}"))}");
    }
}
