using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentRoutedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentRouted>(runner)
{
    protected override Task HandleAsync(IncidentRouted message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.RoutedAsync(uow, message);
}
