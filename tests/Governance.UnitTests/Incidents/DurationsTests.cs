using Governance.Incidents.Model;
using NUnit.Framework;

namespace Governance.UnitTests.Incidents;

/// <summary>Times to accept and resolve as histograms: the bucket of a duration, and quantiles by nearest rank,
/// the expected values worked out by hand from the bounds 5, 10, 15, 30, 60, 120 … minutes.</summary>
[TestFixture]
public class DurationsTests
{
    [TestCase(0, 0)]
    [TestCase(5, 0)]
    [TestCase(5.01, 1)]
    [TestCase(59, 4)]
    [TestCase(60, 4)]
    [TestCase(61, 5)]
    [TestCase(1440, 9)]
    [TestCase(86400, 17)]
    [TestCase(86401, 18)]
    public void A_duration_falls_in_the_bucket_of_the_first_bound_it_does_not_exceed(double minutes, int bucket) =>
        Assert.That(Durations.BucketOf(TimeSpan.FromMinutes(minutes)), Is.EqualTo(bucket));

    [Test]
    public void Median_and_p90_are_the_upper_bounds_of_the_buckets_of_the_nearest_rank_cases()
    {
        // Ten cases: 3 within 5 min (bucket 0), 4 within 1 h (bucket 4), 2 within 1 day (bucket 9), 1 over 60 days (bucket 18).
        var counts = new long[Durations.Buckets];
        counts[0] = 3; counts[4] = 4; counts[9] = 2; counts[18] = 1;
        // Median: rank ⌈0.5·10⌉ = 5, the 5th case is in bucket 4 (cases 4–7): 60 minutes = 1 hour.
        Assert.That(Durations.QuantileHours(counts, 0.5), Is.EqualTo(1.0));
        // p90: rank 9, in bucket 9 (cases 8–9): 1440 minutes = 24 hours.
        Assert.That(Durations.QuantileHours(counts, 0.9), Is.EqualTo(24.0));
        // p100: rank 10, above the last bound: no bound to give.
        Assert.That(Durations.QuantileHours(counts, 1.0), Is.Null);
    }

    [Test]
    public void No_cases_have_no_quantile() => Assert.That(Durations.QuantileHours(new long[Durations.Buckets], 0.5), Is.Null);

    [Test]
    public void One_case_is_its_own_median_and_p90()
    {
        var counts = new long[Durations.Buckets];
        counts[2] = 1;
        Assert.That(Durations.QuantileHours(counts, 0.5), Is.EqualTo(0.25), "15 minutes");
        Assert.That(Durations.QuantileHours(counts, 0.9), Is.EqualTo(0.25));
    }
}
