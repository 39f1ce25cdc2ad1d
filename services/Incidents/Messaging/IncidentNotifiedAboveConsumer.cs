using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentNotifiedAboveConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentNotifiedAbove>(runner)
{
    protected override Task HandleAsync(IncidentNotifiedAbove message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.NotifiedAboveAsync(uow, message);
}
