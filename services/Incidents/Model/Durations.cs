namespace Governance.Incidents.Model;

/// <summary>
/// Times to accept (签收) and to resolve (办结) kept as histograms, so a month's median and p90 come from a few
/// counters per day and village instead of the cases. Bucket i holds durations above bound i−1 and up to bound
/// i (minutes); the last bucket holds everything above the last bound. A quantile is the upper bound of the
/// bucket holding the nearest-rank case (rank ⌈q·n⌉): "half the cases were accepted within 2 hours" — exact to
/// the bucket, which is what a county reports.
/// </summary>
public static class Durations
{
    public const string Accept = "accept";
    public const string Resolve = "resolve";

    /// <summary>Upper bounds in minutes: 5, 10, 15, 30 minutes; 1, 2, 4, 8, 12 hours; 1, 2, 3, 5, 7, 10, 15, 30, 60 days.</summary>
    public static IReadOnlyList<int> BoundsMinutes { get; } =
        [5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080, 14400, 21600, 43200, 86400];

    /// <summary>How many buckets there are: one per bound and the one above the last.</summary>
    public static int Buckets => BoundsMinutes.Count + 1;

    public static int BucketOf(TimeSpan duration)
    {
        var minutes = Math.Max(0, duration.TotalMinutes);
        for (var i = 0; i < BoundsMinutes.Count; i++)
            if (minutes <= BoundsMinutes[i]) return i;
        return BoundsMinutes.Count;
    }

    /// <summary>The q-quantile (0 &lt; q ≤ 1) in hours, from counts per bucket; null when there are no cases or the
    /// quantile lies above the last bound (longer than 60 days: no upper bound to give).</summary>
    public static double? QuantileHours(IReadOnlyList<long> counts, double q)
    {
        var n = counts.Sum();
        if (n == 0) return null;
        var rank = (long)Math.Ceiling(q * n);
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            seen += counts[i];
            if (seen >= rank) return i < BoundsMinutes.Count ? BoundsMinutes[i] / 60.0 : null;
        }
        return null;
    }
}
