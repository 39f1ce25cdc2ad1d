using Governance.Dispatch.Data;
using Governance.Dispatch.Routing;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

[TestFixture]
public class WorkingCalendarTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // The seeded 2026 arrangement: Spring Festival 15–23 Feb off, Saturday 14 Feb and 28 Feb worked.
    private static readonly WorkingCalendar Calendar2026 = new(
        CalendarStore.Seed.SelectMany(y => y.Holidays).ToHashSet(), CalendarStore.Seed.SelectMany(y => y.Workdays).ToHashSet(),
        new TimeOnly(9, 0), new TimeOnly(17, 30), China);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, China);

    [Test]
    public void Natural_clock_counts_calendar_time()
    {
        var start = Local(2, 13, 10);
        Assert.That(Calendar2026.DueAt(start, TimeSpan.FromDays(3), DeadlineClock.Natural), Is.EqualTo(start.AddDays(3)));
    }

    [Test]
    public void Working_days_skip_weekends_and_the_Spring_Festival_but_count_make_up_Saturdays()
    {
        // Friday 13 Feb 10:00 + 3 working days: Sat 14 Feb (make-up workday), then 15–23 Feb off,
        // Tue 24 Feb, Wed 25 Feb.
        var due = Calendar2026.DueAt(Local(2, 13, 10), TimeSpan.FromDays(3), DeadlineClock.Working);
        Assert.That(due, Is.EqualTo(Local(2, 25, 10).ToUniversalTime()));
    }

    [Test]
    public void Working_hours_stop_at_the_end_of_the_day_and_resume_the_next_working_morning()
    {
        // Friday 6 Mar 16:30 + 4 working hours: 1 h on Friday, 3 h from Monday 09:00.
        var due = Calendar2026.DueAt(Local(3, 6, 16, 30), TimeSpan.FromHours(4), DeadlineClock.Working);
        Assert.That(due, Is.EqualTo(Local(3, 9, 12).ToUniversalTime()));
    }

    [Test]
    public void A_case_filed_on_Saturday_night_starts_its_working_clock_on_Monday_morning()
    {
        var due = Calendar2026.DueAt(Local(3, 7, 22), TimeSpan.FromDays(1), DeadlineClock.Working);
        Assert.That(due, Is.EqualTo(Local(3, 10, 9).ToUniversalTime()));
    }

    [TestCase(2026, 2, 14, true, TestName = "A_make_up_Saturday_is_a_working_day")]
    [TestCase(2026, 2, 16, false, TestName = "A_Spring_Festival_Monday_is_not_a_working_day")]
    [TestCase(2026, 3, 7, false, TestName = "An_ordinary_Saturday_is_not_a_working_day")]
    [TestCase(2026, 3, 9, true, TestName = "An_ordinary_Monday_is_a_working_day")]
    public void Working_days_follow_the_calendar(int year, int month, int day, bool working)
    {
        Assert.That(Calendar2026.IsWorkingDay(new DateOnly(year, month, day)), Is.EqualTo(working));
    }

    [Test]
    public void The_yellow_card_is_due_at_the_policy_fraction_of_the_time_the_unit_really_has()
    {
        var policy = RoutingPolicy.Default with { YellowFraction = 0.5 };
        var start = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
        var clocks = AssignmentClock.Start(policy, WorkingCalendar.Empty, policy.Clock, Governance.Contracts.Tier.Village, start, TimeSpan.FromDays(2));
        Assert.That(clocks.YellowAt, Is.EqualTo(start.AddDays(1)));
        Assert.That(clocks.AcknowledgeBy, Is.EqualTo(start.AddHours(24)));
        Assert.That(AssignmentClock.Warning(start.AddHours(30), clocks.YellowAt, clocks.DueAt), Is.EqualTo(Governance.Contracts.WarningLevel.Yellow));
        Assert.That(AssignmentClock.Warning(start.AddDays(2), clocks.YellowAt, clocks.DueAt), Is.EqualTo(Governance.Contracts.WarningLevel.Red));
        Assert.That(AssignmentClock.Warning(start.AddHours(1), clocks.YellowAt, clocks.DueAt), Is.Null);
    }
}
