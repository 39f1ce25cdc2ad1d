using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class IncidentFlaggedOverdueConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, IncidentFlaggedOverdue>(runner)
{
    protected override Task HandleAsync(IncidentFlaggedOverdue message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.FlaggedOverdueAsync(uow, message);
}
