using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentUrgedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentUrged>(runner)
{
    protected override Task HandleAsync(IncidentUrged message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.UrgedAsync(uow, message);
}
