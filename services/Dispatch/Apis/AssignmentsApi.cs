using Governance.Contracts;
using Governance.Dispatch.Data;
using Governance.Dispatch.Model;
using Governance.Infrastructure.Hosting;
using Governance.Dispatch.Permissions;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>A case's assignment with its escalation history and co-handlers.</summary>
public static class AssignmentsApi
{
    public sealed record AssignmentView(Assignment Assignment, IReadOnlyList<Escalation> Escalations, IReadOnlyList<DepartmentAssignment> CoHandlers);

    public static void MapAssignmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/assignments/{incidentId:guid}", GetAssignment).Performs(CaseAction.Read);
    }

    private static async Task<Results<Ok<AssignmentView>, NotFound>> GetAssignment(DispatchDatabase db, Guid incidentId)
    {
        await using var c = await db.OpenAsync();
        var assignment = await AssignmentStore.FindAsync(c, incidentId);
        if (assignment is null) return TypedResults.NotFound();
        return TypedResults.Ok(new AssignmentView(assignment, await AssignmentStore.EscalationsAsync(c, incidentId),
            await AssignmentStore.CoHandlersAsync(c, incidentId)));
    }
}
