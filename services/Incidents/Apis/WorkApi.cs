using Governance.Incidents.Data;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Hosting;
using Governance.Infrastructure.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Incidents.Apis;

/// <summary>
/// "What is mine to do now", for every tier's work page: open cases the caller may act on, sorted
/// into buckets by what the permission model allows him (待签收, 办理中, 待核查, requests from below,
/// late cases below to urge or supervise), overdue first.
/// </summary>
public static class WorkApi
{
    /// <param name="Bucket">to-accept, in-progress, to-verify, move-up-requests, department-parts or overdue-below.</param>
    public sealed record WorkItem(string Bucket, IncidentView Case);

    /// <summary>How many open cases a work list looks through: a township's open caseload, not its history.</summary>
    private const int Scan = 1000;

    public static void MapWorkApi(this IEndpointRouteBuilder routes) => routes.MapGet("/incidents/work", WorkAsync);

    private static async Task<Results<Ok<IReadOnlyList<WorkItem>>, ValidationProblem>> WorkAsync(IncidentsDatabase db, HttpContext http, int? limit)
    {
        if (limit is < 1 or > 500) return new FieldErrors().Add("limit", "limit must be between 1 and 500.").ToProblem();
        var caller = Caller.Of(http);
        await using var c = await db.OpenReadAsync();
        var open = await IncidentStore.ListAsync(c, null, null, Scan, await IncidentsApi.ReachAsync(c, caller), openOnly: true);
        var items = new List<WorkItem>();
        foreach (var (view, facts) in await CaseViews.ItemsAsync(c, open, caller))
            if (BucketOf(view, facts, caller) is { } bucket) items.Add(new WorkItem(bucket, view));
        return TypedResults.Ok<IReadOnlyList<WorkItem>>(items
            .OrderByDescending(i => i.Case.Overdue || i.Case.FlaggedOverdueAt is not null)
            .ThenBy(i => i.Case.DueAt ?? DateTimeOffset.MaxValue)
            .Take(limit ?? 200).ToList());
    }

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
