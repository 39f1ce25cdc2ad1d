using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>A leader's visit plan (下沉走访): each planned unit is due N days after his last visit at it or
/// below it, or, before the first, after the plan was set; overdue once that has passed.</summary>
[TestFixture]
public class LeaderPlanRuleTests
{
    private static readonly DateTimeOffset Set = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly LeaderPlan Plan = new("leader", 14, ["village-a", "village-b"], Set, "admin");

    private static CountedVisit At(int days, params string[] chain) => new(Set.AddDays(days), chain);

    [Test]
    public void A_unit_never_visited_is_due_N_days_after_the_plan_was_set()
    {
        var status = LeaderPlanRule.Status(Plan, [], Set.AddDays(10));
        Assert.That(status.Select(s => (s.UnitCode, s.LastVisitAt, s.DueAt, s.Overdue)),
            Is.EqualTo(new[] { ("village-a", (DateTimeOffset?)null, Set.AddDays(14), false), ("village-b", null, Set.AddDays(14), false) }));
        Assert.That(LeaderPlanRule.Status(Plan, [], Set.AddDays(15)).All(s => s.Overdue), Is.True, "none, N days on: overdue");
    }

    [Test]
    public void A_visit_below_a_planned_unit_counts_for_it_and_the_latest_visit_sets_the_next_due()
    {
        var visits = new[] { At(3, "grid-a1", "village-a", "township"), At(9, "village-a", "township"), At(5, "village-c", "township") };
        var status = LeaderPlanRule.Status(Plan, visits, Set.AddDays(20));
        Assert.Multiple(() =>
        {
            Assert.That(status[0].LastVisitAt, Is.EqualTo(Set.AddDays(9)));
            Assert.That(status[0].DueAt, Is.EqualTo(Set.AddDays(23)));
            Assert.That(status[0].Overdue, Is.False);
            Assert.That(status[1].LastVisitAt, Is.Null, "a visit to another village is not village-b's");
            Assert.That(status[1].Overdue, Is.True);
        });
    }

    [Test]
    public void A_visit_before_the_plan_starts_no_earlier_clock()
    {
        var status = LeaderPlanRule.Status(Plan, [At(-30, "village-a")], Set.AddDays(13));
        Assert.That((status[0].LastVisitAt, status[0].DueAt, status[0].Overdue), Is.EqualTo(((DateTimeOffset?)Set.AddDays(-30), Set.AddDays(14), false)));
    }
}
