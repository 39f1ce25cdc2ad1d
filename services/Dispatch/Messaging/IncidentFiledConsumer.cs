using Governance.Dispatch.Handling;

namespace Governance.Dispatch.Messaging;

/// <summary>A case was filed: route it.</summary>
public sealed class IncidentFiledConsumer(UnitOfWorkRunner<DispatchDatabase> runner, Router router)
    : TransactionalConsumer<DispatchDatabase, IncidentFiled>(runner)
{
    // Every case's path: routed in groups with the filings delivered at the same moment (TransactionalConsumer).
    protected override bool GroupCommitted => true;
    protected override Guid? LockOrder(IncidentFiled message) => message.IncidentId; // its case's rows

    protected override Task HandleAsync(IncidentFiled message, UnitOfWork<DispatchDatabase> uow, CancellationToken ct) =>
        router.RouteAsync(uow, message);
}
