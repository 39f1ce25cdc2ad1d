using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentEscalatedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentEscalated>(runner)
{
    protected override Task HandleAsync(IncidentEscalated message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.EscalatedAsync(uow, message);
}
