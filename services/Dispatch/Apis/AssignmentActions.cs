using Governance.Dispatch.Handling;
using Governance.Infrastructure.Authority;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Governance.Dispatch.Apis;

/// <summary>Runs a person's action on a case's open assignment in one unit of work: 404 when Dispatch
/// has no assignment for it, 409 when the case is not open, moved since the permission check
/// (<see cref="DecidedCase"/>), or the action refuses.</summary>
internal static class AssignmentActions
{
    /// <summary>For an action that answers nothing but that it was done (200 without a body).</summary>
    public static async Task<Results<Ok, ValidationProblem, NotFound, ProblemHttpResult>> ActAsync(
        UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http, Guid incidentId,
        Func<UnitOfWork<DispatchDatabase>, Assignment, Task<Outcome<Assignment>>> action) =>
        DispatchModule.Answers.Empty(await RunAsync(runner, http, incidentId, action));

    /// <summary>The action's outcome, or why the case's assignment refuses any action now.</summary>
    public static async Task<Outcome<T>> RunAsync<T>(
        UnitOfWorkRunner<DispatchDatabase> runner, HttpContext http, Guid incidentId, Func<UnitOfWork<DispatchDatabase>, Assignment, Task<Outcome<T>>> action)
    {
        var decided = DecidedCase.Of(http);
        return await runner.RunAsync(async uow =>
        {
            var assignment = await AssignmentStore.FindAsync(uow, incidentId);
            if (assignment is null) return new Outcome<T>.NotFound();
            if (assignment.Status is not (AssignmentStatus.Active or AssignmentStatus.Overdue))
                return new Outcome<T>.Conflict(DispatchTexts.OnlyOpenDispatched(assignment.Status.ToString()));
            if (decided is not null && !decided.StillHeldAt(assignment.Tier, assignment.UnitCode))
                return new Outcome<T>.Conflict(DecidedCase.MovedRefusal);
            return await action(uow, assignment);
        });
    }
}
