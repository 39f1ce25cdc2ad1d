using Governance.Incidents.Handling;
using System.Globalization;
using Governance.Incidents.Exports;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Dashboard;

/// <summary>统计报表: a month's figures for the county, a township or a village, with a line per township and
/// village below it (<see cref="MonthlyReport"/>), as JSON or as a file. Who may: as the dashboard (the unit's
/// own staff and those above it; default: the caller's highest unit).</summary>
public static class ReportApi
{
    public static void MapReportApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/incidents/reports/monthly", GetMonthly).WithSummary("Monthly report (统计报表) of a unit");
        routes.MapGet("/incidents/reports/monthly/export", ExportMonthly).WithSummary("Monthly report (统计报表) as a file");
    }

    private static async Task<IResult> GetMonthly(IncidentsDatabase db, TimeProvider time, HttpContext http, string? unitCode, string? month)
    {
        var (report, problem) = await ReportAsync(db, time, http, unitCode, month);
        return report is null ? problem! : TypedResults.Ok(report);
    }

    private static async Task<IResult> ExportMonthly(IncidentsDatabase db, TimeProvider time, HttpContext http, IOptions<ExportOptions> options,
        string? unitCode, string? month, string? format)
    {
        var (report, problem) = await ReportAsync(db, time, http, unitCode, month);
        if (report is null) return problem!;
        var errors = new FieldErrors();
        var kind = ExportFormats.Read(format, errors);
        if (errors.Any) return errors.ToProblem();
        return await TableFile.AnswerAsync(kind!.Value, $"report-{report.UnitCode}-{report.Month}", $"统计报表 {report.Month}",
            () => report.Lines.Select(ReportRow.Of), options.Value.RowsPerSheet);
    }

    private static async Task<(MonthlyReport.Report? Report, IResult? Problem)> ReportAsync(IncidentsDatabase db, TimeProvider time,
        HttpContext http, string? unitCode, string? month)
    {
        var errors = new FieldErrors();
        DateOnly first = default;
        if (month is null) errors.Add("month", IncidentsTexts.MonthRequired);
        else if (!DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
                 || first.Year is < 2000 or > 2099)
            errors.Add("month", IncidentsTexts.MonthWritten);
        if (errors.Any) return (null, errors.ToProblem());
        await using var c = await db.OpenReadAsync();
        var (scope, scopeErrors) = await DashboardApi.ScopeAsync(c, time, Caller.Of(http), unitCode,
            first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (scope is null)
            return (null, scopeErrors.Has(DashboardApi.OutsideJurisdiction) ? Jurisdiction.OutsideProblem() : scopeErrors.ToProblem());
        var units = (await UnitCopyStore.AtLevelsAsync(c, UnitLevel.County, UnitLevel.Township, UnitLevel.Village))
            .Where(u => u.Code == scope.UnitCode || u.ParentCode == scope.UnitCode || scope.Level == UnitLevel.County)
            .ToDictionary(u => u.Code, u => (u.Name, u.Level, u.ParentCode));
        var lines = MonthlyReport.Lines(scope, await ReportStore.VillagesAsync(c, scope), await ReportStore.EscalationsAsync(c, scope),
            await ReportStore.DurationsAsync(c, scope), await ReportStore.OverdueNowAsync(c, scope), units);
        return (new MonthlyReport.Report(scope.UnitCode, month!, lines), null);
    }
}
