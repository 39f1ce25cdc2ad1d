using Governance.Incidents.Handling;

namespace Governance.Incidents.Messaging;

public sealed class DeadlineWarningConsumer(UnitOfWorkRunner<IncidentsDatabase> runner)
    : TransactionalConsumer<IncidentsDatabase, DeadlineWarning>(runner)
{
    protected override Task HandleAsync(DeadlineWarning message, UnitOfWork<IncidentsDatabase> uow, CancellationToken ct) =>
        AssignmentUpdates.WarningAsync(uow, message);
}
