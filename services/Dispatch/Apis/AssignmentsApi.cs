using Governance.Dispatch.Data;
using Governance.Dispatch.Model;
using Governance.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>A case's assignment with its escalation history, and a unit's queue.</summary>
public static class AssignmentsApi
{
    public sealed record AssignmentView(Assignment Assignment, IReadOnlyList<Escalation> Escalations);

    public static void MapAssignmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/assignments/{incidentId:guid}", GetAssignment);
        routes.MapGet("/dispatch/queue", GetQueue);
    }

    private static async Task<Results<Ok<AssignmentView>, NotFound>> GetAssignment(DispatchDatabase db, Guid incidentId)
    {
        await using var c = await db.OpenAsync();
        var assignment = await AssignmentStore.FindAsync(c, incidentId);
        if (assignment is null) return TypedResults.NotFound();
        return TypedResults.Ok(new AssignmentView(assignment, await AssignmentStore.EscalationsAsync(c, incidentId)));
    }

    /// <summary>Open cases a unit handles now (its command-centre queue), most urgent first.</summary>
    private static async Task<Results<Ok<IReadOnlyList<Assignment>>, ValidationProblem>> GetQueue(DispatchDatabase db, string? unitCode, int? limit)
    {
        var errors = new FieldErrors().Require("unitCode", unitCode, 32);
        if (limit is < 1 or > 1000) errors.Add("limit", "limit must be between 1 and 1000.");
        if (errors.Any) return errors.ToProblem();
        await using var c = await db.OpenAsync();
        return TypedResults.Ok(await AssignmentStore.QueueAsync(c, db.Provider, unitCode!, limit ?? 200));
    }
}
