using Governance.Contracts;
using Governance.Dispatch.Routing;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

[TestFixture]
public class RoutingPolicyTests
{
    private static readonly RoutingPolicy Policy = RoutingPolicy.Default;

    private static readonly TierDeadlines StandardDeadlines =
        new(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7), TimeSpan.FromDays(15));

    // Default policy: grades alone, in a category with no override of its own.

    [Test]
    public void Grade_IV_starts_at_courtyard_with_one_day()
    {
        var decision = Policy.Decide(Category.Livelihood, Grade.IV);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Courtyard, TimeSpan.FromDays(1))));
    }

    [Test]
    public void Grade_III_starts_at_village_with_three_days()
    {
        var decision = Policy.Decide(Category.Livelihood, Grade.III);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Village, TimeSpan.FromDays(3))));
    }

    [Test]
    public void Grade_II_starts_at_township_with_seven_days()
    {
        var decision = Policy.Decide(Category.Livelihood, Grade.II);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Township, TimeSpan.FromDays(7))));
    }

    [Test]
    public void Grade_I_starts_at_county_with_its_own_24_hours_not_the_county_default()
    {
        var decision = Policy.Decide(Category.Livelihood, Grade.I);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.County, TimeSpan.FromHours(24))));
        Assert.That(Policy.DeadlineOn(Tier.County), Is.EqualTo(TimeSpan.FromDays(15)));
    }

    [TestCase(Category.Other)]
    [TestCase(Category.PublicSecurity)]
    [TestCase(Category.Livelihood)]
    [TestCase(Category.Environment)]
    [TestCase(Category.Facilities)]
    [TestCase(Category.Consultation)]
    public void Categories_without_overrides_follow_the_grade_rules(Category category)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.Decide(category, Grade.IV).Tier, Is.EqualTo(Tier.Courtyard));
            Assert.That(Policy.Decide(category, Grade.III).Tier, Is.EqualTo(Tier.Village));
            Assert.That(Policy.Decide(category, Grade.II).Tier, Is.EqualTo(Tier.Township));
            Assert.That(Policy.Decide(category, Grade.I).Tier, Is.EqualTo(Tier.County));
        });
    }

    // Default policy: category overrides.

    [TestCase(Grade.IV)]
    [TestCase(Grade.III)]
    [TestCase(Grade.II)]
    public void Petition_of_a_lower_grade_starts_at_township_with_township_deadline(Grade grade)
    {
        var decision = Policy.Decide(Category.Petition, grade);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Township, TimeSpan.FromDays(7))));
    }

    [Test]
    public void Petition_grade_I_still_goes_to_county_with_24_hours()
    {
        var decision = Policy.Decide(Category.Petition, Grade.I);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.County, TimeSpan.FromHours(24))));
    }

    [TestCase(Grade.IV)]
    [TestCase(Grade.III)]
    [TestCase(Grade.II)]
    [TestCase(Grade.I)]
    public void Petition_of_any_grade_starts_no_lower_than_township(Grade grade)
    {
        Assert.That(Policy.Decide(Category.Petition, grade).Tier, Is.GreaterThanOrEqualTo(Tier.Township));
    }

    [Test]
    public void Emergency_grade_II_goes_to_county_with_24_hours()
    {
        var decision = Policy.Decide(Category.Emergency, Grade.II);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.County, TimeSpan.FromHours(24))));
    }

    [Test]
    public void Emergency_grade_I_goes_to_county_with_24_hours()
    {
        var decision = Policy.Decide(Category.Emergency, Grade.I);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.County, TimeSpan.FromHours(24))));
    }

    [Test]
    public void Emergency_grade_III_goes_to_county_at_once_with_72_hours()
    {
        var decision = Policy.Decide(Category.Emergency, Grade.III);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.County, TimeSpan.FromHours(72))));
    }

    [Test]
    public void Dispute_grade_IV_starts_at_village_with_village_three_days()
    {
        var decision = Policy.Decide(Category.Dispute, Grade.IV);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Village, TimeSpan.FromDays(3))));
    }

    [Test]
    public void Dispute_grade_II_follows_the_grade_rule_to_township()
    {
        var decision = Policy.Decide(Category.Dispute, Grade.II);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Township, TimeSpan.FromDays(7))));
    }

    [Test]
    public void Default_policy_is_version_1_with_the_documented_tier_deadlines()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.Version, Is.EqualTo(1));
            Assert.That(Policy.DeadlineOn(Tier.Courtyard), Is.EqualTo(TimeSpan.FromDays(1)));
            Assert.That(Policy.DeadlineOn(Tier.Village), Is.EqualTo(TimeSpan.FromDays(3)));
            Assert.That(Policy.DeadlineOn(Tier.Township), Is.EqualTo(TimeSpan.FromDays(7)));
            Assert.That(Policy.DeadlineOn(Tier.County), Is.EqualTo(TimeSpan.FromDays(15)));
        });
    }

    // Custom policies.

    [Test]
    public void A_rule_deadline_applies_when_that_rule_set_the_tier()
    {
        var policy = new RoutingPolicy(2,
        [
            new(null, Grade.IV, Tier.Courtyard, TimeSpan.FromHours(2)),
            new(Category.Dispute, null, Tier.Village),
        ], StandardDeadlines);

        var decision = policy.Decide(Category.Other, Grade.IV);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Courtyard, TimeSpan.FromHours(2))));
    }

    [Test]
    public void A_rule_deadline_is_ignored_when_a_higher_rule_set_the_tier()
    {
        var policy = new RoutingPolicy(2,
        [
            new(null, Grade.IV, Tier.Courtyard, TimeSpan.FromHours(2)),
            new(Category.Dispute, null, Tier.Village),
        ], StandardDeadlines);

        var decision = policy.Decide(Category.Dispute, Grade.IV);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Village, TimeSpan.FromDays(3))));
    }

    [Test]
    public void The_most_specific_rule_deadline_wins_among_rules_setting_the_same_tier()
    {
        var policy = new RoutingPolicy(3,
        [
            new(null, Grade.III, Tier.Village, TimeSpan.FromDays(5)),
            new(Category.Dispute, Grade.III, Tier.Village, TimeSpan.FromDays(2)),
            new(Category.Dispute, null, Tier.Village, TimeSpan.FromDays(4)),
        ], StandardDeadlines);

        Assert.Multiple(() =>
        {
            Assert.That(policy.Decide(Category.Dispute, Grade.III).Deadline, Is.EqualTo(TimeSpan.FromDays(2)));
            Assert.That(policy.Decide(Category.Dispute, Grade.IV).Deadline, Is.EqualTo(TimeSpan.FromDays(4)));
            Assert.That(policy.Decide(Category.Other, Grade.III).Deadline, Is.EqualTo(TimeSpan.FromDays(5)));
        });
    }

    [Test]
    public void A_rule_without_deadline_on_the_winning_tier_falls_back_to_a_sibling_rule_deadline()
    {
        var policy = new RoutingPolicy(4,
        [
            new(null, Grade.III, Tier.Village, TimeSpan.FromDays(5)),
            new(Category.Dispute, Grade.III, Tier.Village),
        ], StandardDeadlines);

        var decision = policy.Decide(Category.Dispute, Grade.III);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Village, TimeSpan.FromDays(5))));
    }

    [Test]
    public void No_matching_rule_starts_at_courtyard_with_courtyard_deadline()
    {
        var policy = new RoutingPolicy(5,
        [
            new(Category.Petition, null, Tier.Township),
        ], StandardDeadlines);

        var decision = policy.Decide(Category.Livelihood, Grade.I);

        Assert.That(decision, Is.EqualTo(new RoutingDecision(Tier.Courtyard, TimeSpan.FromDays(1))));
    }

    [Test]
    public void An_empty_policy_starts_every_case_at_courtyard()
    {
        var policy = new RoutingPolicy(6, [], StandardDeadlines);

        Assert.Multiple(() =>
        {
            foreach (var category in Enum.GetValues<Category>())
            foreach (var grade in Enum.GetValues<Grade>())
                Assert.That(policy.Decide(category, grade), Is.EqualTo(new RoutingDecision(Tier.Courtyard, TimeSpan.FromDays(1))),
                    $"{category} {grade}");
        });
    }

    [Test]
    public void Tier_deadlines_for_an_undefined_tier_throws()
    {
        Assert.That(() => StandardDeadlines.For((Tier)99), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
