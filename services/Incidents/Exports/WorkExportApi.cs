using Governance.Incidents.Apis;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Exports;

/// <summary>
/// The work list as a file (XLSX or CSV): one bucket, or every bucket in the list's order, with the list's
/// filters, unpaged. The same SQL as GET /incidents/work (<see cref="WorkBuckets"/>), so it holds exactly the
/// cases the caller may act on; rows as the case list's export (<see cref="CaseRow"/>: numbers masked, cells
/// that would be formulas neutralised). Read on a read session, never in a transaction.
/// </summary>
public static class WorkExportApi
{
    public static void MapWorkExportApi(this IEndpointRouteBuilder routes) => routes.MapGet("/incidents/work/export", ExportAsync).WithSummary("The caller's work list as a file");

    /// <param name="bucket">Only this bucket; none: every bucket.</param>
    private static async Task<IResult> ExportAsync(IncidentsDatabase db, HttpContext http, IOptions<ExportOptions> options,
        TimeProvider time, string? bucket, string? format)
    {
        var errors = new FieldErrors();
        var filter = WorkApi.Read(http.Request.Query, bucket, errors);
        var kind = ExportFormats.Read(format, errors);
        if (errors.Any) return errors.ToProblem();
        var now = time.GetUtcNow();
        await using var c = await db.OpenReadAsync();
        if (!await CaseListQuery.UnitKnownAsync(c, filter, errors)) return errors.ToProblem();
        var sql = await WorkApi.BucketsAsync(c, Caller.Of(http), filter);
        sql.Parameters.Add("Bucket", bucket);
        var names = await UnitCopyStore.NamesAsync(c);
        return await TableFile.AnswerAsync(kind!.Value, $"{bucket ?? "work"}-{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}", "待办",
            () => IncidentStore.StreamSql(c, sql.AllSql(bucket is not null), sql.Parameters).Select(i => CaseRow.Of(i, names)),
            options.Value.RowsPerSheet);
    }
}
