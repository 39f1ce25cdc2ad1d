using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentSupervisedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentSupervised>(runner)
{
    protected override Task HandleAsync(IncidentSupervised message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.SupervisedAsync(uow, message);
}
