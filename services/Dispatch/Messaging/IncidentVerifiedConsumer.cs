using Governance.Dispatch.Handling;

namespace Governance.Dispatch.Messaging;

/// <summary>The result was checked. Solved closes the assignment; partly or not solved starts the
/// tier's clock again; "not solved" a second time moves the case up one tier.</summary>
public sealed class IncidentVerifiedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator)
    : TransactionalConsumer<DispatchDatabase, IncidentVerified>(runner)
{
    public const int NotSolvedAnswersBeforeEscalation = 2;

    protected override async Task HandleAsync(IncidentVerified message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        if (message.Result == VerificationResult.Solved)
            await AssignmentStore.UpdateAsync(uow, assignment with { Status = AssignmentStatus.Closed }, uow.Now);
        else if (message.Result == VerificationResult.NotSolved && message.NotSolvedCount >= NotSolvedAnswersBeforeEscalation
                 && assignment.Tier != Tier.County)
            await escalator.EscalateAsync(uow, assignment, EscalationReason.RejectedTwice, message.Comment, SystemActors.Verification);
        else
            await escalator.RestartClockAsync(uow, assignment, SystemActors.Verification);
    }
}
