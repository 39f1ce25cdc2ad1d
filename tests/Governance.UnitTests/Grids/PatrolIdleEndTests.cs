using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>When a patrol forgotten open is over, and where it ends: its last sign of life (start, last kept
/// point, last thing linked), once nothing has been heard for longer than the idle limit.</summary>
public sealed class PatrolIdleEndTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromHours(4);

    private static Visit Patrol(DateTimeOffset? lastPoint = null, DateTimeOffset? endedAt = null) =>
        new(Guid.NewGuid(), VisitKind.Patrol, "w1", "g1", T0, endedAt, lastPoint is null ? 0 : 5, lastPoint, 3);

    [Test]
    public void The_last_sign_of_life_is_the_latest_of_start_point_and_link()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PatrolIdleEnd.LastSignOfLife(Patrol(), null), Is.EqualTo(T0));
            Assert.That(PatrolIdleEnd.LastSignOfLife(Patrol(T0.AddHours(1)), null), Is.EqualTo(T0.AddHours(1)));
            Assert.That(PatrolIdleEnd.LastSignOfLife(Patrol(T0.AddHours(1)), T0.AddHours(2)), Is.EqualTo(T0.AddHours(2)));
            Assert.That(PatrolIdleEnd.LastSignOfLife(Patrol(T0.AddHours(3)), T0.AddHours(2)), Is.EqualTo(T0.AddHours(3)));
        });
    }

    [Test]
    public void An_open_patrol_idle_past_the_limit_ends_at_its_last_sign_of_life_by_the_system()
    {
        var patrol = Patrol(T0.AddMinutes(30));
        var ended = PatrolIdleEnd.AsOf(patrol, null, T0.AddMinutes(30) + Limit + TimeSpan.FromSeconds(1), Limit);
        Assert.Multiple(() =>
        {
            Assert.That(ended.EndedAt, Is.EqualTo(T0.AddMinutes(30)));
            Assert.That(ended.EndedBy, Is.EqualTo(PatrolIdleEnd.Actor));
            Assert.That(ended.EndedAutomatically, Is.True);
            Assert.That(ended.Version, Is.EqualTo(patrol.Version), "writing the end is the caller's, under the version read");
        });
    }

    [Test]
    public void A_patrol_within_the_limit_or_already_ended_is_left_as_it_is()
    {
        var open = Patrol(T0.AddMinutes(30));
        Assert.That(PatrolIdleEnd.AsOf(open, null, T0.AddMinutes(30) + Limit, Limit), Is.SameAs(open), "exactly the limit: still open");
        Assert.That(PatrolIdleEnd.AsOf(open, T0.AddHours(3), T0.AddHours(6), Limit), Is.SameAs(open), "a case filed during it is a sign of life");
        var ended = Patrol(endedAt: T0.AddHours(1)) with { EndedBy = "w1" };
        Assert.That(PatrolIdleEnd.AsOf(ended, null, T0.AddDays(3), Limit), Is.SameAs(ended));
        Assert.That(ended.EndedAutomatically, Is.False);
    }
}
