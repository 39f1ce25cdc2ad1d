using System.Text.Json;
using Governance.Contracts;
using Governance.Dispatch.Routing;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

/// <summary>onMissedDeadline and the per-rule clock: the defaults of docs/deadlines.md, rule overrides, old policy
/// versions, and where a missed deadline or a re-grade sends a case.</summary>
[TestFixture]
public class MissedDeadlinePolicyTests
{
    private static readonly RoutingPolicy Policy = RoutingPolicy.Default;
    private static readonly TierDeadlines Deadlines = new(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(15));
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web); // as PolicyStore stores them

    private const MissedDeadlineAction Supervise = MissedDeadlineAction.Supervise;
    private const MissedDeadlineAction Escalate = MissedDeadlineAction.Escalate;

    // The defaults (docs/deadlines.md).

    [TestCase(Category.Livelihood, Grade.IV)]
    [TestCase(Category.Livelihood, Grade.III)]
    [TestCase(Category.Dispute, Grade.IV)]
    [TestCase(Category.Petition, Grade.IV)]
    [TestCase(Category.Environment, Grade.III)]
    [TestCase(Category.Facilities, Grade.IV)]
    public void Ordinary_matters_stay_with_their_unit_when_late(Category category, Grade grade) =>
        Assert.That(Policy.OnMissedDeadlineFor(category, grade), Is.EqualTo(Supervise));

    [TestCase(Category.WorkSafety, Grade.IV)]
    [TestCase(Category.WorkSafety, Grade.III)]
    [TestCase(Category.Emergency, Grade.IV)]
    [TestCase(Category.Emergency, Grade.III)]
    [TestCase(Category.Livelihood, Grade.II)]
    [TestCase(Category.Petition, Grade.II)]
    [TestCase(Category.Dispute, Grade.I)]
    public void Work_safety_emergencies_and_grades_I_and_II_climb_when_late(Category category, Grade grade) =>
        Assert.That(Policy.OnMissedDeadlineFor(category, grade), Is.EqualTo(Escalate));

    [Test]
    public void Work_safety_hazards_start_at_the_township_and_III_and_above_at_the_county()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.Decide(Category.WorkSafety, Grade.IV), Is.EqualTo(new RoutingDecision(Tier.Township, TimeSpan.FromDays(7))));
            Assert.That(Policy.Decide(Category.WorkSafety, Grade.III).Tier, Is.EqualTo(Tier.County));
            Assert.That(Policy.Decide(Category.WorkSafety, Grade.II).Tier, Is.EqualTo(Tier.County));
            Assert.That(Policy.Decide(Category.WorkSafety, Grade.I), Is.EqualTo(new RoutingDecision(Tier.County, TimeSpan.FromHours(24))));
            Assert.That(Policy.Decide(Category.Emergency, Grade.IV).Tier, Is.EqualTo(Tier.Township));
            Assert.That(Policy.Decide(Category.Emergency, Grade.III).Tier, Is.EqualTo(Tier.County));
        });
    }

    [Test]
    public void Grade_I_and_emergencies_count_calendar_hours_even_when_the_policy_counts_working_time()
    {
        var working = Policy with { Clock = DeadlineClock.Working };
        Assert.Multiple(() =>
        {
            Assert.That(working.ClockFor(Category.Livelihood, Grade.IV), Is.EqualTo(DeadlineClock.Working));
            Assert.That(working.ClockFor(Category.Livelihood, Grade.I), Is.EqualTo(DeadlineClock.Natural));
            Assert.That(working.ClockFor(Category.Emergency, Grade.IV), Is.EqualTo(DeadlineClock.Natural));
            Assert.That(working.ClockFor(Category.WorkSafety, Grade.I), Is.EqualTo(DeadlineClock.Natural));
        });
    }

    // Rule overrides.

    [Test]
    public void The_most_specific_rule_that_says_decides_and_the_policy_default_applies_when_none_does()
    {
        var policy = new RoutingPolicy(2,
        [
            new(null, Grade.II, Tier.Township, OnMissedDeadline: Escalate),
            new(Category.Petition, null, Tier.Township, OnMissedDeadline: Supervise),
            new(Category.Petition, Grade.I, Tier.County, OnMissedDeadline: Escalate),
        ], Deadlines, OnMissedDeadline: Supervise);
        Assert.Multiple(() =>
        {
            Assert.That(policy.OnMissedDeadlineFor(Category.Petition, Grade.II), Is.EqualTo(Supervise), "category beats grade");
            Assert.That(policy.OnMissedDeadlineFor(Category.Petition, Grade.I), Is.EqualTo(Escalate), "category and grade beat category");
            Assert.That(policy.OnMissedDeadlineFor(Category.Dispute, Grade.II), Is.EqualTo(Escalate));
            Assert.That(policy.OnMissedDeadlineFor(Category.Dispute, Grade.III), Is.EqualTo(Supervise), "no rule says: the policy's");
            Assert.That((policy with { OnMissedDeadline = Escalate }).OnMissedDeadlineFor(Category.Dispute, Grade.III), Is.EqualTo(Escalate));
        });
    }

    [Test]
    public void Equally_specific_rules_that_disagree_escalate_and_count_calendar_time()
    {
        var policy = new RoutingPolicy(3,
        [
            new(Category.Dispute, null, Tier.Village, OnMissedDeadline: Supervise, Clock: DeadlineClock.Working),
            new(Category.Dispute, null, Tier.Village, OnMissedDeadline: Escalate, Clock: DeadlineClock.Natural),
        ], Deadlines, Clock: DeadlineClock.Working, OnMissedDeadline: Supervise);
        Assert.That(policy.OnMissedDeadlineFor(Category.Dispute, Grade.IV), Is.EqualTo(Escalate));
        Assert.That(policy.ClockFor(Category.Dispute, Grade.IV), Is.EqualTo(DeadlineClock.Natural));
    }

    // Old versions and the JSON.

    [Test]
    public void A_policy_stored_before_onMissedDeadline_existed_still_loads_and_means_escalate()
    {
        const string stored = """
            {"version":4,"rules":[{"category":null,"grade":"IV","lowestTier":"courtyard","deadline":null},
              {"category":"dispute","grade":"IV","lowestTier":"village","deadline":"2d"}],
             "deadlines":{"courtyard":"1d","village":"3d","township":"7d","county":"15d"},
             "acknowledgementDeadlines":null,"yellowFraction":0.75,"clock":"working"}
            """;
        var policy = JsonSerializer.Deserialize<RoutingPolicy>(stored, Web)!;
        Assert.Multiple(() =>
        {
            Assert.That(policy.OnMissedDeadline, Is.EqualTo(Escalate));
            Assert.That(policy.Rules.All(r => r.OnMissedDeadline is null && r.Clock is null));
            Assert.That(policy.OnMissedDeadlineFor(Category.Dispute, Grade.IV), Is.EqualTo(Escalate));
            Assert.That(policy.ClockFor(Category.Dispute, Grade.IV), Is.EqualTo(DeadlineClock.Working), "the policy's own clock");
            Assert.That(policy.Decide(Category.Dispute, Grade.IV), Is.EqualTo(new RoutingDecision(Tier.Village, TimeSpan.FromDays(2))));
        });
    }

    [Test]
    public void The_fields_round_trip_and_a_rule_that_says_nothing_writes_nothing()
    {
        var json = JsonSerializer.Serialize(Policy, Web);
        var back = JsonSerializer.Deserialize<RoutingPolicy>(json, Web)!;
        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Contain("\"onMissedDeadline\":\"supervise\""));
            Assert.That(json, Does.Contain("\"onMissedDeadline\":\"escalate\",\"clock\":\"natural\""));
            Assert.That(back.OnMissedDeadline, Is.EqualTo(Supervise));
            Assert.That(back.Rules, Is.EqualTo(Policy.Rules));
            Assert.That(JsonSerializer.Serialize(new PolicyRule(null, Grade.IV, Tier.Courtyard), Web), Does.Not.Contain("onMissedDeadline").And.Not.Contain("clock"));
        });
    }

    // What a missed deadline and a re-grade do.

    [TestCase(Escalate, Tier.Courtyard, Tier.Village)]
    [TestCase(Escalate, Tier.Township, Tier.County)]
    [TestCase(Escalate, Tier.County, null)]
    [TestCase(Supervise, Tier.Village, null)]
    [TestCase(Supervise, Tier.County, null)]
    public void A_missed_deadline_moves_the_case_only_under_escalate_and_below_the_county(MissedDeadlineAction action, Tier tier, Tier? to) =>
        Assert.That(MissedDeadlineRule.MovesTo(action, tier), Is.EqualTo(to));

    [Test]
    public void A_case_that_stays_is_flagged_to_the_tier_above_and_only_it_is_prompted_to_urge()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MissedDeadlineRule.FlaggedTo(Tier.Courtyard), Is.EqualTo(Tier.Village));
            Assert.That(MissedDeadlineRule.FlaggedTo(Tier.Township), Is.EqualTo(Tier.County));
            Assert.That(MissedDeadlineRule.FlaggedTo(Tier.County), Is.EqualTo(Tier.County), "the county's supervisors watch the top");
            Assert.That(MissedDeadlineRule.PromptsUrgeAtYellow(Supervise, Tier.Village), Is.True);
            Assert.That(MissedDeadlineRule.PromptsUrgeAtYellow(Escalate, Tier.Village), Is.False, "it is about to climb");
            Assert.That(MissedDeadlineRule.PromptsUrgeAtYellow(Supervise, Tier.County), Is.False, "nobody above");
        });
    }

    [TestCase(Category.WorkSafety, Grade.II, Tier.County, Tier.County)]
    [TestCase(Category.WorkSafety, Grade.III, Tier.Township, Tier.County)]
    [TestCase(Category.Facilities, Grade.II, Tier.Courtyard, Tier.Township)]
    [TestCase(Category.Facilities, Grade.IV, Tier.Township, Tier.Township)]
    [TestCase(Category.Livelihood, Grade.II, Tier.County, Tier.County)]
    public void A_re_grade_never_sends_a_case_lower_than_the_tier_it_holds(Category category, Grade to, Tier holds, Tier expected) =>
        Assert.That(Policy.TierAfterRegrade(category, to, holds), Is.EqualTo(expected));

    [Test]
    public void Grade_I_and_II_cases_are_told_to_every_tier_above_the_place_but_the_holder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(MajorCaseNotice.TiersToTell(Grade.II, Tier.Township), Is.EqualTo(new[] { Tier.Village, Tier.County }));
            Assert.That(MajorCaseNotice.TiersToTell(Grade.I, Tier.County), Is.EqualTo(new[] { Tier.Village, Tier.Township }));
            Assert.That(MajorCaseNotice.TiersToTell(Grade.III, Tier.Village), Is.Empty);
            Assert.That(MajorCaseNotice.TiersToTell(Grade.IV, Tier.Courtyard), Is.Empty);
        });
    }
}
