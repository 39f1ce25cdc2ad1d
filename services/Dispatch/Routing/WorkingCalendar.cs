namespace Governance.Dispatch.Routing;

/// <summary>
/// A Chinese working calendar: Monday to Friday, minus public holidays, plus make-up working days
/// (调休, often a Saturday or Sunday) — which generic calendars miss. Times are the county's local
/// time (China Standard Time, UTC+8, by default); working hours are one span per day.
/// </summary>
/// <param name="KnownYears">The years whose holidays have been announced and entered; null when the calendar does not
/// say (every year counts as known). A working-day deadline in any other year is counted by weekdays only.</param>
public sealed record WorkingCalendar(
    IReadOnlySet<DateOnly> Holidays, IReadOnlySet<DateOnly> MakeUpWorkdays, TimeOnly DayStart, TimeOnly DayEnd, TimeSpan UtcOffset,
    IReadOnlySet<int>? KnownYears = null)
{
    private const int MaxDays = 3700; // ten years: a bound on every loop, whatever the data says

    public static WorkingCalendar Empty { get; } = new(new HashSet<DateOnly>(), new HashSet<DateOnly>(),
        new TimeOnly(9, 0), new TimeOnly(17, 30), TimeSpan.FromHours(8));

    public bool IsWorkingDay(DateOnly day) =>
        MakeUpWorkdays.Contains(day) || (!Holidays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>
    /// The first year a working-time deadline from <paramref name="start"/> to <paramref name="due"/> runs into
    /// without an announced calendar, or null: there it was counted Monday to Friday only, which the case is
    /// marked with (the calendar never guesses silently; a routing never fails for it).
    /// </summary>
    public int? YearWithoutCalendar(DateTimeOffset start, DateTimeOffset due, DeadlineClock clock)
    {
        if (clock == DeadlineClock.Natural || KnownYears is null) return null;
        for (var year = start.ToOffset(UtcOffset).Year; year <= due.ToOffset(UtcOffset).Year; year++)
            if (!KnownYears.Contains(year)) return year;
        return null;
    }

    /// <summary>When a deadline of <paramref name="duration"/> that starts at <paramref name="start"/> falls due.</summary>
    public DateTimeOffset DueAt(DateTimeOffset start, TimeSpan duration, DeadlineClock clock) =>
        clock == DeadlineClock.Natural ? start + duration : AddWorkingTime(start, duration).ToUniversalTime();

    /// <summary>
    /// Working time: the whole days of <paramref name="duration"/> count working days (ending at the
    /// same time of day), the rest counts working hours. A start outside working hours counts from the
    /// next working moment — a case filed on Saturday night starts its clock on Monday morning.
    /// </summary>
    private DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan duration)
    {
        var cursor = NextWorkingMoment(start.ToOffset(UtcOffset));
        for (var days = duration.Days; days > 0;)
        {
            cursor = cursor.AddDays(1);
            if (IsWorkingDay(DateOnly.FromDateTime(cursor.DateTime))) days--;
            if ((cursor - start).TotalDays > MaxDays) throw new InvalidOperationException("Calendar has no working days");
        }
        var rest = duration - TimeSpan.FromDays(duration.Days);
        for (var guard = 0; rest > TimeSpan.Zero; guard++)
        {
            if (guard > MaxDays) throw new InvalidOperationException("Calendar has no working days");
            cursor = NextWorkingMoment(cursor);
            var endOfDay = new DateTimeOffset(cursor.Date + DayEnd.ToTimeSpan(), UtcOffset);
            var available = endOfDay - cursor;
            if (rest <= available) return cursor + rest;
            rest -= available;
            cursor = endOfDay;
        }
        return cursor;
    }

    /// <summary>The moment itself if it is within working hours of a working day, else the start of the next.</summary>
    private DateTimeOffset NextWorkingMoment(DateTimeOffset local)
    {
        for (var i = 0; i <= MaxDays; i++)
        {
            var day = DateOnly.FromDateTime(local.DateTime);
            var dayStart = new DateTimeOffset(local.Date + DayStart.ToTimeSpan(), UtcOffset);
            var dayEnd = new DateTimeOffset(local.Date + DayEnd.ToTimeSpan(), UtcOffset);
            if (IsWorkingDay(day) && local < dayEnd) return local < dayStart ? dayStart : local;
            local = new DateTimeOffset(local.Date.AddDays(1) + DayStart.ToTimeSpan(), UtcOffset);
        }
        throw new InvalidOperationException("Calendar has no working days");
    }
}
