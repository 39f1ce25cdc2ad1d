using Governance.Contracts;
using Governance.Incidents.Data;
using Governance.Incidents.Handling;
using Governance.Infrastructure.Messaging;

namespace Governance.Incidents.Messaging;

public sealed class IncidentEscalatedConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentEscalated>(runner)
{
    protected override Task HandleAsync(IncidentEscalated message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.EscalatedAsync(uow, message);
}
