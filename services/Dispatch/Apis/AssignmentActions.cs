using Governance.Dispatch.Data;
using Governance.Dispatch.Model;
using Governance.Infrastructure.Authority;
using Governance.Infrastructure.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Dispatch.Apis;

/// <summary>Runs a person's action on a case's open assignment in one unit of work: 404 when Dispatch
/// has no assignment for it, 409 when the case is not open, moved since the permission check
/// (<see cref="DecidedCase"/>), or the action refuses.</summary>
internal static class AssignmentActions
{
    /// <summary>The action returns why it refuses, or null.</summary>
    public static async Task<Results<Ok, NotFound, ValidationProblem, ProblemHttpResult>> ActAsync(
        UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http, Guid incidentId, Func<UnitOfWork<DispatchDatabase>, Assignment, Task<string?>> action)
    {
        var (found, refusal, _) = await RunAsync<bool>(runner, http, incidentId, async (uow, a) => (await action(uow, a), true));
        return !found ? TypedResults.NotFound() : refusal is null ? TypedResults.Ok() : Conflict(refusal);
    }

    /// <summary>The same for an action that answers with a result: it returns (refusal, result).</summary>
    public static async Task<(bool Found, string? Refusal, T? Result)> RunAsync<T>(
        UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http, Guid incidentId, Func<UnitOfWork<DispatchDatabase>, Assignment, Task<(string?, T?)>> action)
    {
        var decided = DecidedCase.Of(http);
        return await runner.RunAsync(async uow =>
        {
            var assignment = await AssignmentStore.FindAsync(uow, incidentId);
            if (assignment is null) return (false, (string?)null, default(T));
            if (assignment.Status is not (AssignmentStatus.Active or AssignmentStatus.Overdue))
                return (true, $"The case is {assignment.Status}: only open cases can be dispatched.", default);
            if (decided is not null && !decided.StillHeldAt(assignment.Tier, assignment.UnitCode))
                return (true, DecidedCase.MovedRefusal, default);
            var (refusal, result) = await action(uow, assignment);
            return (true, refusal, result);
        });
    }

    public static ProblemHttpResult Conflict(string refusal) =>
        TypedResults.Problem(refusal, statusCode: StatusCodes.Status409Conflict, title: "Not allowed for this case now");
}
