using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentRoutedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentRouted>(runner)
{
    // Every case's path: recorded in groups with the routings delivered at the same moment (TransactionalConsumer).
    protected override bool GroupCommitted => true;
    protected override Guid? LockOrder(IncidentRouted message) => message.IncidentId; // its case's rows

    protected override Task HandleAsync(IncidentRouted message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.RoutedAsync(uow, message);
}
