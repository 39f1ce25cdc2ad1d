using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentReturnedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentReturned>(runner)
{
    protected override Task HandleAsync(IncidentReturned message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.ReturnedAsync(uow, message);
}
