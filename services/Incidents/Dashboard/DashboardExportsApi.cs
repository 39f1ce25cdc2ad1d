using Governance.Incidents.Exports;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Dashboard;

/// <summary>Every dashboard view as a file: <c>GET /incidents/dashboard/{view}/export?format=xlsx|csv</c> with the
/// view's own unitCode, from and to, the same figures its JSON answers (<see cref="DashboardViews"/>).</summary>
public static class DashboardExportsApi
{
    public static void MapDashboardExportsApi(this IEndpointRouteBuilder routes)
    {
        var dashboard = routes.MapGroup("/incidents/dashboard");
        Map(dashboard, "summary", "汇总", DashboardViews.SummaryAsync, DashboardRows.Of);
        Map(dashboard, "trend", "趋势", DashboardViews.TrendAsync, DashboardRows.Of);
        Map(dashboard, "escalations", "上移原因", DashboardViews.EscalationsAsync, DashboardRows.Of);
        Map(dashboard, "children", "下级单位", DashboardViews.ChildrenAsync, DashboardRows.Of);
        Map(dashboard, "hotspots", "热点网格", DashboardViews.HotspotsAsync, DashboardRows.Of);
        Map(dashboard, "durations", "时长分布", DashboardViews.DurationsAsync, DashboardRows.Of);
        Map(dashboard, "rankings", "比学赶超", Rankings.RankAsync, RankingRows.Of);
        Map(dashboard, "repeat-places", "重复发生点位", Rankings.RepeatAsync, RankingRows.Of);
        Map(dashboard, "in-hand", "包案", InHandFiguresStore.FiguresAsync, DashboardRows.Of);
    }

    private static void Map<T, TRow>(RouteGroupBuilder dashboard, string view, string sheet,
        Func<DbSession, DashboardScope, Task<T>> compute, Func<T, IEnumerable<TRow>> rows) =>
        dashboard.MapGet($"/{view}/export", async (IncidentsDatabase db, TimeProvider time, HttpContext http, IOptions<ExportOptions> options,
            string? unitCode, string? from, string? to, string? format) =>
        {
            await using var c = await db.OpenReadAsync();
            var (scope, errors) = await DashboardApi.ScopeAsync(c, time, Caller.Of(http), unitCode, from, to);
            // 403 (outside his units) before 400, as the JSON views answer.
            if (errors.Has(DashboardApi.OutsideJurisdiction)) return Jurisdiction.OutsideProblem();
            var kind = ExportFormats.Read(format, errors);
            if (scope is null || errors.Any) return errors.ToProblem();
            var figures = await compute(c, scope);
            return await TableFile.AnswerAsync(kind!.Value, $"dashboard-{view}-{scope.UnitCode}-{scope.From:yyyyMMdd}-{scope.To:yyyyMMdd}", sheet,
                () => rows(figures), options.Value.RowsPerSheet);
        }).WithSummary($"Dashboard: the {view} view as a file (XLSX or CSV)");
}
