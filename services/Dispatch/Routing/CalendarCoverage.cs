namespace Governance.Dispatch.Routing;

/// <summary>
/// Which years the working calendar covers, and the one the county administrator must enter next: this year if it
/// is missing (deadlines in it are being counted Monday to Friday now), or next year once it is less than
/// <c>warnDaysAhead</c> days away (the State Council announces it in the autumn; a 25-working-day deadline set in
/// December already runs into it).
/// </summary>
/// <param name="MissingYear">The year to enter, or null when nothing is due.</param>
/// <param name="CountingWeekdaysOnly">True when deadlines are already being counted without it (this year missing,
/// or next year's is missing and a month-long working-day deadline set today would reach it).</param>
public sealed record CalendarCoverage(IReadOnlyList<int> KnownYears, int? MissingYear, bool CountingWeekdaysOnly)
{
    /// <summary>Working-day deadlines run to about 25 working days: five weeks of calendar.</summary>
    private const int LongestDeadlineDays = 40;

    public static CalendarCoverage Of(IEnumerable<int> knownYears, DateOnly today, int warnDaysAhead)
    {
        var known = knownYears.Distinct().Order().ToList();
        if (!known.Contains(today.Year)) return new CalendarCoverage(known, today.Year, CountingWeekdaysOnly: true);
        var next = today.Year + 1;
        var daysToNext = new DateOnly(next, 1, 1).DayNumber - today.DayNumber;
        if (known.Contains(next) || daysToNext > warnDaysAhead) return new CalendarCoverage(known, null, false);
        return new CalendarCoverage(known, next, CountingWeekdaysOnly: daysToNext <= LongestDeadlineDays);
    }
}
