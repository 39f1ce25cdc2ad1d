namespace Governance.Grids.Model;

/// <summary>
/// Which of the points a phone sends are kept. A page open for hours with a browser that reports a
/// position every second would otherwise write thousands of rows per patrol: a point is kept only
/// <see cref="MinSpacing"/> after the last kept one, and a patrol keeps at most <see cref="MaxPoints"/>.
/// Sparse tracks are normal (the page is closed, the browser gives no position): nothing is filled in.
/// </summary>
public static class TrackThinning
{
    public static readonly TimeSpan MinSpacing = TimeSpan.FromSeconds(20);
    public const int MaxPoints = 2000;
    /// <summary>The most points one request may carry (a phone that was offline sends what it kept).</summary>
    public const int MaxPerRequest = 100;

    /// <summary>The points to keep, oldest first, after <paramref name="lastKept"/> with
    /// <paramref name="kept"/> points already stored.</summary>
    public static IReadOnlyList<TrackPoint> Keep(IEnumerable<TrackPoint> points, DateTimeOffset? lastKept, int kept)
    {
        var result = new List<TrackPoint>();
        foreach (var p in points.OrderBy(p => p.At))
        {
            if (kept + result.Count >= MaxPoints) break;
            if (lastKept is { } last && p.At - last < MinSpacing) continue;
            result.Add(p);
            lastKept = p.At;
        }
        return result;
    }
}
