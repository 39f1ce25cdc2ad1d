using System.Globalization;
using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Infrastructure.Data;
using Governance.Infrastructure.Hosting;
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
/// drilling down, and cases per grid for the hot-spot map.
/// </summary>
public static class DashboardApi
{
    public sealed record TierCounts(long Courtyard, long Village, long Township, long County);
    public sealed record Summary(string UnitCode, DateOnly From, DateOnly To, long Filed, long Closed,
        double? VillageContainmentRate, double? TownshipContainmentRate, double? OnTimeRate, double? SatisfactionRate,
        TierCounts Open, TierCounts Overdue);
    public sealed record TrendPoint(DateOnly Day, long Filed, long Closed);
    public sealed record ReasonCount(string Reason, long Count);
    public sealed record UnitCount(string UnitCode, string? Name, long Count);
    public sealed record Escalations(IReadOnlyList<ReasonCount> ByReason, IReadOnlyList<UnitCount> ByTownship);
    public sealed record Child(string UnitCode, string? Name, UnitLevel? Level, long Filed, long Closed,
        double? VillageContainmentRate, double? TownshipContainmentRate, long Open, long Overdue);
    public sealed record Hotspot(string GridCode, long Filed);

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    /// <summary>The error key of a unit outside the caller's reach: answered 403, not 400.</summary>
    private const string OutsideJurisdiction = "unitCode.jurisdiction";
    private const int LongestPeriodDays = 3 * 366;

    public static void MapDashboardApi(this IEndpointRouteBuilder routes)
    {
        var dashboard = routes.MapGroup("/incidents/dashboard");
        dashboard.MapGet("/summary", GetSummary);
        dashboard.MapGet("/trend", GetTrend);
        dashboard.MapGet("/escalations", GetEscalations);
        dashboard.MapGet("/children", GetChildren);
        dashboard.MapGet("/hotspots", GetHotspots);
    }

    private static async Task<Results<Ok<Summary>, ValidationProblem, ProblemHttpResult>> GetSummary(
        IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to)
    {
        await using var c = await db.OpenReadAsync();
        var (scope, errors) = await ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
        if (scope is null)
        {
            if (errors.Has(OutsideJurisdiction)) return Forbidden();
            return errors.ToProblem();
        }
        var h = await DashboardStore.HeadlineAsync(c, scope);
        var open = await DashboardStore.OpenByTierAsync(c, scope);
        TierCounts Counts(Func<(long Open, long Overdue), long> pick) => new(
            Pick(open, "courtyard", pick), Pick(open, "village", pick), Pick(open, "township", pick), Pick(open, "county", pick));
        return TypedResults.Ok(new Summary(scope.UnitCode, scope.From, scope.To, h.Filed, h.Closed,
            Rate(h.ClosedInVillage, h.Closed), Rate(h.ClosedInTownship, h.Closed), Rate(h.ClosedOnTime, h.Closed),
            Rate(h.Satisfied, h.SatisfactionAnswers), Counts(v => v.Open), Counts(v => v.Overdue)));
    }

    private static async Task<Results<Ok<IReadOnlyList<TrendPoint>>, ValidationProblem, ProblemHttpResult>> GetTrend(
        IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to)
    {
        await using var c = await db.OpenReadAsync();
        var (scope, errors) = await ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
        if (scope is null)
        {
            if (errors.Has(OutsideJurisdiction)) return Forbidden();
            return errors.ToProblem();
        }
        var byDay = (await DashboardStore.TrendAsync(c, scope)).ToDictionary(p => p.Day);
        // Every day of the period, zeros included, so a chart's axis is honest.
        var points = Enumerable.Range(0, scope.To.DayNumber - scope.From.DayNumber + 1).Select(scope.From.AddDays).Select(day =>
        {
            var key = day.Year * 10000 + day.Month * 100 + day.Day;
            return byDay.TryGetValue(key, out var p) ? new TrendPoint(day, p.Filed, p.Closed) : new TrendPoint(day, 0, 0);
        }).ToList();
        return TypedResults.Ok<IReadOnlyList<TrendPoint>>(points);
    }

    private static async Task<Results<Ok<Escalations>, ValidationProblem, ProblemHttpResult>> GetEscalations(
        IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to)
    {
        await using var c = await db.OpenReadAsync();
        var (scope, errors) = await ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
        if (scope is null)
        {
            if (errors.Has(OutsideJurisdiction)) return Forbidden();
            return errors.ToProblem();
        }
        var byReason = (await DashboardStore.EscalationsByAsync(c, scope, "reason")).Select(r => new ReasonCount(r.Key, r.Count)).ToList();
        var byTownship = new List<UnitCount>();
        foreach (var (code, count) in await DashboardStore.EscalationsByAsync(c, scope, "township_code"))
            byTownship.Add(new UnitCount(code, (await UnitCopyStore.FindAsync(c, code))?.Name, count));
        return TypedResults.Ok(new Escalations(byReason, byTownship));
    }

    private static async Task<Results<Ok<IReadOnlyList<Child>>, ValidationProblem, ProblemHttpResult>> GetChildren(
        IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to)
    {
        await using var c = await db.OpenReadAsync();
        var (scope, errors) = await ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
        if (scope is null)
        {
            if (errors.Has(OutsideJurisdiction)) return Forbidden();
            return errors.ToProblem();
        }
        var children = new List<Child>();
        if (scope.Level == UnitLevel.Village)
        {
            // A village's grids: cases filed per grid (the other figures are kept per village).
            foreach (var (grid, filed) in await DashboardStore.HotspotsAsync(c, scope))
            {
                var unit = await UnitCopyStore.FindAsync(c, grid);
                children.Add(new Child(grid, unit?.Name, unit?.Level, filed, 0, null, null, 0, 0));
            }
            return TypedResults.Ok<IReadOnlyList<Child>>(children);
        }
        var column = scope.Level == UnitLevel.County ? "township_code" : "village_code";
        var open = await DashboardStore.OpenByChildAsync(c, scope, column);
        foreach (var (code, filed, closed, inVillage, inTownship) in await DashboardStore.ChildrenAsync(c, scope, column))
        {
            var unit = await UnitCopyStore.FindAsync(c, code);
            var (openCases, overdue) = open.TryGetValue(code, out var o) ? o : (0, 0);
            children.Add(new Child(code, unit?.Name, unit?.Level, filed, closed, Rate(inVillage, closed), Rate(inTownship, closed), openCases, overdue));
        }
        foreach (var (code, o) in open.Where(o => children.All(ch => ch.UnitCode != o.Key)))
        {
            var unit = await UnitCopyStore.FindAsync(c, code);
            children.Add(new Child(code, unit?.Name, unit?.Level, 0, 0, null, null, o.Open, o.Overdue));
        }
        return TypedResults.Ok<IReadOnlyList<Child>>(children.OrderBy(ch => ch.UnitCode).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<Hotspot>>, ValidationProblem, ProblemHttpResult>> GetHotspots(
        IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? from, string? to)
    {
        await using var c = await db.OpenReadAsync();
        var (scope, errors) = await ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
        if (scope is null)
        {
            if (errors.Has(OutsideJurisdiction)) return Forbidden();
            return errors.ToProblem();
        }
        return TypedResults.Ok<IReadOnlyList<Hotspot>>((await DashboardStore.HotspotsAsync(c, scope)).Select(h => new Hotspot(h.GridCode, h.Filed)).ToList());
    }

    /// <summary>The unit (default: the county) and the period (default: the last 30 days), checked.</summary>
    private static async Task<(DashboardScope? Scope, FieldErrors Errors)> ScopeAsync(
        DbSession c, TimeProvider time, Caller caller, string? unitCode, string? from, string? to)
    {
        // A township's staff see their township's dashboard; the county sees all (default: one's own unit).
        if (unitCode is null && !caller.Unrestricted) unitCode = await Jurisdiction.HomeUnitAsync(c, caller);
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(ChinaOffset).DateTime);
        var toDay = ParseDay(errors, "to", to) ?? today;
        var fromDay = ParseDay(errors, "from", from) ?? toDay.AddDays(-29);
        if (fromDay > toDay) errors.Add("from", "from must not be after to.");
        else if (toDay.DayNumber - fromDay.DayNumber > LongestPeriodDays) errors.Add("from", "The period may be at most three years.");

        CopiedUnit? unit;
        if (unitCode is null)
        {
            unit = (await UnitCopyStore.CountyAsync(c));
            if (unit is null) errors.Add("unitCode", "The county's units are not known yet.");
        }
        else
        {
            unit = await UnitCopyStore.FindAsync(c, unitCode);
            if (unit is null) errors.Add("unitCode", $"unitCode '{unitCode}' is not a known unit.");
            else if (unit.Level is not (UnitLevel.County or UnitLevel.Township or UnitLevel.Village))
                errors.Add("unitCode", "unitCode must be the county, a township or a village (a grid's cases: GET /incidents?unitCode=).");
            else if (!await Jurisdiction.CoversAsync(c, caller, unit.Code))
                errors.Add(OutsideJurisdiction, "unitCode is outside your units.");
        }
        return errors.Any ? (null, errors) : (new DashboardScope(unit!.Code, unit.Level, fromDay, toDay), errors);
    }

    private static DateOnly? ParseDay(FieldErrors errors, string field, string? text)
    {
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            errors.Add(field, $"{field} must be a date written yyyy-MM-dd.");
        // No case was filed before 2000 and none will be after 2099: such a date is a typing error.
        else if (day.Year is < 2000 or > 2099) errors.Add(field, $"{field} must be between 2000-01-01 and 2099-12-31.");
        else return day;
        return null;
    }

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem("unitCode is outside your units.", statusCode: StatusCodes.Status403Forbidden, title: "Outside your jurisdiction");

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static long Pick(IReadOnlyDictionary<string, (long Open, long Overdue)> byTier, string tier, Func<(long Open, long Overdue), long> pick) =>
        byTier.TryGetValue(tier, out var v) ? pick(v) : 0;
}
