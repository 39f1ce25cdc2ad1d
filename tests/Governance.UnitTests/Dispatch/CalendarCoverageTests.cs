using Governance.Dispatch.Data;
using Governance.Dispatch.Routing;
using NUnit.Framework;

namespace Governance.UnitTests.Dispatch;

/// <summary>The calendar never guesses silently (#17): a deadline in a year without holidays entered is counted
/// Monday to Friday and says so, and the county administrator is told which year to enter, in time.</summary>
[TestFixture]
public class CalendarCoverageTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static readonly WorkingCalendar Seeded = new(
        CalendarStore.Seed.SelectMany(y => y.Holidays).ToHashSet(), CalendarStore.Seed.SelectMany(y => y.Workdays).ToHashSet(),
        new TimeOnly(9, 0), new TimeOnly(17, 30), China, CalendarStore.Seed.Select(y => y.Year).ToHashSet());

    [Test]
    public void A_working_day_deadline_that_runs_into_a_year_without_its_calendar_names_that_year()
    {
        // 25 working days from Monday 7 Dec 2026 end in January 2027, whose holidays (元旦 on 1 Jan) are not entered.
        var start = new DateTimeOffset(2026, 12, 7, 10, 0, 0, China);
        var due = Seeded.DueAt(start, TimeSpan.FromDays(25), DeadlineClock.Working);
        Assert.That(due.ToOffset(China).Year, Is.EqualTo(2027));
        Assert.That(Seeded.YearWithoutCalendar(start, due, DeadlineClock.Working), Is.EqualTo(2027));
        // Counted by weekdays: 1 Jan 2027 (a Friday) is counted as a working day, as the mark on the case says.
        var weekdays = new WorkingCalendar(new HashSet<DateOnly>(), new HashSet<DateOnly>(), new TimeOnly(9, 0), new TimeOnly(17, 30), China);
        Assert.That(due, Is.EqualTo(weekdays.DueAt(start, TimeSpan.FromDays(25), DeadlineClock.Working)));
    }

    [Test]
    public void A_deadline_inside_known_years_or_on_the_natural_clock_is_not_marked()
    {
        var start = new DateTimeOffset(2026, 3, 2, 10, 0, 0, China);
        var due = Seeded.DueAt(start, TimeSpan.FromDays(25), DeadlineClock.Working);
        Assert.That(Seeded.YearWithoutCalendar(start, due, DeadlineClock.Working), Is.Null);
        var december = new DateTimeOffset(2026, 12, 20, 10, 0, 0, China);
        Assert.That(Seeded.YearWithoutCalendar(december, december.AddDays(30), DeadlineClock.Natural), Is.Null, "natural time needs no calendar");
        Assert.That(WorkingCalendar.Empty.YearWithoutCalendar(december, december.AddDays(30), DeadlineClock.Working), Is.Null,
            "a calendar that does not say which years it knows never marks");
    }

    [TestCase("2026-06-01", null, false, TestName = "Half a year ahead: nothing to enter yet")]
    [TestCase("2026-10-03", 2027, false, TestName = "Ninety days ahead: next year is asked for")]
    [TestCase("2026-12-06", 2027, true, TestName = "December: month-long deadlines already run into next year")]
    public void The_year_to_enter_is_named_in_time(string today, int? missing, bool counting)
    {
        var coverage = CalendarCoverage.Of([2025, 2026], DateOnly.Parse(today), warnDaysAhead: 90);
        Assert.That((coverage.MissingYear, coverage.CountingWeekdaysOnly), Is.EqualTo((missing, counting)));
    }

    [Test]
    public void A_missing_current_year_is_asked_for_at_once_and_an_entered_next_year_ends_the_warning()
    {
        Assert.That(CalendarCoverage.Of([2025], new DateOnly(2026, 3, 1), 90), Is.EqualTo(new CalendarCoverage([2025], 2026, true)).Using<CalendarCoverage>(
            (a, b) => a.MissingYear == b.MissingYear && a.CountingWeekdaysOnly == b.CountingWeekdaysOnly));
        Assert.That(CalendarCoverage.Of([2026, 2027], new DateOnly(2026, 12, 20), 90).MissingYear, Is.Null);
    }
}
