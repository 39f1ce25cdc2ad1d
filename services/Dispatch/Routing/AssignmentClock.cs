namespace Governance.Dispatch.Routing;

/// <summary>The clocks a case gets when it arrives on a tier: due, acknowledge-by, and yellow-at; and the year its
/// working-day deadline was counted in by weekdays only, for want of that year's calendar.</summary>
public sealed record ClockTimes(DateTimeOffset DueAt, DateTimeOffset? AcknowledgeBy, DateTimeOffset YellowAt, int? WeekdaysOnlyYear = null);

public static class AssignmentClock
{
    /// <param name="deadline">The deadline on that tier (the policy's, or a rule's own for the first tier).</param>
    /// <param name="clock">How this case counts time (<see cref="RoutingPolicy.ClockFor"/>).</param>
    public static ClockTimes Start(RoutingPolicy policy, WorkingCalendar calendar, DeadlineClock clock, Tier tier, DateTimeOffset now, TimeSpan deadline)
    {
        var due = calendar.DueAt(now, deadline, clock);
        DateTimeOffset? ack = policy.AcknowledgementDeadlines is { } acks ? calendar.DueAt(now, acks.For(tier), clock) : null;
        // Yellow at the configured share of the time the unit really has (working time included).
        var yellow = now + TimeSpan.FromTicks((long)((due - now).Ticks * Math.Clamp(policy.YellowFraction, 0, 1)));
        return new ClockTimes(due, ack, yellow, calendar.YearWithoutCalendar(now, due, clock));
    }

    /// <summary>红黄牌 state of a running clock at <paramref name="now"/>.</summary>
    public static WarningLevel? Warning(DateTimeOffset now, DateTimeOffset yellowAt, DateTimeOffset dueAt) =>
        now >= dueAt ? WarningLevel.Red : now >= yellowAt ? WarningLevel.Yellow : null;
}
