using Governance.Dispatch.Handling;

namespace Governance.Dispatch.Messaging;

/// <summary>The handler asked to move the case up, with a reason: the move is recorded as his.</summary>
public sealed class EscalationRequestedConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Escalator escalator)
    : TransactionalConsumer<DispatchDatabase, EscalationRequested>(runner)
{
    protected override async Task HandleAsync(EscalationRequested message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        if (assignment.Status is AssignmentStatus.Active or AssignmentStatus.Overdue)
            await escalator.EscalateAsync(uow, assignment, EscalationReason.HandlerRequested, message.Reason, message.By);
    }
}
