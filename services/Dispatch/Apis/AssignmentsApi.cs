using Governance.Dispatch.Permissions;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Dispatch.Apis;

/// <summary>A case's assignment with its escalations, the departments called in and the history of
/// every step Dispatch took on it, with who took it.</summary>
public static class AssignmentsApi
{
    /// <param name="CoHandlers">The co-handlers and their deadlines (as before departments had parts).</param>
    /// <param name="Departments">Every department called in now, lead included, with its check-in and feedback.</param>
    public sealed record AssignmentView(Assignment Assignment, IReadOnlyList<Escalation> Escalations, IReadOnlyList<DepartmentAssignment> CoHandlers,
        IReadOnlyList<DepartmentPart> Departments, IReadOnlyList<HistoryEntry> History);

    public static void MapAssignmentsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/dispatch/assignments/{incidentId:guid}", GetAssignment).WithSummary("A case's assignment: tier, holder and deadline").Performs(CaseAction.Read);
    }

    private static async Task<Results<Ok<AssignmentView>, NotFound>> GetAssignment(DispatchDatabase db, Guid incidentId)
    {
        await using var c = await db.OpenReadAsync();
        var assignment = await AssignmentStore.FindAsync(c, incidentId);
        if (assignment is null) return TypedResults.NotFound();
        var departments = await DepartmentPartStore.ForCaseAsync(c, incidentId);
        var coHandlers = departments.Where(d => d.Role == DepartmentRole.CoHandler).Select(d => new DepartmentAssignment(d.DepartmentCode, d.DueAt)).ToList();
        return TypedResults.Ok(new AssignmentView(assignment, await AssignmentStore.EscalationsAsync(c, incidentId), coHandlers,
            departments.Select(d => d.Role == DepartmentRole.Lead ? d with { DueAt = d.OwnDueAt(assignment) } : d).ToList(),
            await HistoryStore.ListAsync(c, incidentId)));
    }
}
