using System.ComponentModel.DataAnnotations;

namespace Governance.Grids.Model;

/// <summary>Configuration section "Grids:Patrols": when a patrol nobody ended counts as forgotten.</summary>
public sealed class PatrolOptions
{
    public const string Section = "Grids:Patrols";

    /// <summary>A patrol with no sign of life for this long is ended at its last one (<see cref="PatrolIdleEnd"/>).
    /// Longer than a walk with the page closed (a morning's round is two or three hours), shorter than a night.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan IdleEnd { get; set; } = TimeSpan.FromHours(4);
}

/// <summary>
/// A patrol forgotten open (the worker never pressed end) must not stay open for ever: every case and care visit
/// of his days later would attach to it, and he could not start another. A patrol whose last sign of life —
/// its start, its last kept point, the last thing linked to it — lies further back than the idle limit is over,
/// and ends <i>at</i> that sign of life, by <see cref="Actor"/>: the hours nobody walked are not patrol time,
/// and a supervisor reads who ended it. Once idle a patrol takes no new sign of life, so its end is the same
/// whenever and by whichever instance it is written.
/// </summary>
public static class PatrolIdleEnd
{
    /// <summary>Who ended a patrol forgotten open (DOMAIN: automatic steps are <c>system:&lt;job&gt;</c>).</summary>
    public const string Actor = "system:patrol-idle-end";

    public static DateTimeOffset LastSignOfLife(Visit patrol, DateTimeOffset? lastLinkAt)
    {
        var last = patrol.LastPointAt is { } p && p > patrol.StartedAt ? p : patrol.StartedAt;
        return lastLinkAt is { } l && l > last ? l : last;
    }

    /// <summary>Whether the open patrol had been without a sign of life for longer than <paramref name="idleEnd"/> at <paramref name="at"/>.</summary>
    public static bool IsIdleAt(Visit patrol, DateTimeOffset? lastLinkAt, DateTimeOffset at, TimeSpan idleEnd) =>
        patrol.IsOpen && at - LastSignOfLife(patrol, lastLinkAt) > idleEnd;

    /// <summary>The patrol as it is at <paramref name="now"/>: ended at its last sign of life when it was idle, else unchanged
    /// (the version is the stored one: writing the end is the caller's, under that version).</summary>
    public static Visit AsOf(Visit patrol, DateTimeOffset? lastLinkAt, DateTimeOffset now, TimeSpan idleEnd) =>
        IsIdleAt(patrol, lastLinkAt, now, idleEnd)
            ? patrol with { EndedAt = LastSignOfLife(patrol, lastLinkAt), EndedBy = Actor }
            : patrol;
}
