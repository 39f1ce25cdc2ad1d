using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Governance.Dispatch.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Dispatch.Data;

/// <summary>One year's public holidays and make-up working days (调休), as announced.</summary>
public sealed record CalendarYear(int Year, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays);

/// <summary>Working hours and time zone of the county (configuration "Dispatch:Calendar").</summary>
public sealed class CalendarOptions
{
    public TimeOnly DayStart { get; set; } = new(9, 0);
    public TimeOnly DayEnd { get; set; } = new(17, 30);
    [Range(typeof(TimeSpan), "-14:00:00", "14:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(8);
    /// <summary>How many days before a year begins its missing calendar is shown to the county administrator.</summary>
    [Range(1, 366)]
    public int WarnDaysAhead { get; set; } = 90;
}

/// <summary>
/// The working calendar, stored per year. Read often (every routing and escalation with a working
/// clock), written rarely (once a year), so it is cached for a minute; another instance sees an edit
/// within that minute.
/// </summary>
public sealed class CalendarStore(IOptions<CalendarOptions> options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private (WorkingCalendar Calendar, DateTimeOffset LoadedAt)? _cache;

    public async Task<WorkingCalendar> CurrentAsync(DbSession session)
    {
        if (_cache is { } cached && time.GetUtcNow() - cached.LoadedAt < CacheFor) return cached.Calendar;
        var years = await YearsAsync(session);
        var settings = options.Value;
        var calendar = new WorkingCalendar(years.SelectMany(y => y.Holidays).ToHashSet(), years.SelectMany(y => y.Workdays).ToHashSet(),
            settings.DayStart, settings.DayEnd, settings.UtcOffset, years.Select(y => y.Year).ToHashSet());
        _cache = (calendar, time.GetUtcNow());
        return calendar;
    }

    public async Task<IReadOnlyList<CalendarYear>> YearsAsync(DbSession session)
    {
        var documents = await session.QueryAsync<string>("SELECT document FROM calendar_years ORDER BY year");
        return documents.Select(d => JsonSerializer.Deserialize<CalendarYear>(d, Json)!).ToList();
    }

    public async Task SaveAsync(UnitOfWork uow, CalendarYear year, string by, DateTimeOffset at)
    {
        await uow.ExecuteAsync("DELETE FROM calendar_years WHERE year = @Year", new { year.Year });
        await uow.ExecuteAsync("INSERT INTO calendar_years (year, document, updated_at_ms, updated_by) VALUES (@Year, @Document, @At, @By)",
            new { year.Year, Document = JsonSerializer.Serialize(year, Json), At = at.ToUnixTimeMilliseconds(), By = by });
        _cache = null;
    }

    /// <summary>
    /// Seeded on first start so working-day clocks work out of the box: the State Council's 2025
    /// arrangement, and 2026 as announced in late 2025. A county checks and edits them
    /// (PUT /dispatch/calendar/{year}) — the calendar is data, not code.
    /// </summary>
    public static IReadOnlyList<CalendarYear> Seed { get; } =
    [
        new(2025,
            Days("2025-01-01", "2025-01-28..2025-02-04", "2025-04-04..2025-04-06", "2025-05-01..2025-05-05", "2025-05-31..2025-06-02", "2025-10-01..2025-10-08"),
            Days("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11")),
        new(2026,
            Days("2026-01-01..2026-01-03", "2026-02-15..2026-02-23", "2026-04-04..2026-04-06", "2026-05-01..2026-05-05", "2026-06-19..2026-06-21", "2026-09-25..2026-09-27", "2026-10-01..2026-10-07"),
            Days("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")),
    ];

    private static IReadOnlyList<DateOnly> Days(params string[] spans) => spans.SelectMany(span =>
    {
        var parts = span.Split("..");
        var from = DateOnly.Parse(parts[0]);
        var to = parts.Length > 1 ? DateOnly.Parse(parts[1]) : from;
        return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
    }).ToList();
}
