using Governance.Dispatch.Handling;
using Governance.Dispatch.Permissions;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Governance.Dispatch.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>The working calendar: public holidays and make-up working days (调休) per year.</summary>
public static class CalendarApi
{
    public sealed record CalendarYearRequest(IReadOnlyList<DateOnly>? Holidays, IReadOnlyList<DateOnly>? Workdays);

    public static void MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/calendar", async (DispatchDatabase db, CalendarStore calendars) =>
        {
            await using var c = await db.OpenReadAsync();
            return TypedResults.Ok(await calendars.YearsAsync(c));
        }).WithSummary("The working-day calendar's years").Performs(UnitAction.ReadSettings);
        routes.MapPut("/dispatch/calendar/{year:int}", PutYear).WithSummary("Set a year's holidays and working weekends").Performs(UnitAction.ChangeSettings);
        routes.MapGet("/dispatch/calendar/coverage", Coverage).WithSummary("Which years the calendar covers and the one to enter next").Performs(UnitAction.ReadSettings);
    }

    /// <summary>The years entered and the one to enter next (the county administrator's page warns with it).</summary>
    private static async Task<Ok<CalendarCoverage>> Coverage(DispatchDatabase db, CalendarStore calendars,
        IOptions<CalendarOptions> options, TimeProvider time)
    {
        await using var c = await db.OpenReadAsync();
        var years = await calendars.YearsAsync(c);
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(options.Value.UtcOffset).DateTime);
        return TypedResults.Ok(CalendarCoverage.Of(years.Select(y => y.Year), today, options.Value.WarnDaysAhead));
    }

    private static async Task<Results<Ok<CalendarYear>, ValidationProblem>> PutYear(int year, CalendarYearRequest? body,
        UnitOfWorkRunner<DispatchDatabase> runner, CalendarStore calendars, HttpContext http)
    {
        var errors = new FieldErrors();
        if (year is < 2000 or > 2100) errors.Add("year", ProblemTexts.Between("year", 2000, 2100));
        // Both lists are required (empty is allowed): a missing list must not wipe a year's holidays.
        if (body?.Holidays is null) errors.Add("holidays", DispatchTexts.DaysRequired("holidays"));
        if (body?.Workdays is null) errors.Add("workdays", DispatchTexts.DaysRequired("workdays"));
        var holidays = body?.Holidays ?? [];
        var workdays = body?.Workdays ?? [];
        // A year has at most 366 days: a longer list is a mistake (and would only be stored to be read whole).
        if (holidays.Count > 366) errors.Add("holidays", DispatchTexts.DaysAtMost366("holidays"));
        if (workdays.Count > 366) errors.Add("workdays", DispatchTexts.DaysAtMost366("workdays"));
        if (holidays.Any(d => d.Year != year)) errors.Add("holidays", DispatchTexts.HolidayInYear(year));
        if (workdays.Any(d => d.Year != year)) errors.Add("workdays", DispatchTexts.WorkdayInYear(year));
        if (holidays.Intersect(workdays).Any()) errors.Add("workdays", DispatchTexts.HolidayAndWorkday);
        if (errors.Any) return errors.ToProblem();
        var calendarYear = new CalendarYear(year, holidays.Distinct().Order().ToList(), workdays.Distinct().Order().ToList());
        var by = Actor.Of(http);
        await runner.RunAsync(uow => calendars.SaveAsync(uow, calendarYear, by, uow.Now));
        return TypedResults.Ok(calendarYear);
    }
}
