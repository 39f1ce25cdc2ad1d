namespace Governance.Dispatch.Messaging;

/// <summary>The handler resolved the case: its clock stops while it waits for verification.</summary>
public sealed class IncidentResolvedConsumer(UnitOfWorkRunner<DispatchDatabase> runner)
    : TransactionalConsumer<DispatchDatabase, IncidentResolved>(runner)
{
    protected override async Task HandleAsync(IncidentResolved message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        await AssignmentStore.UpdateAsync(uow, assignment with { Status = AssignmentStatus.Resolved }, uow.Now);
    }
}
