using Governance.Grids.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Grids;

/// <summary>The patrol log's pure rules: which track points are kept, China-local months and days,
/// and the assessment's weighted sum (expected values worked out by hand).</summary>
public sealed class PatrolRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);

    private static TrackPoint P(int seconds) => new(T0.AddSeconds(seconds), 29.5, 106.5);

    [Test]
    public void Points_closer_than_twenty_seconds_to_the_last_kept_are_dropped_in_time_order()
    {
        var kept = TrackThinning.Keep([P(50), P(0), P(10), P(25), P(44)], lastKept: null, kept: 0);
        Assert.That(kept.Select(p => (int)(p.At - T0).TotalSeconds), Is.EqualTo(new[] { 0, 25, 50 }));
        Assert.That(TrackThinning.Keep([P(15), P(40)], lastKept: T0, kept: 3).Select(p => (int)(p.At - T0).TotalSeconds), Is.EqualTo(new[] { 40 }));
    }

    [Test]
    public void A_patrol_keeps_no_more_than_its_limit()
    {
        var kept = TrackThinning.Keep(Enumerable.Range(0, 10).Select(i => P(i * 30)), null, TrackThinning.MaxPoints - 3);
        Assert.That(kept, Has.Count.EqualTo(3));
        Assert.That(TrackThinning.Keep([P(0)], null, TrackThinning.MaxPoints), Is.Empty);
    }

    [Test]
    public void Months_and_days_are_China_local()
    {
        var lateOnTheLast = new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero);   // 00:30 on 1 April in China
        Assert.That(AssessmentMonth.Of(lateOnTheLast).Key, Is.EqualTo("2026-04"));
        Assert.That(AssessmentMonth.DayOf(lateOnTheLast), Is.EqualTo(new DateOnly(2026, 4, 1)));
        Assert.That(AssessmentMonth.TryParse("2026-04", out var april) && april.Start == new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero), Is.True);
        Assert.That(AssessmentMonth.TryParse("2026-13", out _), Is.False);
    }

    [Test]
    public void The_score_is_the_weighted_sum_with_penalties_subtracted()
    {
        // 4×2 + 3×1 + 5×1 + 1×2 + 2×2 + 6×1 − 1×2 − 2×3 = 8 + 3 + 5 + 2 + 4 + 6 − 2 − 6 = 20
        var figures = new AssessmentFigures(PatrolDays: 4, CareVisits: 9, CareVisitsOnTime: 3, CasesFound: 5, SettledOnSpot: 1, Resolved: 7,
            ResolvedOnTime: 2, Satisfied: 6, Dissatisfied: 1, MissedDeadlines: 2);
        Assert.That(AssessmentScore.Of(figures, AssessmentWeights.Defaults), Is.EqualTo(20));
        Assert.That(AssessmentScore.PerPerson(20, 3), Is.EqualTo(6.67m));
        Assert.That(AssessmentScore.PerPerson(20, 0), Is.EqualTo(0m));
    }
}
