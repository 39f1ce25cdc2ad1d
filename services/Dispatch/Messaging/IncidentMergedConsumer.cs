namespace Governance.Dispatch.Messaging;

/// <summary>A duplicate was merged into another case: its clock stops for good.</summary>
public sealed class IncidentMergedConsumer(UnitOfWorkRunner<DispatchDatabase> runner)
    : TransactionalConsumer<DispatchDatabase, IncidentMerged>(runner)
{
    protected override async Task HandleAsync(IncidentMerged message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct)
    {
        var assignment = await AssignmentLookup.RequireAsync(uow, message.IncidentId);
        await AssignmentStore.UpdateAsync(uow, assignment with { Status = AssignmentStatus.Closed }, uow.Now);
        await CaseReporterStore.CopyAsync(uow, message.IncidentId, message.IntoIncidentId);
    }
}
