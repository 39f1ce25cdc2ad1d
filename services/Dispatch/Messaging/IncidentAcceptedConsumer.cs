namespace Governance.Dispatch.Messaging;

/// <summary>The handling unit acknowledged the case (签收).</summary>
public sealed class IncidentAcceptedConsumer(UnitOfWorkRunner<DispatchDatabase> runner)
    : TransactionalConsumer<DispatchDatabase, IncidentAccepted>(runner)
{
    protected override async Task HandleAsync(IncidentAccepted message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        await AssignmentStore.UpdateAsync(uow, assignment with { AcceptedAt = message.At }, uow.Now);
    }
}
