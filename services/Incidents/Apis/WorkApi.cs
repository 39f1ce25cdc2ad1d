using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Security;
using Governance.Infrastructure.UnitCopy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Governance.Incidents.Apis;

/// <summary>
/// "What is mine to do now", for every tier's work page: open cases the caller may act on, sorted
/// into buckets by what the permission model allows him (待签收, 办理中, 待核查, requests from below,
/// a department's parts, late cases below to urge or supervise). Each bucket is selected, counted and
/// paged in the database (<see cref="WorkBuckets"/>), overdue first, then by deadline: the list is complete,
/// and a page that shows part of a bucket says how many more there are and where they are.
/// </summary>
public static class WorkApi
{
    /// <param name="Bucket">to-accept, in-progress, to-verify, move-up-requests, department-parts or overdue-below.</param>
    /// <param name="Total">How many cases the bucket holds now.</param>
    /// <param name="Offset">How many of them come before <paramref name="Items"/>.</param>
    /// <param name="Next">The next page of the bucket; null when this one is the last.</param>
    public sealed record WorkBucket(string Bucket, long Total, int Offset, IReadOnlyList<IncidentView> Items, string? Next);

    public sealed record WorkList(IReadOnlyList<WorkBucket> Buckets);

    private sealed class CountRow
    {
        public string Bucket { get; init; } = default!;
        public long Total { get; init; }
    }

    public static void MapWorkApi(this IEndpointRouteBuilder routes) => routes.MapGet("/incidents/work", WorkAsync).WithSummary("The caller's work list: what is his to do now");

    /// <param name="bucket">Only this bucket (a page further on: with <paramref name="offset"/>).</param>
    /// <param name="limit">Cases per bucket, 1–500 (50).</param>
    /// <remarks>The case list's filters (<see cref="CaseListQuery"/>: q, category, grade, status, tier, unitCode, overdue,
    /// supervised, inHand, from, to, dueFrom, dueTo) narrow every bucket; the totals and the next pages are of the narrowed buckets.</remarks>
    private static async Task<Results<Ok<WorkList>, ValidationProblem>> WorkAsync(IncidentsDatabase db, HttpContext http,
        ILoggerFactory logs, string? bucket, int? limit, int? offset)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 500) errors.Add("limit", ProblemTexts.Between("limit", 1, 500));
        errors.Offset(offset);
        var filter = Read(http.Request.Query, bucket, errors);
        if (errors.Any) return errors.ToProblem();
        var (take, skip) = (limit ?? 50, offset ?? 0);
        var caller = Caller.Of(http);
        await using var c = await db.OpenReadAsync();
        if (!await CaseListQuery.UnitKnownAsync(c, filter, errors)) return errors.ToProblem();
        var sql = await BucketsAsync(c, caller, filter);
        sql.Parameters.AddDynamicParams(new { Bucket = bucket, Offset = skip, Limit = take });
        var totals = (await c.QueryAsync<CountRow>(sql.CountSql, sql.Parameters)).ToDictionary(r => r.Bucket, r => r.Total);
        var rows = await IncidentStore.TaggedAsync(c, sql.PageSql(bucket is not null), sql.Parameters);
        var views = await CaseViews.ItemsAsync(c, rows.Select(r => r.Incident), caller);
        for (var i = 0; i < rows.Count; i++)
            if (BucketOf(views[i].View, views[i].Read.Facts, caller) is var inCode && inCode != rows[i].Tag)
                // The SQL and the permission model must agree; a disagreement is a bug in one of them, worth finding.
                logs.CreateLogger(typeof(WorkApi)).LogWarning("Work list: case {Id} is in bucket {Sql} by SQL but {Code} by its allowed actions",
                    rows[i].Incident.Id, rows[i].Tag, inCode ?? "none");
        var pages = WorkBuckets.Names
            .Where(b => bucket is null ? totals.ContainsKey(b) : b == bucket)
            .Select(b =>
            {
                var total = totals.GetValueOrDefault(b);
                var items = views.Where((_, i) => rows[i].Tag == b).Select(v => v.View).ToList();
                var next = skip + take < total ? $"/incidents/work?bucket={b}&limit={take}&offset={skip + take}{Filters(http.Request.Query)}" : null;
                return new WorkBucket(b, total, skip, items, next);
            }).ToList();
        return TypedResults.Ok(new WorkList(pages));
    }

    /// <summary>The list's filters, and the bucket's name checked (null: every bucket).</summary>
    internal static CaseFilter Read(IQueryCollection query, string? bucket, FieldErrors errors)
    {
        if (bucket is not null && !WorkBuckets.Names.Contains(bucket))
            errors.Add("bucket", ProblemTexts.OneOf("bucket", string.Join(", ", WorkBuckets.Names)));
        return CaseListQuery.Read(query, errors);
    }

    /// <summary>The caller's buckets as SQL, narrowed by the filter: the roles he holds at each of his units.</summary>
    internal static async Task<WorkBuckets> BucketsAsync(DbSession c, Caller caller, CaseFilter filter)
    {
        var units = new List<WorkBuckets.Standing>();
        foreach (var code in caller.Units)
            if (await UnitCopyStore.FindAsync(c, code) is { } unit) units.Add(new WorkBuckets.Standing(unit.Code, unit.Level));
        return new WorkBuckets(c.Provider, caller, units, filter);
    }

    /// <summary>The request's filters as a query string's tail, so a next page is of the same narrowed bucket.</summary>
    private static string Filters(IQueryCollection query) => string.Concat(query
        .Where(q => q.Key is not ("bucket" or "limit" or "offset"))
        .SelectMany(q => q.Value.Select(v => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));

    /// <summary>The bucket of one case by its allowed actions: the rule <see cref="WorkBuckets"/> spells out in SQL.</summary>
    private static string? BucketOf(IncidentView view, CaseFacts facts, Caller caller)
    {
        var can = view.AllowedActions;
        if (can.Contains(CaseAction.DecideMoveUp)) return "move-up-requests";
        if (can.Contains(CaseAction.Accept)) return "to-accept";
        if (can.Contains(CaseAction.Verify)) return "to-verify";
        if (can.Contains(CaseAction.Resolve)) return "in-progress";
        if (can.Contains(CaseAction.DepartmentWork)) return "department-parts";
        var late = view.Overdue || view.FlaggedOverdueAt is not null;
        if (late && (can.Contains(CaseAction.Urge) || can.Contains(CaseAction.Supervise))
            && !caller.Unrestricted && Relations.Of(caller.Person, facts).Contains(Relation.Above)) return "overdue-below";
        return null;
    }
}
