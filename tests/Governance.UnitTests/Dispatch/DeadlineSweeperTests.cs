using Governance.Contracts;
using Governance.Dispatch.Model;
using Governance.Dispatch.Routing;
using NUnit.Framework;
using static Governance.UnitTests.Dispatch.DispatchSandbox;

namespace Governance.UnitTests.Dispatch;

/// <summary>The deadline sweeper on a fake clock: supervise keeps a late case with its unit and
/// presses it from the tier above; escalate moves it up; each case by the policy it started under.</summary>
[TestFixture]
public class DeadlineSweeperTests
{
    private DispatchSandbox _sandbox = null!;

    [SetUp]
    public async Task StartAsync() => _sandbox = await DispatchSandbox.StartAsync(RoutingPolicy.Default);

    [TearDown]
    public async Task StopAsync() => await _sandbox.DisposeAsync();

    private async Task<IReadOnlyList<string>> TypesAsync(Guid id) => (await _sandbox.PublishedAsync(id)).Select(m => m.Type).ToList();

    [Test]
    public async Task Under_supervise_yellow_prompts_the_tier_above_to_urge_and_red_flags_it_there_while_the_case_stays()
    {
        var id = await _sandbox.FileAsync(Category.Livelihood, Grade.III); // village, 3 days
        await _sandbox.AcceptAsync(id);
        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(2.25) + TimeSpan.FromMinutes(1));
        var prompts = await _sandbox.NotesAsync(Township);
        Assert.That(prompts.Select(n => (n.IncidentId, n.Kind, n.Actor)), Is.EqualTo(new[] { (id, BoardNoteKinds.UrgePrompt, SystemActors.DeadlineSweeper) }));

        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(0.75));
        var late = await _sandbox.AssignmentAsync(id);
        Assert.That((late.Tier, late.UnitCode, late.Status), Is.EqualTo((Tier.Village, Village, AssignmentStatus.Overdue)));
        var published = await _sandbox.PublishedAsync(id);
        Assert.That(published.Select(m => m.Type), Does.Not.Contain(nameof(IncidentEscalated)));
        var flag = published.Single(m => m.Type == nameof(IncidentFlaggedOverdue)).Body;
        Assert.That(flag, Does.Contain($"\"flaggedToUnitCode\":\"{Township}\"").And.Contain("\"clock\":\"resolution\"")
            .And.Contain("\"by\":\"system:deadline-sweeper\""));
        Assert.That(published.Where(m => m.Type == nameof(DeadlineWarning)).Select(m => m.Body), Has.All.Contain("\"onMissed\":\"supervise\""));
        Assert.That((await _sandbox.NotesAsync(Township)).Select(n => n.Kind), Is.EquivalentTo(new[] { BoardNoteKinds.UrgePrompt, BoardNoteKinds.OverdueFlag }));

        Assert.That(await _sandbox.SweepAfterAsync(TimeSpan.FromDays(30)), Is.Zero, "flagged once; its clock has stopped");
    }

    [Test]
    public async Task Under_escalate_the_case_climbs_one_tier_and_the_county_flags_itself()
    {
        var id = await _sandbox.FileAsync(Category.WorkSafety, Grade.IV); // a hazard: township, 7 days
        Assert.That((await _sandbox.AssignmentAsync(id)).Tier, Is.EqualTo(Tier.Township));
        await _sandbox.AcceptAsync(id);
        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(5.25) + TimeSpan.FromMinutes(1));
        Assert.That(await _sandbox.NotesAsync(County), Is.Empty, "a case about to climb is not to be urged");
        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(1.75));
        var moved = await _sandbox.AssignmentAsync(id);
        Assert.That((moved.Tier, moved.UnitCode, moved.Status), Is.EqualTo((Tier.County, County, AssignmentStatus.Active)));
        var escalated = (await _sandbox.PublishedAsync(id)).Single(m => m.Type == nameof(IncidentEscalated)).Body;
        Assert.That(escalated, Does.Contain("\"reason\":\"deadline-passed\"").And.Contain("\"by\":\"system:deadline-sweeper\""));

        await _sandbox.AcceptAsync(id);
        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(15));
        Assert.That((await _sandbox.AssignmentAsync(id)).Status, Is.EqualTo(AssignmentStatus.Overdue));
        Assert.That((await _sandbox.NotesAsync(County)).Single().Kind, Is.EqualTo(BoardNoteKinds.OverdueFlag));
    }

    [Test]
    public async Task A_missed_acknowledgement_under_supervise_flags_the_case_and_its_resolution_clock_runs_on()
    {
        var id = await _sandbox.FileAsync(Category.Environment, Grade.III); // village: 24 h to acknowledge, 3 days
        await _sandbox.SweepAfterAsync(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var flagged = await _sandbox.AssignmentAsync(id);
        Assert.That((flagged.Tier, flagged.Status, flagged.AcknowledgeBy), Is.EqualTo((Tier.Village, AssignmentStatus.Active, (DateTimeOffset?)null)));
        Assert.That((await _sandbox.PublishedAsync(id)).Single(m => m.Type == nameof(IncidentFlaggedOverdue)).Body,
            Does.Contain("\"clock\":\"acknowledgement\""));
    }

    [Test]
    public async Task A_rule_override_decides_against_the_policy_default()
    {
        await _sandbox.AddPolicyAsync(RoutingPolicy.Default with
        {
            Rules = [.. RoutingPolicy.Default.Rules, new PolicyRule(Category.Facilities, null, Tier.Courtyard, OnMissedDeadline: MissedDeadlineAction.Escalate)],
        });
        var climbs = await _sandbox.FileAsync(Category.Facilities, Grade.IV);
        var stays = await _sandbox.FileAsync(Category.Environment, Grade.IV);
        await _sandbox.AcceptAsync(climbs);
        await _sandbox.AcceptAsync(stays);
        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.That((await _sandbox.AssignmentAsync(climbs)).Tier, Is.EqualTo(Tier.Village));
        Assert.That((await _sandbox.AssignmentAsync(stays)).Tier, Is.EqualTo(Tier.Courtyard));
    }

    [Test]
    public async Task A_case_keeps_its_policy_and_one_routed_under_a_version_stored_before_onMissedDeadline_escalates()
    {
        var underDefault = await _sandbox.FileAsync(Category.Livelihood, Grade.III);
        var version = await _sandbox.StoreRawPolicyAsync("""
            {"version":0,"rules":[{"category":null,"grade":"III","lowestTier":"village","deadline":null}],
             "deadlines":{"courtyard":"1d","village":"3d","township":"7d","county":"15d"},"yellowFraction":0.75,"clock":"natural"}
            """);
        var underOld = await _sandbox.FileAsync(Category.Livelihood, Grade.III);
        await _sandbox.AcceptAsync(underDefault);
        await _sandbox.AcceptAsync(underOld);
        Assert.That((await _sandbox.AssignmentAsync(underOld)).PolicyVersion, Is.EqualTo(version));
        await _sandbox.SweepAfterAsync(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.That((await _sandbox.AssignmentAsync(underOld)).Tier, Is.EqualTo(Tier.Township), "the old version meant escalate");
        Assert.That((await _sandbox.AssignmentAsync(underDefault)).Tier, Is.EqualTo(Tier.Village), "routed under the default: supervise");
    }

    [Test]
    public async Task A_grade_II_case_is_shown_at_once_to_every_tier_above_its_place()
    {
        var id = await _sandbox.FileAsync(Category.Consultation, Grade.II); // township
        Assert.That((await _sandbox.NotesAsync(Village)).Single().Kind, Is.EqualTo(BoardNoteKinds.NotifiedAbove));
        Assert.That((await _sandbox.NotesAsync(County)).Single().Actor, Is.EqualTo(SystemActors.Router));
        Assert.That(await _sandbox.NotesAsync(Township), Is.Empty, "the holder is not told");
        var notice = (await _sandbox.PublishedAsync(id)).Single(m => m.Type == nameof(IncidentNotifiedAbove)).Body;
        Assert.That(notice, Does.Contain(Village).And.Contain(County).And.Contain("\"by\":\"system:router\""));
        Assert.That(await TypesAsync(await _sandbox.FileAsync(Category.Consultation, Grade.III)), Does.Not.Contain(nameof(IncidentNotifiedAbove)));
    }
}
