using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>What care visits earn in the month's assessment: a call a day per subject, on time by the day's first call,
/// and no more on time than the schedule asks.</summary>
public sealed class CareVisitCreditTests
{
    private static readonly Guid Elder = Guid.NewGuid(), Child = Guid.NewGuid();
    private static readonly DateTimeOffset Morning = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private static CareVisitSeen Visit(Guid subject, DateTimeOffset at, bool byDueDate, int every = 7, string by = "gw") =>
        new(by, subject, at, DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime), every, byDueDate);

    [Test]
    public void Calls_on_one_subject_the_same_day_are_one_visit_however_often_recorded()
    {
        var repeats = Enumerable.Range(0, 5).Select(i => Visit(Elder, Morning.AddSeconds(i), byDueDate: true));
        Assert.That(CareVisitCredit.Count(repeats, 31)["gw"], Is.EqualTo((1, 1)));
    }

    [Test]
    public void A_late_call_made_again_a_minute_later_stays_late()
    {
        var seen = new[] { Visit(Elder, Morning, byDueDate: false), Visit(Elder, Morning.AddMinutes(1), byDueDate: true) };
        Assert.That(CareVisitCredit.Count(seen, 31)["gw"], Is.EqualTo((1, 0)));
    }

    [Test]
    public void On_time_visits_count_up_to_what_the_schedule_asks_of_the_month()
    {
        // Every 7 days in a month of 31: 5 asked; visited on 10 days, each by its due date.
        var daily = Enumerable.Range(0, 10).Select(d => Visit(Elder, Morning.AddDays(d), byDueDate: true));
        // Every 30 days: 2 asked (ceil 31/30); visited twice, on time.
        var monthly = new[] { Visit(Child, Morning, true, every: 30), Visit(Child, Morning.AddDays(20), true, every: 30) };
        Assert.That(CareVisitCredit.Count(daily.Concat(monthly), 31)["gw"], Is.EqualTo((12, 5 + 2)));
    }

    [Test]
    public void Each_person_is_credited_with_his_own_visits()
    {
        var seen = new[] { Visit(Elder, Morning, true, by: "a"), Visit(Elder, Morning.AddHours(1), true, by: "b") };
        var credit = CareVisitCredit.Count(seen, 30);
        Assert.That((credit["a"], credit["b"]), Is.EqualTo(((1, 1), (1, 1))));
    }
}
