using Governance.Incidents.Handling;
using System.Globalization;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Dashboard;

/// <summary>
/// The county dashboard's figures (成效可视化): the headline rates for a period, open and overdue per
/// tier, escalations by reason and township, the filed/closed trend, figures per child unit for
/// drilling down, cases per grid for the hot-spot map, the times to accept and to resolve, rankings (比学赶超),
/// 包案 (<see cref="InHandFiguresStore"/>) and repeat places (<see cref="Rankings"/>).
/// Each view is computed in <see cref="DashboardViews"/>; its export in <see cref="DashboardExportsApi"/>.
/// </summary>
public static class DashboardApi
{
    public sealed record TierCounts(long Courtyard, long Village, long Township, long County);
    public sealed record Summary(string UnitCode, DateOnly From, DateOnly To, long Filed, long Closed,
        double? VillageContainmentRate, double? TownshipContainmentRate, double? OnTimeRate, double? SatisfactionRate,
        TierCounts Open, TierCounts Overdue, double? ResidentSatisfactionRate, long ResidentAnswers, long StaffSatisfactionAnswers);
    public sealed record TrendPoint(DateOnly Day, long Filed, long Closed);
    public sealed record ReasonCount(string Reason, long Count);
    public sealed record UnitCount(string UnitCode, string? Name, long Count);
    public sealed record Escalations(IReadOnlyList<ReasonCount> ByReason, IReadOnlyList<UnitCount> ByTownship);
    public sealed record Child(string UnitCode, string? Name, UnitLevel? Level, long Filed, long Closed,
        double? VillageContainmentRate, double? TownshipContainmentRate, long Open, long Overdue);
    public sealed record Hotspot(string GridCode, long Filed);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    /// <summary>The error key of a unit outside the caller's reach: answered 403, not 400.</summary>
    internal const string OutsideJurisdiction = "unitCode.jurisdiction";
    private const int LongestPeriodDays = 3 * 366;

    /// <param name="UpToMinutes">The bucket's upper bound; null for the last bucket (longer than 60 days).</param>
    public sealed record DurationBucket(int? UpToMinutes, long Cases);
    public sealed record Distribution(string Measure, IReadOnlyList<DurationBucket> Buckets, long Cases, double? MedianHours, double? P90Hours);
    public sealed record DurationFigures(Distribution Accept, Distribution Resolve);

    public static void MapDashboardApi(this IEndpointRouteBuilder routes)
    {
        var dashboard = routes.MapGroup("/incidents/dashboard");
        dashboard.MapGet("/summary", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, DashboardViews.SummaryAsync)).WithSummary("Dashboard: a unit's figures for a period");
        dashboard.MapGet("/trend", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, DashboardViews.TrendAsync)).WithSummary("Dashboard: cases filed and closed per day");
        dashboard.MapGet("/escalations", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, DashboardViews.EscalationsAsync)).WithSummary("Dashboard: cases moved up, by tier and reason");
        dashboard.MapGet("/children", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, DashboardViews.ChildrenAsync)).WithSummary("Dashboard: the figures of each unit below");
        dashboard.MapGet("/hotspots", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, DashboardViews.HotspotsAsync)).WithSummary("Dashboard: hotspot grids (热点网格)");
        dashboard.MapGet("/durations", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, DashboardViews.DurationsAsync)).WithSummary("Dashboard: how long accepting and resolving took");
        dashboard.MapGet("/rankings", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, Rankings.RankAsync)).WithSummary("Dashboard: the units below ranked (比学赶超)");
        dashboard.MapGet("/in-hand", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, InHandFiguresStore.FiguresAsync)).WithSummary("Dashboard: cases taken in hand by leaders (包案)");
        dashboard.MapGet("/repeat-places", (IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to) =>
            ViewAsync(db, time, http, unitCode, from, to, Rankings.RepeatAsync)).WithSummary("Dashboard: places where cases repeat (重复发生点位)");
    }

    /// <summary>A view for the unit and period the query names: 200, 400 naming the field, or 403 outside the caller's units.</summary>
    private static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> ViewAsync<T>(IncidentsDatabase db, TimeProvider time,
        HttpContext http, string? unitCode, string? from, string? to, Func<DbSession, DashboardScope, Task<T>> view)
    {
        await using var c = await db.OpenReadAsync();
        var (scope, errors) = await ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
        if (scope is null) return errors.Has(OutsideJurisdiction) ? Jurisdiction.OutsideProblem() : errors.ToProblem();
        return TypedResults.Ok(await view(c, scope));
    }

    /// <summary>The unit (default: the county) and the period (default: the last 30 days), checked.</summary>
    internal static async Task<(DashboardScope? Scope, FieldErrors Errors)> ScopeAsync(
        DbSession c, TimeProvider time, Caller caller, string? unitCode, string? from, string? to)
    {
        // A township's staff see their township's dashboard; the county sees all (default: one's own unit).
        if (unitCode is null && !caller.Unrestricted) unitCode = await Jurisdiction.HomeUnitAsync(c, caller);
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaOffset).DateTime);
        var toDay = ParseDay(errors, "to", to) ?? today;
        var fromDay = ParseDay(errors, "from", from) ?? toDay.AddDays(-29);
        if (fromDay > toDay) errors.Add("from", ProblemTexts.NotAfter("from", "to"));
        else if (toDay.DayNumber - fromDay.DayNumber > LongestPeriodDays) errors.Add("from", IncidentsTexts.PeriodAtMostThreeYears);

        CopiedUnit? unit;
        if (unitCode is null)
        {
            unit = (await UnitCopyStore.CountyAsync(c));
            if (unit is null) errors.Add("unitCode", IncidentsTexts.CountyUnitsNotKnown);
        }
        else
        {
            unit = await UnitCopyStore.FindAsync(c, unitCode);
            if (unit is null) errors.Add("unitCode", ProblemTexts.UnknownUnit("unitCode", unitCode));
            else if (unit.Level is not (UnitLevel.County or UnitLevel.Township or UnitLevel.Village))
                errors.Add("unitCode", IncidentsTexts.DashboardUnitLevel);
            else if (!await Jurisdiction.CoversAsync(c, caller, unit.Code))
                errors.Add(OutsideJurisdiction, ProblemTexts.UnitCodeOutsideYourUnits);
        }
        return errors.Any ? (null, errors) : (new DashboardScope(unit!.Code, unit.Level, fromDay, toDay), errors);
    }

    private static DateOnly? ParseDay(FieldErrors errors, string field, string? text)
    {
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            errors.Add(field, IncidentsTexts.DateWritten(field));
        // No case was filed before 2000 and none will be after 2099: such a date is a typing error.
        else if (day.Year is < 2000 or > 2099) errors.Add(field, IncidentsTexts.DateBetween(field));
        else return day;
        return null;
    }
}
