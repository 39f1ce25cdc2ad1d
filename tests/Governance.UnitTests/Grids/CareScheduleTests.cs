using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

[TestFixture]
public class CareScheduleTests
{
    private static readonly DateTimeOffset Registered = new(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public void Before_the_first_visit_the_due_date_counts_from_registration()
    {
        Assert.That(CareSchedule.DueAt(Registered, null, 7), Is.EqualTo(Registered.AddDays(7)));
    }

    [Test]
    public void After_a_visit_the_due_date_counts_from_the_last_visit()
    {
        var visited = Registered.AddDays(5);
        Assert.That(CareSchedule.DueAt(Registered, visited, 7), Is.EqualTo(Registered.AddDays(12)));
    }

    [Test]
    public void A_visit_is_overdue_only_once_its_due_moment_has_passed()
    {
        var due = Registered.AddDays(7);
        Assert.Multiple(() =>
        {
            Assert.That(CareSchedule.IsOverdue(due, due.AddMinutes(-1)), Is.False);
            Assert.That(CareSchedule.IsOverdue(due, due), Is.False);
            Assert.That(CareSchedule.IsOverdue(due, due.AddMinutes(1)), Is.True);
        });
    }

    [Test]
    public void A_visit_entered_late_does_not_pull_the_last_visit_back()
    {
        var later = Registered.AddDays(10);
        Assert.Multiple(() =>
        {
            Assert.That(CareSchedule.LastVisit(later, Registered.AddDays(3)), Is.EqualTo(later));
            Assert.That(CareSchedule.LastVisit(Registered.AddDays(3), later), Is.EqualTo(later));
            Assert.That(CareSchedule.LastVisit(null, later), Is.EqualTo(later));
        });
    }

    [TestCase(CareSubjectKind.ElderlyAlone, 7)]
    [TestCase(CareSubjectKind.LeftBehindChild, 14)]
    [TestCase(CareSubjectKind.Disabled, 14)]
    [TestCase(CareSubjectKind.Assistance, 30)]
    public void Each_kind_has_a_default_visit_frequency(CareSubjectKind kind, int days)
    {
        Assert.That(CareSchedule.DefaultEveryDays(kind), Is.EqualTo(days));
    }
}
