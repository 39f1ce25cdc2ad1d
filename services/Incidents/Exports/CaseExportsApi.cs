using Governance.Incidents.Apis;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Governance.Incidents.Exports;

/// <summary>
/// A case list as a file (XLSX or CSV), with the list's filters (<see cref="CaseListQuery"/>), and 问题清单
/// (open cases past their deadline, the latest deadline last). Each holds exactly the cases the caller may
/// list (GET /incidents): the same reach, the same filter SQL. Read on a read session, never in a transaction,
/// so a long export never holds up a filing (on SQLite it does not wait behind the writer either).
/// </summary>
public static class CaseExportsApi
{
    public static void MapCaseExportsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/incidents/export", ExportCases).WithSummary("The case list as a file (XLSX or CSV)");
        routes.MapGet("/incidents/problems/export", ExportProblems).WithSummary("Overdue open cases (问题清单) as a file");
    }

    private static Task<IResult> ExportCases(IncidentsDatabase db, HttpContext http, IOptions<ExportOptions> options,
        TimeProvider time, string? format) =>
        ExportAsync(db, http, options.Value, time.GetUtcNow(), format, "cases", "案件清单", filter => filter, (i, names, _) => CaseRow.Of(i, names),
            "filed_at_ms DESC, id DESC");

    /// <summary>问题清单: the list's filters too (a township's, a category's), always open and overdue.</summary>
    private static Task<IResult> ExportProblems(IncidentsDatabase db, HttpContext http, IOptions<ExportOptions> options,
        TimeProvider time, string? format) =>
        ExportAsync(db, http, options.Value, time.GetUtcNow(), format, "problems", "问题清单", filter => filter with { OpenOnly = true, Overdue = true },
            (i, names, now) => ProblemRow.Of(i, names, now), "due_at_ms, id");

    private static async Task<IResult> ExportAsync<T>(IncidentsDatabase db, HttpContext http, ExportOptions options, DateTimeOffset now,
        string? format, string fileName, string sheet, Func<CaseFilter, CaseFilter> narrow,
        Func<Model.Incident, IReadOnlyDictionary<string, string>, DateTimeOffset, T> row, string orderBy)
    {
        var errors = new FieldErrors();
        var filter = narrow(CaseListQuery.Read(http.Request.Query, errors));
        var kind = ExportFormats.Read(format, errors);
        if (errors.Any) return errors.ToProblem();
        var caller = Caller.Of(http);
        await using var c = await db.OpenReadAsync();
        if (!await CaseListQuery.UnitKnownAsync(c, filter, errors)) return errors.ToProblem();
        var reach = await IncidentsApi.ReachAsync(c, caller);
        var names = await UnitCopyStore.NamesAsync(c);
        return await TableFile.AnswerAsync(kind!.Value, $"{fileName}-{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}", sheet,
            () => IncidentStore.Stream(c, filter, reach, orderBy).Select(i => row(i, names, now)), options.RowsPerSheet);
    }
}
